import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { sandboxUnionId } from '../src/sandbox/sandbox';
import { aNotice, publish } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';

/**
 * What 我的 reads and what the H5 build's stand-ins do, over HTTP on a real database: GET /api/v1/me/pushes
 * (the pushes that reached the user, with the tracking link and whether it was opened), and the sandbox's
 * /sandbox/_mp/login and /sandbox/_mp/subscribe in place of wx.login and the subscribe popup.
 */

let t: TestSystem;
let contentId: number;

beforeAll(async () => {
  t = await startTestSystem({ audience: { limits: { perIp: 10_000, perUser: 10_000, loginsPerIp: 10_000 } } });
  contentId = (await publish(t.system.content, aNotice({ title: '2026年高校毕业生就业见习岗位征集' }))).id;
});

afterAll(async () => {
  await t.close();
});

/** A resident logged in through the stand-in, as the H5 build does it: a one-time code, then a session. */
async function residentLogsIn(name: string): Promise<{ token: string; openid: string; id: number }> {
  const { code, openid } = await json<{ code: string; openid: string }>(await t.post('/sandbox/_mp/login', { resident: name }));
  const { token } = await json<{ token: string }>(await t.post('/api/v1/session', { code }));
  const [row] = await queryRows<{ id: number }>(t.connection.db, sql`select id from subscribers where channel = 'mp' and openid = ${openid}`);
  return { token, openid, id: Number(row!.id) };
}

const inbox = (token: string, query = '') => t.get(`/api/v1/me/pushes${query}`, { headers: { authorization: `Bearer ${token}` } });

/** A sent push with one delivery per recipient, in the given status, at minute `minute` past 10:00. */
async function aSentPush(title: string, recipients: { subscriberId: number; status: string; minute: number }[]): Promise<{ pushId: number; deliveries: number[] }> {
  const at = '2026-11-27T02:00:00Z';
  const [push] = await queryRows<{ id: number }>(
    t.connection.db,
    sql`insert into pushes (content_id, title, page, status, topics, created_at, updated_at)
        values (${contentId}, ${title}, ${`pages/notice/detail?id=${contentId}`}, 'completed', '{employment_subsidy}', ${at}::timestamptz, ${at}::timestamptz) returning id`,
  );
  const pushId = Number(push!.id);
  const deliveries: number[] = [];
  for (const r of recipients) {
    const [d] = await queryRows<{ id: number }>(
      t.connection.db,
      sql`insert into push_deliveries (push_id, subscriber_id, channel, openid, status, updated_at)
          select ${pushId}, id, channel, openid, ${r.status}, ${`2026-11-27T02:${String(r.minute).padStart(2, '0')}:00Z`}::timestamptz from subscribers where id = ${r.subscriberId}
          returning id`,
    );
    deliveries.push(Number(d!.id));
  }
  return { pushId, deliveries };
}

