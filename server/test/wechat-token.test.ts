import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { connect, type DatabaseConnection } from '../src/db/connect';
import type { Sandbox } from '../src/sandbox/sandbox';
import { createSystem, type System } from '../src/system';
import { createWechatClient, type TemplateMessage, type WechatClientOptions } from '../src/wechat/client/api-client';
import { WechatApiError } from '../src/wechat/client/api-errors';
import { wechatTokens } from '../src/wechat/client/tables';
import { createMemoryTokenStore } from '../src/wechat/client/token-store';
import { TEST_DATABASE_URL } from './support/test-database';
import { startTestSystem, type TestSystem } from './support/test-system';
import { testWechatSettings } from './support/wechat';
import { newOpenId, sandboxPusher, textMessage } from './support/wechat-requests';

let t: TestSystem;
let sandbox: Sandbox;
const OPENID = 'oResidentTokenTest000000001';
const message = (n = 1): TemplateMessage => ({ touser: OPENID, templateId: 'TPL_subsidy_result', data: { thing1: `一次性创业补贴${n}`, phrase2: '已发放' } });
const oaAppId = () => t.system.wechat.oa.appId;

beforeAll(async () => {
  t = await startTestSystem();
  sandbox = t.system.sandbox!;
});
afterAll(() => t.close());

beforeEach(async () => {
  await sandbox.reset();
  await sandbox.invalidateTokens();
  await sandbox.follow(OPENID);
  await t.connection.db.delete(wechatTokens);
});

async function storedToken(appId = oaAppId()) {
  const [row] = await t.connection.db.select().from(wechatTokens).where(eq(wechatTokens.appId, appId));
  return row;
}

/**
 * A 服务号 client of its own (its own in-process single flight), as another instance would have, on this
 * database; `options` change what a test needs.
 */
function otherClient(options: Partial<WechatClientOptions> = {}) {
  return createWechatClient({
    db: t.connection.db,
    clock: t.clock,
    logger: pino({ level: 'silent' }),
    apiBase: `${t.url}/sandbox`,
    appId: oaAppId(),
    appSecret: 'sandbox-secret-not-for-production',
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    ...options,
  });
}

