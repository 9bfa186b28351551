import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import type { ChatExchange, TimelineEntry } from '../src/sandbox/resident-chat';
import { UNAVAILABLE_NOTICE } from '../src/sandbox/resident-chat';
import { repositoryMenu } from '../src/wechat/client/menu';
import type { Answerer } from '../src/wechat/message-server/message-router';
import { sandboxAccount, TEST_AES_KEY } from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The chat page's API (/sandbox/_chat/…) over HTTP: each action is a real push to /wechat. */

async function send(t: TestSystem, body: Record<string, unknown>): Promise<{ status: number; json: ChatExchange & { error?: { code: string } } }> {
  const res = await t.post('/sandbox/_chat/send', body);
  return { status: res.status, json: (await res.json()) as ChatExchange & { error?: { code: string } } };
}

async function timeline(t: TestSystem, openid: string): Promise<{ following: boolean; entries: TimelineEntry[] }> {
  return (await (await t.get(`/sandbox/_chat/timeline/${openid}`)).json()) as { following: boolean; entries: TimelineEntry[] };
}

async function followingOf(t: TestSystem, openid: string): Promise<boolean | undefined> {
  const rows = await queryRows<{ following: boolean }>(t.connection.db, sql`select following from subscribers where channel = 'oa' and openid = ${openid}`);
  return rows[0]?.following;
}

describe('resident chat in plaintext mode', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ seed: true });
  });
  afterAll(() => t.close());
  beforeEach(() => t.system.sandbox!.reset());

  it('when GET /sandbox is opened, then the page comes with a policy that allows only its own inline code', async () => {
    const res = await t.get('/sandbox');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'sha256-[A-Za-z0-9+/=]+'.*connect-src 'self'/);
    const html = await res.text();
    expect(html).toContain('<title>镇江智慧人社');
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?\/\//);
  });

  it('when a resident who does not follow writes, then 409 and nothing reaches /wechat', async () => {
    const openid = 'oChatApiTest0000000000001';
    const { status, json } = await send(t, { openid, kind: 'text', content: '最低工资' });
    expect(status).toBe(409);
    expect(json.error?.code).toBe('not_following');
    expect((await timeline(t, openid)).entries).toEqual([]);
  });

  it('when the body is not JSON or the action is malformed, then 415 or 400', async () => {
    const res = await t.post('/sandbox/_chat/send', 'openid=oChatApiTest0000000000001&kind=subscribe', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect((await send(t, { openid: 'oChatApiTest0000000000001', kind: 'shout' })).status).toBe(400);
    expect((await send(t, { openid: '<script>', kind: 'subscribe' })).status).toBe(400);
  });

  it('when a resident follows and writes, then the passive replies come back as JSON and the transcript keeps them in order', async () => {
    const openid = 'oChatApiTest0000000000002';
    const followed = await send(t, { openid, kind: 'subscribe' });
    expect(followed.json).toMatchObject({ push: { msgType: 'event', event: 'subscribe', encrypted: false }, httpStatus: 200, notice: null });
    expect(followed.json.reply?.content).toContain('感谢关注');
    const asked = await send(t, { openid, kind: 'text', content: '最低工资' });
    expect(asked.json.reply).toEqual({ msgType: 'text', content: expect.stringContaining('元/月') });
    const clicked = await send(t, { openid, kind: 'click', key: 'MENU_HOTLINE', name: '12333热线' });
    expect(clicked.json.reply?.content).toContain('12333人社服务热线');

    const { following, entries } = await timeline(t, openid);
    expect(following).toBe(true);
    expect(entries.map((e) => (e.source === 'resident' ? e.action.kind : e.source))).toEqual(['subscribe', 'account', 'text', 'account', 'click', 'account']);
    const residents = (await (await t.get('/sandbox/_chat/residents')).json()) as { residents: { openid: string; following: boolean }[] };
    expect(residents.residents).toEqual([expect.objectContaining({ openid, following: true })]);
  });

  it('when a resident follows, unfollows and follows again within one second, then each event counts', async () => {
    const openid = 'oChatApiTest0000000000003';
    await send(t, { openid, kind: 'subscribe' });
    const left = await send(t, { openid, kind: 'unsubscribe' });
    expect(left.json).toMatchObject({ httpStatus: 200, reply: null, notice: null });
    expect(await followingOf(t, openid)).toBe(false);
    expect(await t.system.sandbox!.followers()).toEqual([]);
    expect((await send(t, { openid, kind: 'unsubscribe' })).status).toBe(409);
    expect((await send(t, { openid, kind: 'subscribe' })).json.reply?.content).toContain('感谢关注');
    expect(await followingOf(t, openid)).toBe(true);
  });

  it('when a menu button opens a page or the mini-program, then the event is pushed and no reply is shown', async () => {
    const openid = 'oChatApiTest0000000000004';
    await send(t, { openid, kind: 'subscribe' });
    const viewed = await send(t, { openid, kind: 'view', url: 'https://hrss.zhenjiang.gov.cn/', name: '官网' });
    expect(viewed.json).toMatchObject({ push: { event: 'VIEW' }, httpStatus: 200, reply: null, notice: null });
    const opened = await send(t, { openid, kind: 'miniprogram', pagepath: 'pages/subsidies/index' });
    expect(opened.json).toMatchObject({ push: { event: 'view_miniprogram' }, httpStatus: 200, reply: null });
    expect((await send(t, { openid, kind: 'view', url: 'javascript:alert(1)' })).status).toBe(400);
  });

  it('when no menu was published, then the page gets menu.json; after menu/create, the published one', async () => {
    const before = (await (await t.get('/sandbox/_chat/menu')).json()) as { source: string; menu: unknown };
    expect(before).toEqual({ source: 'repository', menu: repositoryMenu({ miniProgramAppId: sandboxAccount().miniProgramAppId }) });
    const published = { button: [{ type: 'click' as const, name: '最低工资', key: 'MENU_WAGE' }] };
    await t.system.wechat.oa.createMenu(published);
    expect(await (await t.get('/sandbox/_chat/menu')).json()).toEqual({ source: 'menu_create', menu: published });
  });
});

