import { sql } from 'drizzle-orm';
import { expandPage } from '../src/audience/targeting';
import { queryRows } from '../src/db/database';
import { targetingOf } from '../src/pushes/service';
import { sandboxUnionId } from '../src/sandbox/sandbox';
import { WechatApiError } from '../src/wechat/client/api-errors';
import { anEditor, logIn, type AdminClient } from './support/admin';
import { aNotice, publish } from './support/builders';
import { aSubmittedPush, resetPushes } from './support/pushes';
import { aSubscriber, type Person } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';

/**
 * One message per person across channels: followers get their unionid from cgi-bin/user/info (the
 * sandbox answers as documented), mini-program users from jscode2session; a person targeted on both
 * channels gets one message, the other row is skipped as duplicate_person, and the dry run counts people.
 */

const TOPIC = 'employment_subsidy';
const SUB_TPL = 'SUBTPL_unionid_notice';
const channels = {
  template: { templateId: 'TPL_unionid_notice', keywords: { thing1: { field: 'title' } } },
  subscribe: { templateId: SUB_TPL, keywords: { thing1: { field: 'title' } } },
};

describe('one message per person across channels', () => {
  let t: TestSystem;
  let author: AdminClient;
  let contentId: number;

  beforeAll(async () => {
    t = await startTestSystem();
    await anEditor(t, 'union-author', 'editor');
    await anEditor(t, 'union-reviewer', 'reviewer');
    contentId = (await publish(t.system.content, aNotice({ title: '就业补贴发放公告', topics: [TOPIC], audiences: [] }))).id;
  }, 120_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetPushes(t);
    author = await logIn(t, 'union-author');
  });

  /** The follower of the named sandbox resident (the same person as `fake-code-<name>`), unionid not yet known. */
  async function follower(name: string, p: Partial<Person> = {}) {
    const { openid } = await t.system.sandbox!.namedResident(name);
    return aSubscriber(t, { channel: 'oa', topics: [TOPIC], openid, ...p });
  }
  /** The mini-program user of `fake-code-<name>`, as login stores them (with the unionid). */
  async function mpUser(name: string, p: Partial<Person> = {}) {
    const openid = t.system.sandbox!.openidForCode(`fake-code-${name}`)!;
    return aSubscriber(t, { channel: 'mp', topics: [TOPIC], openid, unionid: sandboxUnionId(name), subscribeTemplate: SUB_TPL, ...p });
  }

  const draft = () => aSubmittedPush(author, { contentId, topics: [TOPIC], districts: [], audiences: [], ...channels });

  it('when user/info is asked, then the sandbox answers as WeChat does: followers, former followers, strangers', async () => {
    const oa = t.system.wechat.oa;
    const { openid, unionid } = await t.system.sandbox!.namedResident('grace');
    expect(await oa.userInfo(openid)).toEqual({ openid, subscribed: false, unionid });
    await t.system.sandbox!.follow(openid);
    expect(await oa.userInfo(openid)).toEqual({ openid, subscribed: true, unionid: sandboxUnionId('grace') });
    const stranger = 'oStrangerNotOfThisAccount01';
    const failure = await oa.userInfo(stranger).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WechatApiError);
    expect((failure as WechatApiError).errcode).toBe(40003);
    // One openid that is not the account's fails the whole batch, as on WeChat.
    expect(((await oa.userInfoBatch([openid, stranger]).catch((err: unknown) => err)) as WechatApiError).errcode).toBe(40003);
    const plain = 'oPlainFollower0000000000001';
    await t.system.sandbox!.follow(plain);
    expect(await oa.userInfoBatch([openid, plain])).toEqual([
      { openid, subscribed: true, unionid: sandboxUnionId('grace') },
      { openid: plain, subscribed: true, unionid: expect.stringMatching(/^oU/) },
    ]);
  });

  it('when one follower row holds an openid that is not the account’s, then the others still get their unionid and it is asked again only much later', async () => {
    const known = await follower('heidi');
    // Not following: the sandbox does not know the openid at all.
    const stranger = await aSubscriber(t, { channel: 'oa', topics: [TOPIC], openid: 'oStrangerNotOfThisAccount02', following: false });
    // The batch fails with 40003 as a whole; asked one by one, heidi is found and the stranger is put off.
    expect(await t.system.unionIds.resolvePending()).toEqual({ asked: 2, found: 1 });
    const rows = await queryRows<{ id: string | number; unionid: string | null; unionid_lookup_at: string | Date | null }>(
      t.connection.db,
      sql`select id, unionid, unionid_lookup_at from subscribers where id in (${known.id}, ${stranger.id}) order by id`,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    expect(byId.get(Number(known.id))).toMatchObject({ unionid: sandboxUnionId('heidi'), unionid_lookup_at: null });
    expect(byId.get(Number(stranger.id))?.unionid).toBeNull();
    // 30 days by default: a month of minute ticks passes without asking again.
    const askAgainAt = new Date(byId.get(Number(stranger.id))!.unionid_lookup_at!).getTime();
    expect(askAgainAt - t.clock.now().getTime()).toBe(30 * 86_400_000);
    t.clock.set(new Date(askAgainAt - 60_000).toISOString());
    expect(await t.system.unionIds.resolvePending()).toEqual({ asked: 0, found: 0 });
  });

  it('when linked and unlinked people are on both channels, then each reachable person gets exactly one message and the statistics add up', async () => {
    await follower('alice');
    await mpUser('alice', { credits: 1 }); // both reachable: the subscribe message
    await follower('bob');
    await mpUser('bob'); // no credit: the template message
    await follower('carol', { following: false });
    await mpUser('carol', { credits: 1 }); // unfollowed: the subscribe message
    await follower('dave', { following: false });
    await mpUser('dave'); // reachable on neither
    const plainFollower = await aSubscriber(t, { channel: 'oa', topics: [TOPIC] });
    const plainUser = await aSubscriber(t, { channel: 'mp', topics: [TOPIC], subscribeTemplate: SUB_TPL, credits: 1 });
    await follower('erin');
    await mpUser('erin', { credits: 1, topics: ['social_insurance'] }); // only the follower is targeted

    // frank logs in for real (jscode2session gives the unionid) and accepts the subscribe request.
    const login = await json<{ token: string }>(await t.post('/api/v1/session', { code: 'fake-code-frank' }));
    const bearer = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    await json(await fetch(`${t.url}/api/v1/me/subscriptions/${TOPIC}`, { method: 'PUT', headers: bearer, body: JSON.stringify({ districts: [], audiences: [] }) }));
    await t.connection.db.execute(sql`insert into subscribe_templates (template_id, kind, title, created_at) values (${SUB_TPL}, 'one_time', '补贴通知', now()) on conflict do nothing`);
    await json(await fetch(`${t.url}/api/v1/me/subscribe-results`, { method: 'POST', headers: bearer, body: JSON.stringify({ [SUB_TPL]: 'accept' }) }));
    await t.system.sandbox!.grantSubscribeCredit(t.system.sandbox!.openidForCode('fake-code-frank')!, SUB_TPL);
    await follower('frank');

    const id = await draft();
    type Dry = { oa: { eligible: number; excluded: Record<string, number> }; mp: { eligible: number; excluded: Record<string, number> }; persons: Record<string, number> };
    const before = await json<Dry>(await author.call('POST', `/pushes/${id}/dry-run`, {}));
    expect(before.persons).toEqual({ targeted: 13, reached: 9, duplicatesFolded: 0 }); // followers' unionids not known yet

    expect(await t.system.unionIds.resolvePending()).toEqual({ asked: 7, found: 7 });
    expect(await t.system.unionIds.resolvePending()).toEqual({ asked: 0, found: 0 });
    const dry = await json<Dry>(await author.call('POST', `/pushes/${id}/dry-run`, {}));
    expect(dry.oa).toEqual({ eligible: 3, excluded: { duplicate_person: 3, unfollowed: 1 } });
    expect(dry.mp).toEqual({ eligible: 4, excluded: { duplicate_person: 1, no_credit: 1 } });
    expect(dry.persons).toEqual({ targeted: 8, reached: 7, duplicatesFolded: 4 });

    await json(await (await logIn(t, 'union-reviewer')).call('POST', `/pushes/${id}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    const messages = await t.system.sandbox!.messages();
    const unionOf = async (openid: string) => (await queryRows<{ unionid: string }>(t.connection.db, sql`select unionid from subscribers where openid = ${openid}`))[0]?.unionid;
    const people = await Promise.all(messages.map((m) => unionOf(m.touser)));
    expect(new Set(people).size).toBe(messages.length); // nobody twice
    const by = (openid: string) => messages.filter((m) => m.touser === openid).map((m) => m.kind);
    expect(by(t.system.sandbox!.openidForCode('fake-code-alice')!)).toEqual(['subscribe']);
    expect(by((await t.system.sandbox!.namedResident('bob')).openid)).toEqual(['template']);
    expect(by(t.system.sandbox!.openidForCode('fake-code-carol')!)).toEqual(['subscribe']);
    expect(by(t.system.sandbox!.openidForCode('fake-code-frank')!)).toEqual(['subscribe']);
    expect(by(plainFollower.openid)).toEqual(['template']);
    expect(by(plainUser.openid)).toEqual(['subscribe']);
    expect(by((await t.system.sandbox!.namedResident('erin')).openid)).toEqual(['template']);
    expect(messages).toHaveLength(7);
    await t.system.sandbox!.settled();
    const stats = await json<{ stats: Record<string, unknown> }>(await (await logIn(t, 'union-author')).call('GET', `/pushes/${id}`));
    expect(stats.stats).toMatchObject({ targeted: 13, sent: 7, skipped: { duplicate_person: 4, unfollowed: 1, no_credit: 1 } });
  });

  it('when the audience is written in pages and a person’s first row was already sent, then their other row is still folded', async () => {
    // The mini-program row comes first (lower id): written and sent, its credit used, before the follower's page.
    const user = await mpUser('heidi', { credits: 1 });
    await follower('heidi');
    await t.system.unionIds.resolvePending();
    const id = await draft();
    const push = await t.system.pushes.service.load(id);
    const page = (after: number) => expandPage(t.connection.db, { pushId: id, targeting: targetingOf(push), after, pageSize: 1, now: t.clock.now() });
    const first = await page(0);
    await t.connection.db.execute(sql`update push_deliveries set status = 'sent' where push_id = ${id}`);
    await t.connection.db.execute(sql`update subscribe_credits set remaining = 0 where subscriber_id = ${user.id}`);
    await page(first!);
    const rows = await queryRows<{ channel: string; status: string; reason: string | null }>(
      t.connection.db,
      sql`select channel, status, reason from push_deliveries where push_id = ${id} order by subscriber_id`,
    );
    expect(rows).toEqual([
      { channel: 'mp', status: 'sent', reason: null },
      { channel: 'oa', status: 'skipped', reason: 'duplicate_person' },
    ]);
  });

  it('when another push uses the person’s only credit after this one was written, then this one reaches them by template message instead', async () => {
    const user = await mpUser('ivan', { credits: 1 });
    const { openid: followerOpenid } = await follower('ivan');
    await t.system.unionIds.resolvePending();
    const later = await draft();
    const push = await t.system.pushes.service.load(later);
    // Written while the credit is still there: the subscribe message is chosen, the follower row folded.
    await expandPage(t.connection.db, { pushId: later, targeting: targetingOf(push), after: 0, pageSize: 100, now: t.clock.now() });
    const reviewer = await logIn(t, 'union-reviewer');
    const first = await draft();
    await json(await reviewer.call('POST', `/pushes/${first}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    await json(await reviewer.call('POST', `/pushes/${later}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    expect((await t.system.sandbox!.messagesTo(user.openid)).map((m) => m.kind)).toEqual(['subscribe']);
    expect((await t.system.sandbox!.messagesTo(followerOpenid)).map((m) => m.kind)).toEqual(['template']);
    const stats = await json<{ stats: Record<string, unknown> }>(await (await logIn(t, 'union-author')).call('GET', `/pushes/${later}`));
    expect(stats.stats).toMatchObject({ targeted: 2, sent: 1, skipped: { no_credit: 1 } });
  });
});