describe('GET /api/v1/me/pushes', () => {
  it('when pushes reached the user, then those accepted by WeChat are listed newest first with their tracking link, and an open shows', async () => {
    const me = await residentLogsIn('inbox-reader');
    const other = await residentLogsIn('inbox-other');
    const first = await aSentPush('见习岗位征集', [{ subscriberId: me.id, status: 'delivered', minute: 1 }, { subscriberId: other.id, status: 'sent', minute: 1 }]);
    const second = await aSentPush('创业补贴申领提醒', [{ subscriberId: me.id, status: 'sent', minute: 5 }]);
    // Not received: refused for lack of credit, failed, or lost in a time-out (the resident may never have seen it).
    await aSentPush('未送达一', [{ subscriberId: me.id, status: 'skipped', minute: 7 }]);
    await aSentPush('未送达二', [{ subscriberId: me.id, status: 'failed', minute: 8 }]);
    await aSentPush('未送达三', [{ subscriberId: me.id, status: 'unknown', minute: 9 }]);

    const before = await json<{ items: { pushId: number; title: string; page: string; sentAt: string; opened: boolean }[] }>(await inbox(me.token));
    expect(before.items).toEqual([
      { pushId: second.pushId, title: '创业补贴申领提醒', page: `pages/notice/detail?id=${contentId}&push=${second.pushId}&d=${second.deliveries[0]}`, sentAt: '2026-11-27T02:05:00.000Z', opened: false },
      { pushId: first.pushId, title: '见习岗位征集', page: `pages/notice/detail?id=${contentId}&push=${first.pushId}&d=${first.deliveries[0]}`, sentAt: '2026-11-27T02:01:00.000Z', opened: false },
    ]);

    // The page opened from the link reports the open with the link's d; someone else's open does not count for me.
    await json(await t.post(`/api/v1/pushes/${first.pushId}/opens`, { d: first.deliveries[0] }));
    await json(await t.post(`/api/v1/pushes/${second.pushId}/opens`, {}));
    const after = await json<{ items: { pushId: number; opened: boolean }[] }>(await inbox(me.token));
    expect(after.items.map((i) => [i.pushId, i.opened])).toEqual([
      [second.pushId, false],
      [first.pushId, true],
    ]);
    expect((await json<{ items: unknown[] }>(await inbox(me.token, '?limit=1'))).items).toHaveLength(1);
    expect((await json<{ items: { title: string }[] }>(await inbox(other.token))).items.map((i) => i.title)).toEqual(['见习岗位征集']);
  });

  it('when the same person follows the account (same unionid) and got the push there, then it is listed under 我的 too', async () => {
    const me = await residentLogsIn('inbox-linked');
    const [follower] = await queryRows<{ id: number }>(
      t.connection.db,
      sql`insert into subscribers (channel, openid, following, unionid, last_seen_at, created_at)
          values ('oa', 'oInboxLinkedFollower0001', true, ${sandboxUnionId('inbox-linked')}, now(), now()) returning id`,
    );
    const viaAccount = await aSentPush('工资指导线发布', [{ subscriberId: Number(follower!.id), status: 'delivered', minute: 3 }]);
    const items = (await json<{ items: { pushId: number; page: string }[] }>(await inbox(me.token))).items;
    expect(items).toEqual([expect.objectContaining({ pushId: viaAccount.pushId, page: expect.stringContaining(`&d=${viaAccount.deliveries[0]}`) })]);
  });

  it('when the request has no valid token or a bad limit, then it is refused and says why', async () => {
    expect((await json<{ error: { code: string } }>(await t.get('/api/v1/me/pushes'), 401)).error.code).toBe('unauthorized');
    expect((await json<{ error: { code: string } }>(await inbox('not-a-token'), 401)).error.code).toBe('unauthorized');
    const me = await residentLogsIn('inbox-limits');
    expect((await json<{ error: { code: string; message: string } }>(await inbox(me.token, '?limit=500'), 400)).error.code).toBe('invalid_request');
    expect((await json<{ error: { code: string } }>(await inbox(me.token, '?page=2'), 400)).error.code).toBe('invalid_request');
  });

  it('when the subscriber was erased but the token lives on, then the user is told to log in again', async () => {
    const me = await residentLogsIn('inbox-erased');
    await t.connection.db.execute(sql`delete from subscribers where id = ${me.id}`);
    expect((await json<{ error: { code: string } }>(await inbox(me.token), 401)).error.code).toBe('unauthorized');
  });
});

describe('the sandbox stand-ins for the H5 build', () => {
  it('when the browser asks for a login code, then it is a fresh one-time code of that resident, refused on reuse', async () => {
    const a = await json<{ code: string; openid: string }>(await t.post('/sandbox/_mp/login', { resident: 'standin-a' }));
    const b = await json<{ code: string; openid: string }>(await t.post('/sandbox/_mp/login', { resident: 'standin-a' }));
    expect(a.code).not.toBe(b.code);
    expect(a.openid).toBe(b.openid);
    expect(a.openid).toBe(t.system.sandbox!.openidForCode('fake-code-standin-a'));
    await json(await t.post('/api/v1/session', { code: a.code }));
    expect((await json<{ error: { code: string } }>(await t.post('/api/v1/session', { code: a.code }), 400)).error.code).toBe('invalid_code');
  });

  it('when the resident allows one template and refuses another, then WeChat (the sandbox) lets exactly one message through on the allowed one', async () => {
    const answer = await json<Record<string, string>>(await t.post('/sandbox/_mp/subscribe', { resident: 'standin-b', results: { TPLallowed0001: 'accept', TPLrefused0001: 'reject' } }));
    expect(answer).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPLallowed0001: 'accept', TPLrefused0001: 'reject' });
    const openid = t.system.sandbox!.openidForCode('fake-code-standin-b')!;
    expect(await t.system.sandbox!.subscribeCredit(openid, 'TPLallowed0001')).toBe(1);
    expect(await t.system.sandbox!.subscribeCredit(openid, 'TPLrefused0001')).toBe(0);
  });

  it('when the body is not what the stand-in takes, then it is refused with the reason and nothing is granted', async () => {
    expect((await json<{ error: { code: string } }>(await t.post('/sandbox/_mp/login', { resident: '../etc' }), 400)).error.code).toBe('invalid_request');
    const four = { resident: 'standin-c', results: { TPLa00001: 'accept', TPLb00001: 'accept', TPLc00001: 'accept', TPLd00001: 'accept' } };
    expect((await json<{ error: { code: string } }>(await t.post('/sandbox/_mp/subscribe', four), 400)).error.code).toBe('invalid_request');
    expect(await t.system.sandbox!.subscribeCredit(t.system.sandbox!.openidForCode('fake-code-standin-c')!, 'TPLa00001')).toBe(0);
    const form = await fetch(`${t.url}/sandbox/_mp/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'resident=x' });
    expect(form.status).toBe(415);
  });
});