describe('resident chat in 安全模式, with an answer that misses the reply budget', () => {
  let t: TestSystem;
  let release: () => void = () => {};
  const HELD = '请稍后答复';
  const holdSome = (answer: Answerer): Answerer => {
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return async (m, ctx) => {
      if (m.type === 'text' && m.content.includes(HELD)) await held;
      return answer(m, ctx);
    };
  };
  beforeAll(async () => {
    t = await startTestSystem({ seed: true, wechat: { officialAccount: { aesKey: TEST_AES_KEY } }, messaging: { settings: { replyBudgetMs: 1000 }, wrapAnswer: holdSome } });
  });
  afterAll(async () => {
    release();
    await t.close();
  });

  it('when an AES key is configured, then pushes go encrypted and the encrypted replies are verified and decrypted', async () => {
    const openid = 'oChatSafeTest000000000001';
    const followed = await send(t, { openid, kind: 'subscribe' });
    expect(followed.json).toMatchObject({ push: { encrypted: true }, httpStatus: 200, notice: null });
    expect(followed.json.entries[1]).toMatchObject({ source: 'account', encrypted: true, content: expect.stringContaining('感谢关注') });
    expect((await send(t, { openid, kind: 'text', content: '最低工资' })).json.reply?.content).toContain('元/月');
  });

  it('when the answer misses the budget, then no bubble comes back and the answer arrives by customer-service message', async () => {
    const openid = 'oChatSafeTest000000000002';
    await send(t, { openid, kind: 'subscribe' });
    const asked = await send(t, { openid, kind: 'text', content: `${HELD}最低工资` });
    expect(asked.json).toMatchObject({ httpStatus: 200, reply: null, notice: null });
    release();
    await t.system.messaging.settle();
    const pushes = (await timeline(t, openid)).entries.filter((e) => e.source === 'push');
    expect(pushes).toEqual([expect.objectContaining({ message: expect.objectContaining({ kind: 'custom', content: expect.stringContaining('元/月') }) })]);
  });
});

describe('resident chat when /wechat refuses the push', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ messaging: { settings: { token: 'a-token-the-sandbox-does-not-know' } } });
  });
  afterAll(() => t.close());

  it('when the signature does not verify, then the resident sees WeChat’s notice and the developer the reason', async () => {
    const openid = 'oChatRefusedTest000000001';
    const { json } = await send(t, { openid, kind: 'subscribe' });
    expect(json).toMatchObject({ httpStatus: 401, reply: null, notice: { text: UNAVAILABLE_NOTICE, detail: expect.stringContaining('HTTP 401') } });
    expect((await timeline(t, openid)).entries.map((e) => e.source)).toEqual(['resident', 'platform']);
  });
});
