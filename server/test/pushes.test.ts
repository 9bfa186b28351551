import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { anEditor, logIn, type AdminClient } from './support/admin';
import { aNotice, publish } from './support/builders';
import { aSubmittedPush, resetPushes } from './support/pushes';
import { aSubscriber, type Person } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';

/**
 * Targeted pushes end to end: the console API over HTTP, the worker sending to the sandbox, the real
 * database. TEST_NOW is 10:00 in Beijing, outside the quiet hours.
 */

const TPL = 'TPL_push_notice';
const SUB_TPL = 'SUBTPL_push_notice';
const TOPIC = 'employment_subsidy';

/** A subscriber to TOPIC unless told otherwise, with subscribe credits for SUB_TPL. */
const seedPerson = async (t: TestSystem, p: Omit<Person, 'topics' | 'subscribeTemplate'> & { topics?: string[] }): Promise<string> =>
  (await aSubscriber(t, { topics: [TOPIC], subscribeTemplate: SUB_TPL, ...p })).openid;

const channels = { template: { templateId: TPL, keywords: { thing1: { field: 'title' }, time2: { text: '2026年12月1日 09:00' } } } };
const both = { ...channels, subscribe: { templateId: SUB_TPL, keywords: { thing1: { field: 'title' }, thing2: { text: '请按时办理' } } } };