describe('access token', () => {
  it('when several sends need a token, then one stable_token call (never forced) serves them all and the token is kept in wechat_tokens', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => t.system.wechat.oa.sendTemplate(message(n))));
    await t.system.wechat.oa.sendTemplate(message(6));
    expect(sandbox.callsTo('stable_token')).toEqual([expect.objectContaining({ errcode: 0, forceRefresh: false })]);
    expect(sandbox.callsTo('template_send').filter((c) => c.errcode === 0)).toHaveLength(6);
    const row = await storedToken();
    // Cached for the returned 7200 s minus the 60 s margin.
    expect(row!.expiresAt!.getTime() - t.clock.now().getTime()).toBe(7140_000);
  });

  it('when the cached token has expired, then a new one is fetched and replaces it', async () => {
    await t.system.wechat.oa.sendTemplate(message());
    const first = (await storedToken())!.accessToken;
    t.clock.advance(7200_000);
    await t.system.wechat.oa.sendTemplate(message());
    expect(sandbox.callsTo('stable_token')).toHaveLength(2);
    expect((await storedToken())!.accessToken).not.toBe(first);
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([0, 0]);
  });

  it('when the platform revokes the token mid-flight (40001), then exactly one refetch and one retry', async () => {
    await t.system.wechat.oa.sendTemplate(message());
    await sandbox.invalidateTokens();
    await sandbox.reset();
    await sandbox.follow(OPENID);
    const sent = await t.system.wechat.oa.sendTemplate(message());
    expect(sent.ok).toBe(true);
    expect(sandbox.calls.map((c) => `${c.api}:${c.errcode}`)).toEqual(['template_send:40001', 'stable_token:0', 'template_send:0']);
  });

  it('when ten sends hit a revoked token at once, then the token is replaced once (compare-and-replace)', async () => {
    await t.system.wechat.oa.sendTemplate(message());
    await sandbox.invalidateTokens();
    await Promise.all(Array.from({ length: 10 }, (_, n) => t.system.wechat.oa.sendTemplate(message(n))));
    expect(sandbox.callsTo('stable_token')).toHaveLength(2);
    expect(sandbox.callsTo('template_send').filter((c) => c.errcode === 40001)).toHaveLength(10);
  });

  it('when the refreshed token is refused again, then the 40001 is raised instead of looping', async () => {
    await t.system.wechat.oa.sendTemplate(message());
    await sandbox.reset();
    await sandbox.follow(OPENID);
    sandbox.injectError({ api: 'template_send', errcode: 40001, times: 5 });
    const err = await t.system.wechat.oa.sendTemplate(message()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: 40001, transient: false });
    expect(sandbox.calls.map((c) => c.api)).toEqual(['template_send', 'stable_token', 'template_send']);
  });

  it('when stable_token answers -1 (system busy), then it is retried and the send goes through', async () => {
    sandbox.injectError({ api: 'stable_token', errcode: -1 });
    await t.system.wechat.oa.sendTemplate(message());
    expect(sandbox.callsTo('stable_token').map((c) => c.errcode)).toEqual([-1, 0]);
  });

  it('when the appid or the secret is wrong, then 40013 or 40125 is raised once, typed and not retried', async () => {
    const client = (appId: string, appSecret: string) =>
      createWechatClient({
        tokenStore: createMemoryTokenStore({ clock: t.clock }),
        clock: t.clock,
        logger: pino({ level: 'silent' }),
        apiBase: `${t.url}/sandbox`,
        appId,
        appSecret,
        retry: { baseDelayMs: 1 },
      });
    const badAppId = await client('wx0000000000000000', 'whatever').sendTemplate(message()).catch((e: unknown) => e);
    expect(badAppId).toMatchObject({ name: 'WechatApiError', api: 'stable_token', errcode: 40013, transient: false });
    expect((badAppId as WechatApiError).rid).toMatch(/^[0-9a-f-]+$/);
    const badSecret = await client(oaAppId(), 'not-the-secret').sendTemplate(message()).catch((e: unknown) => e);
    expect(badSecret).toMatchObject({ errcode: 40125, transient: false });
    expect(sandbox.callsTo('stable_token').map((c) => c.errcode)).toEqual([40013, 40125]);
    expect(sandbox.callsTo('template_send')).toEqual([]);
  });

  it('when the mini-program client sends, then it uses its own appid and token', async () => {
    await sandbox.grantSubscribeCredit(OPENID, 'TPL_exam_notice', 1);
    await t.system.wechat.mp.sendSubscribe({ touser: OPENID, templateId: 'TPL_exam_notice', data: { thing1: '事业单位招聘考试' } });
    await t.system.wechat.oa.sendTemplate(message());
    expect(sandbox.callsTo('stable_token').map((c) => c.appId).sort()).toEqual([t.system.wechat.mp.appId, oaAppId()].sort());
    expect((await storedToken(t.system.wechat.mp.appId))!.accessToken).not.toBe((await storedToken())!.accessToken);
  });
});

describe('what the client logs', () => {
  it('when tokens are fetched, refused and retried, then neither the token nor a secret appears in the logs', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const client = (appId: string, appSecret: string) => otherClient({ logger, appId, appSecret, retry: { baseDelayMs: 1 } });
    const oa = client(oaAppId(), 'sandbox-secret-not-for-production');
    const mp = client(t.system.wechat.mp.appId, 'sandbox-mp-secret-not-for-production');
    await oa.sendTemplate(message());
    await sandbox.invalidateTokens();
    sandbox.injectError({ api: 'template_send', errcode: -1 });
    await oa.sendTemplate(message());
    await mp.code2Session('h5-fake-code');
    await mp.code2Session('garbage').catch(() => undefined);
    const token = (await storedToken())!.accessToken;
    const text = lines.join('');
    expect(text).toContain('access token refused; refreshing once');
    expect(text).toContain('transient WeChat failure; retrying');
    for (const secret of [token, 'sandbox-secret-not-for-production', 'sandbox-mp-secret-not-for-production', 'access_token=', 'h5-fake-code']) {
      expect(text).not.toContain(secret);
    }
  });

  it('when retries back off, then each wait doubles', async () => {
    const client = otherClient({
      retry: { attempts: 3, baseDelayMs: 60, maxDelayMs: 1000 },
      random: () => 1, // no jitter: waits of exactly 60 and 120 ms
    });
    await client.sendTemplate(message());
    sandbox.injectError({ api: 'template_send', errcode: -1, times: 2 });
    const started = Date.now();
    await client.sendTemplate(message());
    expect(Date.now() - started).toBeGreaterThanOrEqual(175);
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([0, -1, -1, 0]);
  });
});

async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const res = await request();
  await res.text();
  expect(res.status).toBe(200);
  return performance.now() - started;
}

