import { SANDBOX_TEST_OPENID } from '../src/sandbox/sandbox';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The sandbox as developers and the chat page see it: raw HTTP, the same JSON as api.weixin.qq.com. */
let t: TestSystem;
const OA_APPID = 'wx5a9d0c3e7f1b2a60';
const OA_SECRET = 'sandbox-secret-not-for-production';
const FOLLOWER = 'oSandboxHttpTest00000000001';

beforeAll(async () => {
  t = await startTestSystem({ wechat: { sandboxOptions: { tokenTtlSeconds: 600, tokenRenewSeconds: 120 } } });
});
afterAll(async () => {
  await t.system.sandbox!.settled();
  await t.close();
});
beforeEach(() => t.system.sandbox!.reset());

async function stableToken(body: Record<string, unknown> = {}) {
  const res = await t.post('/sandbox/cgi-bin/stable_token', { grant_type: 'client_credential', appid: OA_APPID, secret: OA_SECRET, force_refresh: false, ...body });
  return (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
}

async function templateSend(token: string, body: unknown) {
  const res = await t.post(`/sandbox/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, body);
  return { text: await res.text(), status: res.status };
}

describe('sandbox tokens', () => {
  it('when stable_token is called again while the token is valid, then the same token comes back with its remaining lifetime', async () => {
    const first = await stableToken();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: expect.any(Number) });
    t.clock.advance(100_000);
    const again = await stableToken();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBe(first.expires_in! - 100);
  });

  it('when the token enters its renewal window, then a new one is issued and the old one keeps working until it expires', async () => {
    await t.system.sandbox!.invalidateTokens();
    const old = await stableToken();
    await t.system.sandbox!.follow(FOLLOWER);
    t.clock.advance(500_000); // 100 s left, inside the 120 s window
    const renewed = await stableToken();
    expect(renewed.access_token).not.toBe(old.access_token);
    expect(renewed.expires_in).toBe(600);
    const body = { touser: FOLLOWER, template_id: 'TPL_subsidy_result', data: { thing1: { value: '补贴' } } };
    expect(JSON.parse((await templateSend(old.access_token!, body)).text)).toMatchObject({ errcode: 0 });
    t.clock.advance(101_000);
    expect(JSON.parse((await templateSend(old.access_token!, body)).text)).toMatchObject({ errcode: 42001 });
    expect(JSON.parse((await templateSend('not-a-token', body)).text)).toMatchObject({ errcode: 40001 });
  });

  it('when someone forces a refresh, then the previous token answers 40001', async () => {
    const before = await stableToken();
    const forced = await stableToken({ force_refresh: true });
    expect(forced.access_token).not.toBe(before.access_token);
    const answer = JSON.parse((await templateSend(before.access_token!, {})).text);
    expect(answer).toMatchObject({ errcode: 40001, errmsg: expect.stringMatching(/^invalid credential.* rid: [0-9a-f-]+$/) });
    expect(t.system.sandbox!.callsTo('stable_token').map((c) => c.forceRefresh)).toEqual([false, true]);
  });

  it('when the appid or the secret is wrong, then 40013 or 40125', async () => {
    expect(await stableToken({ appid: 'wx0000000000000000' })).toMatchObject({ errcode: 40013 });
    expect(await stableToken({ secret: 'wrong' })).toMatchObject({ errcode: 40125 });
  });
});

describe('sandbox API answers', () => {
  let token: string;
  beforeAll(async () => {
    token = (await stableToken()).access_token!;
  });

  it('when a keyword value is too long, then 47003 names the key as WeChat does', async () => {
    await t.system.sandbox!.follow(FOLLOWER);
    const { text } = await templateSend(token, { touser: FOLLOWER, template_id: 'TPL_subsidy_result', data: { thing1: { value: '字'.repeat(21) } } });
    expect(JSON.parse(text).errmsg).toMatch(/^argument invalid! data\.thing1\.value invalid rid: /);
  });

  it('when a template message is accepted, then msgid is a bare 64-bit number in the JSON text', async () => {
    await t.system.sandbox!.follow(FOLLOWER);
    const { text } = await templateSend(token, { touser: FOLLOWER, template_id: 'TPL_subsidy_result', data: { thing1: { value: '补贴' } } });
    expect(text).toMatch(/^\{"errcode":0,"errmsg":"ok","msgid":\d{19}\}$/);
  });

  it('when the body is not JSON, then 47001', async () => {
    const { text } = await templateSend(token, 'not json');
    expect(JSON.parse(text)).toMatchObject({ errcode: 47001 });
  });

  it('when the mini-program token is used for a 服务号 API, then 48001', async () => {
    const mp = await stableToken({ appid: 'wx8c4e2b7d9a1f3056', secret: 'sandbox-mp-secret-not-for-production' });
    expect(JSON.parse((await templateSend(mp.access_token!, {})).text)).toMatchObject({ errcode: 48001 });
  });

  it('when jscode2session gets the H5 code or garbage, then the fixed test openid or 40029', async () => {
    const q = (code: string) => `/sandbox/sns/jscode2session?appid=wx8c4e2b7d9a1f3056&secret=sandbox-mp-secret-not-for-production&js_code=${code}&grant_type=authorization_code`;
    expect(await (await t.get(q('h5-fake-code'))).json()).toEqual({ openid: SANDBOX_TEST_OPENID, session_key: expect.any(String) });
    expect(await (await t.get(q('%E4%B9%B1%E7%A0%81'))).json()).toMatchObject({ errcode: 40029 });
  });
});

describe('sandbox inspection and control over HTTP', () => {
  it('when the chat page follows and unfollows, then the followers list follows suit', async () => {
    const put = await fetch(`${t.url}/sandbox/_inspect/followers/${FOLLOWER}`, { method: 'PUT' });
    expect(await put.json()).toMatchObject({ follower: { openid: FOLLOWER, blocked: false } });
    expect(await (await t.get('/sandbox/_inspect/followers')).json()).toEqual({ followers: [expect.objectContaining({ openid: FOLLOWER })] });
    expect((await fetch(`${t.url}/sandbox/_inspect/followers/${FOLLOWER}`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await t.get('/sandbox/_inspect/followers')).json()).toEqual({ followers: [] });
    expect((await fetch(`${t.url}/sandbox/_inspect/followers/%3Cscript%3E`, { method: 'PUT' })).status).toBe(400);
  });

  it('when a test grants subscribe credits over HTTP, then a subscribe message can be sent and shows up per openid', async () => {
    const grant = await t.post('/sandbox/_inspect/credits', { openid: SANDBOX_TEST_OPENID, templateId: 'TPL_exam_notice', count: 2 });
    expect(await grant.json()).toEqual({ openid: SANDBOX_TEST_OPENID, templateId: 'TPL_exam_notice', remaining: 2 });
    await t.system.wechat.mp.sendSubscribe({ touser: SANDBOX_TEST_OPENID, templateId: 'TPL_exam_notice', data: { thing1: '考试提醒' } });
    const inbox = (await (await t.get(`/sandbox/_inspect/messages/${SANDBOX_TEST_OPENID}`)).json()) as { messages: unknown[] };
    expect(inbox.messages).toEqual([expect.objectContaining({ kind: 'subscribe', data: { thing1: '考试提醒' } })]);
    const calls = (await (await t.get('/sandbox/_inspect/calls')).json()) as { calls: { api: string }[] };
    expect(calls.calls.map((c) => c.api)).toContain('subscribe_send');
  });

  it('when the sandbox has answered more calls than its log keeps, then the log holds the latest ones and the messages stay complete', async () => {
    const small = await startTestSystem({ wechat: { sandboxOptions: { callLogKept: 5 } } });
    try {
      await small.system.sandbox!.follow(FOLLOWER);
      for (let i = 0; i < 12; i++) await small.system.wechat.oa.sendTemplate({ touser: FOLLOWER, templateId: 'TPL_subsidy_result', data: { thing1: `补贴${i}` } });
      const seqs = small.system.sandbox!.calls.map((c) => c.seq);
      // Trimmed back to 5 when it reached 10; the calls since are kept too.
      expect(seqs.length).toBeGreaterThanOrEqual(5);
      expect(seqs.length).toBeLessThan(10);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(small.system.sandbox!.callsTo('template_send').at(-1)!.seq).toBe(Math.max(...seqs));
      expect(await small.system.sandbox!.messagesTo(FOLLOWER)).toHaveLength(12);
    } finally {
      await small.system.sandbox!.settled();
      await small.close();
    }
  }, 30_000);
});

describe('without the sandbox', () => {
  it('when real credentials are configured, then nothing is mounted at /sandbox', async () => {
    const real = await startTestSystem({ wechat: { sandbox: false } });
    try {
      expect(real.system.sandbox).toBeUndefined();
      expect((await real.get('/sandbox/_inspect/calls')).status).toBe(404);
    } finally {
      await real.close();
    }
  }, 30_000);
});