describe('targeted pushes', () => {
  let t: TestSystem;
  let author: AdminClient;
  let reviewer: AdminClient;
  let contentId: number;

  beforeAll(async () => {
    t = await startTestSystem();
    await anEditor(t, 'push-author', 'editor');
    await anEditor(t, 'push-reviewer', 'reviewer');
    contentId = (await publish(t.system.content, aNotice({ title: '就业补贴申领提醒', topics: [TOPIC] }))).id;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetPushes(t);
    // Sessions follow the test clock, which earlier tests moved on by hours.
    author = await logIn(t, 'push-author');
    reviewer = await logIn(t, 'push-reviewer');
  });

  const draft = (body: Record<string, unknown> = {}) => aSubmittedPush(author, { contentId, topics: [TOPIC], districts: [], audiences: [], ...channels, ...body });

  async function approve(id: number, sendAt: string | null = null) {
    await json(await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt }));
    await t.system.pushes.worker.idle();
  }

  // A fresh session: the test clock may have moved past the last one's idle timeout.
  const stats = async (id: number) => json<{ stats: Record<string, unknown>; push: { status: string } }>(await (await logIn(t, 'push-author')).call('GET', `/pushes/${id}`));

  it('when the audience mixes districts, audiences, topics, channels, credits and unfollows, then the dry run counts exactly who is reached and why others are not', async () => {
    await seedPerson(t, { channel: 'oa', district: 'jingkou' }); // reached
    await seedPerson(t, { channel: 'oa', district: 'runzhou' }); // other district: not targeted
    await seedPerson(t, { channel: 'oa', district: null, subDistricts: ['jingkou'] }); // narrowed subscription: reached
    await seedPerson(t, { channel: 'oa', district: 'jingkou', following: false }); // unfollowed
    await seedPerson(t, { channel: 'oa', district: 'jingkou', topics: ['other_topic'] }); // other topic: not targeted
    await seedPerson(t, { channel: 'oa', district: 'jingkou', audiences: ['enterprise'] }); // other audience: not targeted
    await seedPerson(t, { channel: 'oa', district: 'jingkou', audiences: ['graduate'] }); // reached
    await seedPerson(t, { channel: 'mp', district: 'jingkou', credits: 2 }); // reached
    await seedPerson(t, { channel: 'mp', district: 'jingkou' }); // no credit
    await seedPerson(t, { channel: 'mp', district: 'jingkou', credits: 0, rejected: true }); // opted out
    const id = await draft({ ...both, districts: ['jingkou'], audiences: ['graduate', 'individual'] });
    const dry = await json<Record<string, { eligible: number; excluded: Record<string, number> }>>(await author.call('POST', `/pushes/${id}/dry-run`, {}));
    expect(dry.oa).toEqual({ eligible: 1, excluded: {} });
    expect(dry.mp).toEqual({ eligible: 0, excluded: {} });
    expect(await t.system.sandbox!.messages()).toHaveLength(0);

    const citywide = await draft({ ...both });
    const all = await json<Record<string, { eligible: number; excluded: Record<string, number> }>>(await author.call('POST', `/pushes/${citywide}/dry-run`, {}));
    expect(all.oa).toEqual({ eligible: 5, excluded: { unfollowed: 1 } });
    expect(all.mp).toEqual({ eligible: 1, excluded: { no_credit: 1, opted_out: 1 } });
  });

  it('when a push is approved for a later time, then nothing is sent before it and every reachable recipient gets one message at it', async () => {
    const a = await seedPerson(t, { channel: 'oa' });
    const m = await seedPerson(t, { channel: 'mp', credits: 1 });
    await seedPerson(t, { channel: 'mp' });
    const id = await draft(both);
    await approve(id, '2026-11-27T15:00:00+08:00');
    t.clock.set('2026-11-27T14:59:00+08:00');
    await t.system.pushes.worker.runDue();
    expect(await t.system.sandbox!.messages()).toHaveLength(0);
    expect((await stats(id)).push.status).toBe('scheduled');

    t.clock.set('2026-11-27T15:00:00+08:00');
    await t.system.pushes.worker.runDue();
    expect((await t.system.sandbox!.messagesTo(a)).map((x) => x.clientMsgId)).toEqual([expect.stringMatching(/^push-/)]);
    expect(await t.system.sandbox!.messagesTo(m)).toHaveLength(1);
    expect(await t.system.sandbox!.subscribeCredit(m, SUB_TPL)).toBe(0);
    const [credit] = await queryRows<{ remaining: number }>(t.connection.db, sql`select remaining from subscribe_credits c join subscribers s on s.id = c.subscriber_id where s.openid = ${m}`);
    expect(credit!.remaining).toBe(0);
    await t.system.sandbox!.settled();
    const view = await stats(id);
    expect(view.push.status).toBe('completed');
    expect(view.stats).toMatchObject({ targeted: 3, sent: 2, delivered: 2, skipped: { no_credit: 1 }, unknown: 0, reachRate: 0.6667 });
  });

  it('when the author approves their own push or a time in the past, then it is refused and nothing changes', async () => {
    const id = await draft();
    expect((await author.call('POST', `/pushes/${id}/approve`, { sendAt: null })).status).toBe(403);
    expect((await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt: '2026-11-27T09:00:00+08:00' })).status).toBe(400);
    const view = await json<{ push: { status: string }; transitions: { toStatus: string; actorName: string }[] }>(await author.call('GET', `/pushes/${id}`));
    expect(view.push.status).toBe('submitted');
    expect(view.transitions.map((x) => `${x.toStatus}:${x.actorName}`)).toEqual(['draft:push-author', 'submitted:push-author']);
  });

  it('when a keyword value is too long for WeChat, then the preview flags it and submitting is refused', async () => {
    const push = await json<{ id: number }>(
      await author.call('POST', '/pushes', { contentId, topics: [TOPIC], template: { templateId: TPL, keywords: { thing1: { text: '这是一段明显超过二十个字符限制的关键词内容会被微信拒绝' } } } }),
    );
    const preview = await json<{ template: { key: string; tooLong: boolean }[] }>(await author.call('GET', `/pushes/${push.id}/preview`));
    expect(preview.template).toEqual([expect.objectContaining({ key: 'thing1', tooLong: true })]);
    expect((await author.call('POST', `/pushes/${push.id}/submit`, {})).status).toBe(422);
  });

  it('when a follower refused (43101) and another gets -1 and 45011 first, then the first is skipped with its reason and the others are delivered', async () => {
    const refuser = await seedPerson(t, { channel: 'mp', credits: 1 });
    const a = await seedPerson(t, { channel: 'oa' });
    const b = await seedPerson(t, { channel: 'oa' });
    const sandbox = t.system.sandbox!;
    sandbox.injectError({ api: 'subscribe_send', errcode: 43101, times: 1 });
    sandbox.injectError({ api: 'template_send', errcode: -1, times: 2 });
    sandbox.injectError({ api: 'template_send', errcode: 45011, times: 3 });
    const id = await draft(both);
    await approve(id);
    // 45011 holds the push a minute; then it resumes.
    t.clock.advance(61_000);
    await t.system.pushes.worker.runDue();
    t.clock.advance(61_000);
    await t.system.pushes.worker.runDue();
    expect(await sandbox.messagesTo(a)).toHaveLength(1);
    expect(await sandbox.messagesTo(b)).toHaveLength(1);
    expect(await sandbox.messagesTo(refuser)).toHaveLength(0);
    await sandbox.settled();
    const view = await stats(id);
    expect(view.stats).toMatchObject({ delivered: 2, skipped: { refused: 1 } });
    expect(view.push.status).toBe('completed');
  });

  it('when the daily quota is used up (45009), then sending pauses until Beijing midnight and then resumes', async () => {
    const people = [await seedPerson(t, { channel: 'oa' }), await seedPerson(t, { channel: 'oa' }), await seedPerson(t, { channel: 'oa' })];
    t.system.sandbox!.setDailyQuota(1);
    const id = await draft();
    await approve(id);
    expect((await t.system.sandbox!.messages()).length).toBe(1);
    const [held] = await queryRows<{ waiting_for: string; not_before: Date | string }>(t.connection.db, sql`select waiting_for, not_before from pushes where id = ${id}`);
    expect(held!.waiting_for).toBe('daily_quota');
    expect(new Date(held!.not_before).toISOString()).toBe('2026-11-27T16:00:00.000Z');
    t.clock.set('2026-11-27T23:59:00+08:00');
    await t.system.pushes.worker.runDue();
    expect((await t.system.sandbox!.messages()).length).toBe(1);
    t.system.sandbox!.setDailyQuota(null);
    t.clock.set('2026-11-28T08:00:00+08:00');
    await t.system.pushes.worker.runDue();
    for (const p of people) expect(await t.system.sandbox!.messagesTo(p)).toHaveLength(1);
  });

  it('when a send is delivered and then times out, then a template message is not sent twice and a subscribe message is recorded unknown', async () => {
    const a = await seedPerson(t, { channel: 'oa' });
    const m = await seedPerson(t, { channel: 'mp', credits: 3 });
    const sandbox = t.system.sandbox!;
    sandbox.injectError({ api: 'template_send', afterDelivery: true, delayMs: 6_000, times: 1 });
    sandbox.injectError({ api: 'subscribe_send', afterDelivery: true, delayMs: 6_000, times: 1 });
    const id = await draft(both);
    await approve(id);
    t.clock.advance(10 * 60_000);
    await t.system.pushes.worker.runDue();
    expect(await sandbox.messagesTo(a)).toHaveLength(1);
    expect(await sandbox.messagesTo(m)).toHaveLength(1);
    expect((await stats(id)).stats).toMatchObject({ unknown: 1 });
  }, 30_000);

  it('when a push fans out to more recipients than it may send to at once, then it keeps that many sends in flight and never more', async () => {
    for (let i = 0; i < 40; i++) await seedPerson(t, { channel: 'oa' });
    t.system.sandbox!.setLatency(50);
    const id = await draft();
    await approve(id);
    t.system.sandbox!.setLatency(0);
    expect(await t.system.sandbox!.messages()).toHaveLength(40);
    // The test system sends 8 at a time (DEFAULT_WORKER_SETTINGS): several starters begin chunks, none past the bound.
    expect(t.system.sandbox!.peakInFlight('template_send')).toBe(8);
    expect((await stats(id)).stats).toMatchObject({ targeted: 40, sent: 40 });
  });

  it('when the minute tick fires again during a long send, then it joins the run going, and a push approved meanwhile goes out after it', async () => {
    const people: string[] = [];
    for (let i = 0; i < 24; i++) people.push(await seedPerson(t, { channel: 'oa' }));
    t.system.sandbox!.setLatency(100);
    const worker = t.system.pushes.worker;
    const first = await draft();
    await json(await reviewer.call('POST', `/pushes/${first}/approve`, { sendAt: null }));
    while ((await t.system.sandbox!.messages()).length < 2) await new Promise((r) => setTimeout(r, 10));
    // Two ticks (the scheduler's pushes task has no noOverlap) and an approval for now, all while the first push sends.
    const ticks = [worker.runDue(), worker.runDue()];
    expect(ticks[1]).toBe(ticks[0]);
    const second = await draft();
    await json(await reviewer.call('POST', `/pushes/${second}/approve`, { sendAt: null }));
    await Promise.all(ticks);
    await worker.idle();
    t.system.sandbox!.setLatency(0);
    // One run at a time: a second run would have sent the other push alongside, past the 8 lanes of one.
    expect(t.system.sandbox!.peakInFlight('template_send')).toBe(8);
    for (const openid of people) expect(await t.system.sandbox!.messagesTo(openid)).toHaveLength(2);
    expect((await stats(first)).push.status).toBe('completed');
    expect((await stats(second)).push.status).toBe('completed');
  });

  it('when a push is cancelled during fan-out, then no new message is sent after the cancel', async () => {
    // Enough recipients that the fan-out is still under way when the cancel lands (8 sends at a time, 100 ms each).
    for (let i = 0; i < 60; i++) await seedPerson(t, { channel: 'oa' });
    t.system.sandbox!.setLatency(100);
    const id = await draft();
    await json(await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt: null }));
    while ((await t.system.sandbox!.messages()).length < 2) await new Promise((r) => setTimeout(r, 10));
    await json(await reviewer.call('POST', `/pushes/${id}/cancel`, {}));
    const atCancel = (await t.system.sandbox!.messages()).length;
    await t.system.pushes.worker.idle();
    t.system.sandbox!.setLatency(0);
    // At most the sends already in flight (bounded concurrency) complete.
    expect((await t.system.sandbox!.messages()).length).toBeLessThanOrEqual(atCancel + 8);
    expect((await t.system.sandbox!.messages()).length).toBeLessThan(60);
    expect((await stats(id)).push.status).toBe('cancelled');
  });

  it('when TEMPLATESENDJOBFINISH reports a failure, then the statistics count it failed, not delivered', async () => {
    await seedPerson(t, { channel: 'oa' });
    await seedPerson(t, { channel: 'oa' });
    t.system.sandbox!.failTemplateJobs('failed:user block', 1);
    const id = await draft();
    await approve(id);
    await t.system.sandbox!.settled();
    expect((await stats(id)).stats).toMatchObject({ targeted: 2, sent: 2, delivered: 1, failed: { 'failed:user block': 1 }, reachRate: 0.5 });
  });

  it('when the sending instance dies between marking sends and resolving them, then a new instance finishes with exactly one message per recipient', async () => {
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await seedPerson(t, { channel: 'oa' }));
    const sandbox = t.system.sandbox!;
    sandbox.injectError({ api: 'template_send', afterDelivery: true, delayMs: 300, times: 20 });
    const id = await draft();
    await json(await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt: null }));
    while ((await sandbox.messages()).length < 3) await new Promise((r) => setTimeout(r, 10));
    t.system.pushes.worker.abandon();
    await new Promise((r) => setTimeout(r, 400));
    const [sending] = await queryRows<{ n: string }>(t.connection.db, sql`select count(*) as n from push_deliveries where push_id = ${id} and status = 'sending'`);
    expect(Number(sending!.n)).toBeGreaterThan(0);

    const second = await startTestSystem({ connection: t.connection });
    try {
      second.clock.set(new Date(t.clock.now().getTime() + 61_000));
      await second.system.pushes.worker.runDue();
      for (const p of people) expect(await sandbox.messagesTo(p)).toHaveLength(1);
      expect((await stats(id)).push.status).toBe('completed');
    } finally {
      await second.close();
    }
  }, 30_000);
});

