import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { subscribers, subscriptions } from '../src/db/schema';
import { sandboxUnionId } from '../src/sandbox/sandbox';
import { sandboxPusher, textMessage } from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

const DAY_MS = 24 * 3600_000;
const ONE_TIME = 'tplOneTimeRecruit01';
const LONG_TERM = 'tplLongTermNotice01';

let t: TestSystem;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  t = await startTestSystem({ logger: pino({ level: 'trace' }, sink), audience: { limits: { perIp: 10_000, perUser: 10_000, loginsPerIp: 10_000 } } });
  await t.system.miniProgramUsers.defineTemplate({ templateId: ONE_TIME, kind: 'one_time', title: '招聘报名提醒' });
  await t.system.miniProgramUsers.defineTemplate({ templateId: LONG_TERM, kind: 'long_term', title: '政务服务通知' });
});

afterAll(async () => {
  await t.close();
});

async function logIn(code: string): Promise<{ token: string; body: Record<string, unknown> }> {
  const res = await t.post('/api/v1/session', { code });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  return { token: body.token as string, body };
}

function as(token: string) {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    get: (path: string) => call('GET', path),
    put: (path: string, body: unknown) => call('PUT', path, body),
    post: (path: string, body: unknown) => call('POST', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

const mpRows = (openid: string) => t.connection.db.select().from(subscribers).where(and(eq(subscribers.channel, 'mp'), eq(subscribers.openid, openid)));

describe('login', () => {
  it('when a user logs in with a wx.login code, then a mini-program subscriber with their unionid exists and a token opens their profile', async () => {
    const openid = t.system.sandbox!.openidForCode('fake-code-alice')!;
    const { token, body } = await logIn('fake-code-alice');
    expect(body).toEqual({ token: expect.any(String), expiresAt: '2026-11-28T02:00:00.000Z', profile: { district: null, audiences: [] } });
    expect(await mpRows(openid)).toMatchObject([{ unionid: sandboxUnionId('alice'), following: false }]);
    const profile = await as(token).get('/me/profile');
    expect(profile.status).toBe(200);
    expect(profile.headers.get('cache-control')).toBe('private, no-store');
  });

  it('when the same user logs in again with a fresh code, then it is the same subscriber', async () => {
    const first = await logIn('fake-code-bob');
    await as(first.token).put('/me/profile', { district: 'jurong', audiences: [] });
    const second = await logIn('fake-code-bob.2');
    expect(second.body.profile).toEqual({ district: 'jurong', audiences: [] });
    expect(await mpRows(t.system.sandbox!.openidForCode('fake-code-bob')!)).toMatchObject([{ unionid: sandboxUnionId('bob') }]);
  });

  it('when a code is used twice, then the second login is refused with 400 and creates nothing', async () => {
    await logIn('fake-code-carol');
    const before = await t.connection.db.select().from(subscribers);
    const again = await t.post('/api/v1/session', { code: 'fake-code-carol' });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ error: { code: 'invalid_code', message: '登录凭证无效或已使用，请重新登录' } });
    expect(await t.connection.db.select().from(subscribers)).toHaveLength(before.length);
    expect((await t.post('/api/v1/session', { code: 'not-a-code' })).status).toBe(400);
  });

  it('when the platform fails, then 503 and the code is not retried', async () => {
    t.system.sandbox!.injectError({ api: 'jscode2session', httpStatus: 502, times: 1 });
    const res = await t.post('/api/v1/session', { code: 'fake-code-dave' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('wechat_unavailable');
  });

  it('when the body has no code, then 400 naming it', async () => {
    const res = await t.post('/api/v1/session', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('code');
  });

  it('when logins happen, then no response, log line or stored column carries the session_key', async () => {
    const { body } = await logIn('fake-code-erin');
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'profile', 'token']);
    const token = body.token as string;
    // The token is readable by anyone: it must say nothing but ids and expiry.
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ k: expect.any(Number), s: expect.any(Number), e: expect.any(Number) });
    expect(logLines.join('\n')).toMatch(/mini-program login/);
    expect(logLines.filter((l) => /session_?key/i.test(l) && !/\[redacted\]/.test(l))).toEqual([]);
    const [row] = await mpRows(t.system.sandbox!.openidForCode('fake-code-erin')!);
    expect(Object.keys(row!).some((k) => /session/i.test(k))).toBe(false);
  });
});