describe('a token refresh never stalls the database', () => {
  it('when stable_token takes 3 s, then /api/v1 reads and /wechat claims meanwhile each answer without waiting for it', async () => {
    const wechat = sandboxPusher(t);
    const openid = newOpenId();
    const read = () => t.get('/api/v1/subsidies');
    const claim = () => wechat.send(textMessage(openid, '帮助')).then((sent) => sent.response);
    await timed(read); // warm both paths up before measuring
    await timed(claim);

    sandbox.injectError({ api: 'stable_token', delayMs: 3000 });
    let fetched = false;
    const send = t.system.wechat.oa.sendTemplate(message()).finally(() => (fetched = true));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the fetch is under way
    const times: number[] = [];
    for (let n = 0; n < 5; n += 1) times.push(await timed(read), await timed(claim));
    expect(fetched).toBe(false);
    await expect(send).resolves.toMatchObject({ ok: true });
    // Each one alone takes a few ms; the bound leaves room for a busy CI machine and is still far below
    // the 3 s a request held behind the fetch would take.
    expect(Math.max(...times)).toBeLessThan(500);
    expect(sandbox.callsTo('stable_token')).toHaveLength(1);
  }, 15_000);

  it('when two clients on one database need a token while the fetch is slow, then one fetches and the other waits for its token', async () => {
    sandbox.injectError({ api: 'stable_token', delayMs: 300 });
    const sent = await Promise.all([t.system.wechat.oa.sendTemplate(message(1)), otherClient().sendTemplate(message(2))]);
    expect(sent.every((s) => s.ok)).toBe(true);
    expect(sandbox.callsTo('stable_token')).toHaveLength(1);
    expect(await storedToken()).toMatchObject({ refreshOwner: null, refreshUntil: null });
  });

  it('when a holder crashed in the middle of a refresh, then its lease is taken over once it expires', async () => {
    // What a process killed during stable_token leaves behind: a lease and no token.
    await t.connection.db.execute(
      sql`insert into wechat_tokens (app_id, refresh_owner, refresh_until) values (${oaAppId()}, 'crashed-instance', now() + interval '400 milliseconds')`,
    );
    const started = performance.now();
    const sent = await otherClient().sendTemplate(message());
    expect(sent.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(sandbox.callsTo('stable_token')).toHaveLength(1);
    expect(await storedToken()).toMatchObject({ accessToken: expect.any(String), refreshOwner: null });
  });

  it('when the fetch fails, then the lease is released at once and the next caller fetches without waiting', async () => {
    sandbox.injectError({ api: 'stable_token', errcode: 40164, errmsg: 'invalid ip 1.2.3.4, not in whitelist' });
    await expect(t.system.wechat.oa.sendTemplate(message())).rejects.toMatchObject({ errcode: 40164 });
    expect(await storedToken()).toMatchObject({ refreshOwner: null, refreshUntil: null });
    const started = performance.now();
    await expect(otherClient().sendTemplate(message())).resolves.toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

/** PGlite has a single session, so a second instance on the same database needs PostgreSQL. */
const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('two server instances on one PostgreSQL database', () => {
  let other: DatabaseConnection;
  let second: System;
  beforeAll(async () => {
    other = await connect({ databaseUrl: t.connection.url!, poolSize: 5 });
    // Its own clients and token store, pointed at the first instance's sandbox (one WeChat for both).
    second = createSystem({ db: other.db, clock: t.clock, logger: pino({ level: 'silent' }), wechat: testWechatSettings(() => t.url, { sandbox: false }) });
  });
  afterAll(() => other.close());

  async function race() {
    // A slow stable_token keeps the first fetch in flight while the other instance arrives.
    sandbox.injectError({ api: 'stable_token', delayMs: 300 });
    const sends = [t.system, second, t.system, second, t.system, second].map((s, n) => s.wechat.oa.sendTemplate(message(n)));
    return Promise.all(sends);
  }

  it('when both find no token at once, then exactly one stable_token call serves both', async () => {
    expect(second.sandbox).toBeUndefined();
    const sent = await race();
    expect(sent.every((s) => s.ok)).toBe(true);
    expect(sandbox.callsTo('stable_token')).toHaveLength(1);
  });

  it('when the shared token has expired, then again exactly one instance fetches a new one', async () => {
    await race();
    t.clock.advance(7200_000);
    await sandbox.reset();
    await sandbox.follow(OPENID);
    await race();
    expect(sandbox.callsTo('stable_token')).toHaveLength(1);
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