describe('a push longer than a page', () => {
  let t: TestSystem;
  beforeAll(async () => {
    // Pages of 4 and 3 sends in flight: the pass reads page after page while sending.
    t = await startTestSystem({ pushes: { worker: { pageSize: 4, concurrency: 3 } } });
    await anEditor(t, 'paged-author', 'editor');
    await anEditor(t, 'paged-reviewer', 'reviewer');
  });
  afterAll(() => t.close());

  it('when the audience spans several pages, then every recipient gets exactly one message, never more than the lanes at once', async () => {
    const contentId = (await publish(t.system.content, aNotice({ title: '就业补贴申领提醒', topics: [TOPIC] }))).id;
    const people: string[] = [];
    for (let i = 0; i < 15; i++) people.push(await seedPerson(t, { channel: i % 3 === 0 ? 'mp' : 'oa', credits: 1 }));
    t.system.sandbox!.setLatency(20);
    const id = await aSubmittedPush(await logIn(t, 'paged-author'), { contentId, topics: [TOPIC], districts: [], audiences: [], ...both });
    await json(await (await logIn(t, 'paged-reviewer')).call('POST', `/pushes/${id}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    for (const openid of people) expect(await t.system.sandbox!.messagesTo(openid)).toHaveLength(1);
    const sandbox = t.system.sandbox!;
    expect(Math.max(sandbox.peakInFlight('template_send'), sandbox.peakInFlight('subscribe_send'))).toBeLessThanOrEqual(3);
    const [statuses] = await queryRows<{ sent: number; other: number }>(
      t.connection.db,
      sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other from push_deliveries where push_id = ${id}`,
    );
    expect(statuses).toEqual({ sent: 15, other: 0 });
  });
});