describe('session tokens', () => {
  it('when a token has expired, then 401 asking to log in again', async () => {
    const { token } = await logIn('fake-code-frank');
    t.clock.advance(DAY_MS + 1000);
    try {
      const res = await as(token).get('/me/profile');
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: '登录已过期，请重新登录' } });
    } finally {
      t.clock.advance(-(DAY_MS + 1000));
    }
  });

  it('when a token is tampered with, missing or of another scheme, then 401', async () => {
    const { token } = await logIn('fake-code-grace');
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { s: number };
    const otherUser = Buffer.from(JSON.stringify({ ...claims, s: claims.s + 1 })).toString('base64url');
    const flipped = `${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    // Well-formed on the outside, but the claims are JSON that is no object: refused, not a server error.
    const notAnObject = `${Buffer.from('    null    ').toString('base64url')}.${mac}`;
    for (const forged of [`${otherUser}.${mac}`, flipped, `${payload}.`, 'garbage', notAnObject]) {
      expect((await as(forged).get('/me/profile')).status).toBe(401);
    }
    expect((await t.get('/api/v1/me/profile')).status).toBe(401);
    expect((await t.get('/api/v1/me/profile', { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
  });

  it('when the signing key is rotated, then earlier tokens still work until they expire and new ones work too', async () => {
    const { token: old } = await logIn('fake-code-heidi');
    await t.system.sessionTokens.rotate();
    const { token: fresh } = await logIn('fake-code-heidi.2');
    expect(fresh.split('.')[0]).not.toBe(old.split('.')[0]);
    expect((await as(old).get('/me/profile')).status).toBe(200);
    expect((await as(fresh).get('/me/profile')).status).toBe(200);
    t.clock.advance(DAY_MS + 1000);
    try {
      expect(await t.system.sessionTokens.prune()).toBeGreaterThan(0);
    } finally {
      t.clock.advance(-(DAY_MS + 1000));
    }
    expect((await as(old).get('/me/profile')).status).toBe(401);
    expect((await as(fresh).get('/me/profile')).status).toBe(200);
  });
});

describe('profile', () => {
  it('when the user sets district and audiences by Chinese name, then the codes are stored and returned', async () => {
    const { token } = await logIn('fake-code-ivan');
    const res = await as(token).put('/me/profile', { district: '丹阳', audiences: ['高校毕业生', 'enterprise', 'graduate'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ district: 'danyang', audiences: ['graduate', 'enterprise'] });
    expect(await (await as(token).get('/me/profile')).json()).toEqual({ district: 'danyang', audiences: ['graduate', 'enterprise'] });
  });

  it('when the profile names an unknown district or audience, then 400 naming it and the profile is unchanged', async () => {
    const { token } = await logIn('fake-code-judy');
    await as(token).put('/me/profile', { district: '句容市', audiences: ['veteran'] });
    const badDistrict = await as(token).put('/me/profile', { district: '南京市', audiences: [] });
    expect(badDistrict.status).toBe(400);
    expect(((await badDistrict.json()) as { error: { message: string } }).error.message).toMatch(/^参数 district /);
    const badAudience = await as(token).put('/me/profile', { district: null, audiences: ['学生'] });
    expect(((await badAudience.json()) as { error: { message: string } }).error.message).toMatch(/^参数 audiences\[0\] /);
    expect((await as(token).put('/me/profile', { district: null, audiences: [], openid: 'x' })).status).toBe(400);
    expect(await (await as(token).get('/me/profile')).json()).toEqual({ district: 'jurong', audiences: ['veteran'] });
  });
});

describe('topics and subscriptions', () => {
  it('when topics are listed without a token, then no subscription state and a shared cacheable answer', async () => {
    const res = await t.get('/api/v1/topics');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    const body = (await res.json()) as { items: Array<Record<string, unknown>> };
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((i) => !('subscription' in i))).toBe(true);
  });

  it('when the user subscribes narrowed, re-narrows, lists and unsubscribes, then each state shows in both lists', async () => {
    const { token } = await logIn('fake-code-kim');
    const me = as(token);
    const sub = await me.put('/me/subscriptions/wage_standard', { districts: ['丹阳市', 'jurong'], audiences: ['个人'] });
    expect(sub.status).toBe(200);
    expect(await sub.json()).toEqual({ topic: 'wage_standard', name: '工资标准', districts: ['danyang', 'jurong'], audiences: ['individual'], since: '2026-11-27T02:00:00.000Z' });
    await me.put('/me/subscriptions/institution_recruitment', {});

    const widened = await me.put('/me/subscriptions/wage_standard', {});
    expect(await widened.json()).toMatchObject({ topic: 'wage_standard', districts: [], audiences: [] });

    const topics = (await (await me.get('/topics')).json()) as { items: Array<{ code: string; subscription?: unknown }> };
    expect(topics.items.find((i) => i.code === 'wage_standard')!.subscription).toEqual({ districts: [], audiences: [], since: expect.any(String) });
    expect(topics.items.find((i) => i.code === 'budget')!.subscription).toBeNull();

    const removed = await me.delete('/me/subscriptions/wage_standard');
    expect(await removed.json()).toEqual({ items: [expect.objectContaining({ topic: 'institution_recruitment' })] });
    expect(await (await me.get('/me/subscriptions')).json()).toEqual({ items: [expect.objectContaining({ topic: 'institution_recruitment' })] });
  });

  it('when the topic is unknown or the narrowing invalid, then 404/400 and nothing is stored', async () => {
    const { token } = await logIn('fake-code-liam');
    const before = await t.connection.db.select().from(subscriptions);
    const unknown = await as(token).put('/me/subscriptions/weather', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_topic');
    expect((await as(token).put('/me/subscriptions/budget', { districts: ['上海'] })).status).toBe(400);
    expect((await as(token).put('/me/subscriptions/Budget!', {})).status).toBe(400);
    expect(await t.connection.db.select().from(subscriptions)).toHaveLength(before.length);
  });

  it('when a follower subscribes by chat keyword, then the same kind of subscription row as the mini-program writes', async () => {
    const openid = 'oFollowerChatSub0001';
    await sandboxPusher(t).push(textMessage(openid, '订阅 工资标准'));
    const { token } = await logIn('fake-code-mia');
    await as(token).put('/me/subscriptions/wage_standard', {});
    const rows = await t.connection.db
      .select({ channel: subscribers.channel, topic: subscriptions.topic, districts: subscriptions.districts, audiences: subscriptions.audiences })
      .from(subscriptions)
      .innerJoin(subscribers, eq(subscribers.id, subscriptions.subscriberId))
      .where(eq(subscriptions.topic, 'wage_standard'));
    expect(rows).toEqual(
      expect.arrayContaining([
        { channel: 'oa', topic: 'wage_standard', districts: [], audiences: [] },
        { channel: 'mp', topic: 'wage_standard', districts: [], audiences: [] },
      ]),
    );
  });
});

describe('subscribe-message credits', () => {
  const creditOf = async (token: string, templateId: string) =>
    ((await (await as(token).get('/me/credits')).json()) as { items: Array<{ templateId: string }> }).items.find((i) => i.templateId === templateId);

  it('when accepts are reported, then each one-time accept adds a credit and a long-term accept opens the template', async () => {
    const { token } = await logIn('fake-code-noah');
    expect(await creditOf(token, ONE_TIME)).toEqual({ templateId: ONE_TIME, title: '招聘报名提醒', kind: 'one_time', remaining: 0, rejected: false, sendable: false });
    const res = await as(token).post('/me/subscribe-results', { errMsg: 'requestSubscribeMessage:ok', [ONE_TIME]: 'accept', [LONG_TERM]: 'acceptWithAudio', tplNotOurs0001: 'accept' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { templateId: string }[]; ignored: string[] };
    expect(body.ignored).toEqual(['tplNotOurs0001']);
    // The demo setup's own templates (seedDemoTemplates) are listed too; these are this test's.
    expect(body.items.filter((i) => i.templateId === LONG_TERM || i.templateId === ONE_TIME)).toEqual([
      { templateId: LONG_TERM, title: '政务服务通知', kind: 'long_term', remaining: 0, rejected: false, sendable: true },
      { templateId: ONE_TIME, title: '招聘报名提醒', kind: 'one_time', remaining: 1, rejected: false, sendable: true },
    ]);
    await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'acceptWithAlert', [LONG_TERM]: 'accept' });
    expect(await creditOf(token, ONE_TIME)).toMatchObject({ remaining: 2, sendable: true });
    expect(await creditOf(token, LONG_TERM)).toMatchObject({ remaining: 0, sendable: true });
  });

  it('when reject, ban or filter is reported, then no credit is added and a refused template is closed until the next accept', async () => {
    const { token } = await logIn('fake-code-olga');
    await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'ban', [LONG_TERM]: 'filter' });
    expect(await creditOf(token, ONE_TIME)).toMatchObject({ remaining: 0, rejected: false, sendable: false });
    expect(await creditOf(token, LONG_TERM)).toMatchObject({ rejected: false, sendable: false });
    await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'accept', [LONG_TERM]: 'accept' });
    await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'reject', [LONG_TERM]: 'reject' });
    expect(await creditOf(token, ONE_TIME)).toMatchObject({ remaining: 1, rejected: true, sendable: false });
    expect(await creditOf(token, LONG_TERM)).toMatchObject({ rejected: true, sendable: false });
    // Accepting again reopens the template with the credit kept from before, plus one.
    await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'accept' });
    expect(await creditOf(token, ONE_TIME)).toMatchObject({ remaining: 2, rejected: false, sendable: true });
  });

  it('when the results object is malformed, then 400 and no credit changes', async () => {
    const { token } = await logIn('fake-code-pete');
    const res = await as(token).post('/me/subscribe-results', { [ONE_TIME]: 'accept', [LONG_TERM]: 1 });
    expect(res.status).toBe(400);
    expect(await creditOf(token, ONE_TIME)).toMatchObject({ remaining: 0 });
  });
});

describe('rate limits', () => {
  let limited: TestSystem;
  beforeAll(async () => {
    limited = await startTestSystem({ audience: { limits: { windowMs: 60_000, perUser: 3, perIp: 8, loginsPerIp: 2 } } });
  });
  afterAll(async () => {
    await limited.close();
  });

  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${limited.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('when a user or an address goes over its limit, then 429 with Retry-After, the refused request changes nothing, and the next window is open', async () => {
    limited.clock.set('2026-11-27T10:00:15+08:00');
    const login = await limited.post('/api/v1/session', { code: 'fake-code-quinn' });
    const { token } = (await login.json()) as { token: string };
    expect((await limited.post('/api/v1/session', { code: 'fake-code-quinn.2' })).status).toBe(200);
    const thirdLogin = await limited.post('/api/v1/session', { code: 'fake-code-quinn.3' });
    expect(thirdLogin.status).toBe(429);

    for (let i = 0; i < 3; i++) expect((await call(token, 'GET', '/me/profile')).status).toBe(200);
    const refused = await call(token, 'PUT', '/me/subscriptions/budget', {});
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: '请求过于频繁，请 45 秒后再试', details: { retryAfterSeconds: 45 } } });
    expect(await limited.connection.db.select().from(subscriptions)).toHaveLength(0);

    // The address has made 8 requests now (3 logins, 4 with the token, 1 anonymous below): over, whoever asks.
    expect((await limited.get('/api/v1/topics')).status).toBe(200);
    expect((await limited.get('/api/v1/topics')).status).toBe(429);

    limited.clock.advance(45_000);
    expect((await call(token, 'PUT', '/me/subscriptions/budget', {})).status).toBe(200);
    expect(await limited.connection.db.select().from(subscriptions)).toHaveLength(1);
    expect(await limited.system.rateLimiter.prune()).toBeGreaterThan(0);
  });
});

describe('OpenAPI', () => {
  it('when the contract is read, then the user endpoints are documented with the bearer scheme', async () => {
    const doc = (await (await t.get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>> };
    expect(doc.paths['/api/v1/me/subscriptions/{topic}']!.put!.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/v1/me/subscriptions/{topic}']!.delete!.responses).toHaveProperty('429');
    expect(doc.paths['/api/v1/topics']!.get!.security).toEqual([{}, { session: [] }]);
    expect(doc.paths['/api/v1/session']!.post).toBeDefined();
  });
});
