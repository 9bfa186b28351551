import type { Middleware } from 'koa';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp } from '../src/http/app';
import { createHttpMetrics } from '../src/http/metrics';
import { createReadCache } from '../src/http/read-cache';
import type { AppState } from '../src/http/state';
import { SAMPLE_MARK } from '../src/wechat/message-server/answers';
import { MENU_ACTIONS } from '../src/wechat/message-server/message-router';
import { unansweredQuestionsRoutes } from '../src/wechat/message-server/unanswered-questions';
import { aRecruitment, aSubsidy, publish } from './support/builders';
import { contentOf, eventPush, newOpenId, sandboxPusher, textMessage, type Pusher } from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
let wechat: Pusher;
const ids: Record<string, number> = {};

async function ask(text: string, openid = newOpenId()): Promise<string> {
  return contentOf(await wechat.push(textMessage(openid, text)));
}
async function click(key: string): Promise<string> {
  return contentOf(await wechat.push(eventPush(newOpenId(), 'CLICK', { EventKey: key })));
}

beforeAll(async () => {
  t = await startTestSystem();
  wechat = sandboxPusher(t);
  const c = t.system.content;
  t.clock.set('2026-11-20T09:00:00+08:00');
  ids.startup = (
    await publish(c, aSubsidy({ title: '一次性创业补贴', details: { amount: '每户5000元', conditions: ['毕业5年内的高校毕业生', '首次创办小微企业'] } }))
  ).id;
  ids.closed = (
    await publish(c, aSubsidy({ title: '已截止的以工代训补贴', details: { applicationWindow: { opensOn: '2026-01-01', closesOn: '2026-06-30', note: '' } } }))
  ).id;
  for (let i = 1; i <= 10; i++) await publish(c, aSubsidy({ title: `稳岗就业补贴第${i}项`, details: { amount: `每人${i}00元` } }));
  await publish(c, aSubsidy({ title: '技能提升补贴（企业职工）' }));
  await publish(c, aSubsidy({ title: '技能提升补贴（失业人员）' }));
  await publish(
    c,
    aRecruitment({
      title: '二级建造师考试考务通知',
      topics: ['qualification_exam'],
      details: { category: 'qualification_exam', registrationOpensAt: '2026-11-01T09:00:00+08:00', registrationClosesAt: '2026-11-10T17:00:00+08:00', examOn: '2026-12-12', finishesOn: '2027-01-31', positions: [] },
    }),
  );
  t.clock.set('2026-11-27T10:00:00+08:00');
});
afterAll(() => t.close());

describe('free questions in the chat', () => {
  it('when one subsidy clearly fits a question, then its amount, main condition and link come back', async () => {
    const text = await ask('一次性创业补贴给多少钱？');
    expect(text.split('\n')[0]).toContain(`pages/subsidy/detail?id=${ids.startup}">一次性创业补贴</a>`);
    expect(text.split('\n')[1]).toBe(SAMPLE_MARK);
    expect(text).toContain('标准：每户5000元');
    expect(text).toContain('主要条件：毕业5年内的高校毕业生；首次创办小微企业');
    expect(text).not.toContain('稳岗');
  });

  it('when two items fit a question alike, then up to three candidates are offered', async () => {
    const text = await ask('技能提升补贴');
    expect(text).toContain('您想了解的可能是以下内容');
    expect(text).toContain('技能提升补贴（企业职工）');
    expect(text).toContain('技能提升补贴（失业人员）');
    expect(text).not.toContain('标准：');
  });

  it('when nothing matches, then the keyword list comes back and the question is counted with its first and last time', async () => {
    const openid = newOpenId();
    t.clock.set('2026-11-27T10:00:00+08:00');
    const miss = await ask('火星移民签证怎么办？', openid);
    expect(miss).toContain('抱歉，暂时没有找到');
    expect(miss).toContain('回复下列关键词');
    t.clock.set('2026-11-28T11:00:00+08:00');
    await ask('火星移民签证怎么办', newOpenId());
    await t.system.messaging.settle();
    const rows = await t.system.messaging.unansweredQuestions.list({ limit: 20 });
    const row = rows.items.find((r) => r.question === '火星移民签证怎么办');
    expect(row).toMatchObject({ count: 2, firstSeenAt: '2026-11-27T02:00:00.000Z', lastSeenAt: '2026-11-28T03:00:00.000Z' });
    expect(row!.askerSample).toMatch(/^.{4}\*\*\*.{4}$/);
    expect(JSON.stringify(rows)).not.toContain(openid);
    t.clock.set('2026-11-27T10:00:00+08:00');
  });

  it('when a question is answered, then it is not counted as unanswered', async () => {
    await ask('一次性创业补贴给多少钱？');
    await t.system.messaging.settle();
    const rows = await t.system.messaging.unansweredQuestions.list({ limit: 50 });
    expect(rows.items.map((r) => r.question)).not.toContain('一次性创业补贴给多少钱');
  });
});

describe('menus list everything they promise', () => {
  it('when 补贴政策 is clicked, then the first ten subsidies show with a link to all, and a closed one comes last and marked', async () => {
    const text = await click('MENU_SUBSIDY');
    expect(text).toContain('查看全部补贴政策');
    expect(text).toContain('pages/subsidy/index');
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2048);
  });

  it('when more subsidies are open than the list shows, then a closed one, though published earlier, gives way to them', async () => {
    const text = await ask('补贴');
    expect(text).toContain('稳岗就业补贴第10项');
    expect(text).not.toContain('已截止的以工代训补贴');
  });

  it('when 考试安排 is clicked after registration closed, then an exam still ahead is listed with its date', async () => {
    const text = await click('MENU_EXAMS');
    expect(text).toContain('报名已截止、即将考试：\n1. 二级建造师考试考务通知\n考试时间：2026年12月12日');
  });

  it('when any CLICK key of menu.json is clicked, then it has its own answer, not the help text', async () => {
    const menu = JSON.parse(readFileSync(path.join(__dirname, '../src/wechat/client/menu.json'), 'utf8')) as { button: Array<{ sub_button?: Array<{ type: string; key?: string }> }> };
    const keys = menu.button.flatMap((b) => b.sub_button ?? []).filter((b) => b.type === 'click').map((b) => b.key!);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(MENU_ACTIONS[key]).toBeDefined();
      expect(await click(key)).not.toContain('回复下列关键词');
    }
  });
});

describe('the unanswered-questions API', () => {
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const service = t.system.messaging.unansweredQuestions;
    for (const [q, n] of [['社保断缴影响', 3], ['公积金贷款', 5], ['养老院入住', 1]] as const) for (let i = 0; i < n; i++) service.record(q, newOpenId());
    t.clock.set('2026-12-05T10:00:00+08:00');
    service.record('养老院入住', newOpenId());
    await service.settle();
    t.clock.set('2026-11-27T10:00:00+08:00');
    const permissive: Middleware<AppState> = (_ctx, next) => next();
    const app = createApp({
      logger: pino({ level: 'silent' }),
      metrics: createHttpMetrics(),
      readCache: createReadCache({ ttlMs: 1000, maxEntries: 10 }),
      apiRoutes: [],
      extraRouters: [unansweredQuestionsRoutes(service, permissive)],
      checkDatabase: async () => undefined,
    });
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/unanswered-questions`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('when an editor lists them, then the most frequent come first, page by page', async () => {
    const first = (await (await fetch(`${base}?limit=2`)).json()) as { items: Array<{ question: string; count: number }>; nextCursor: string | null };
    expect(first.items.map((r) => [r.question, r.count])).toEqual([
      ['公积金贷款', 5],
      ['社保断缴影响', 3],
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (await fetch(`${base}?limit=2&cursor=${first.nextCursor}`)).json()) as { items: Array<{ question: string; count: number }> };
    // Equal counts: the one asked most recently first.
    expect(second.items[0]).toMatchObject({ question: '养老院入住', count: 2 });
  });

  it('when `since` is given, then only questions asked again since then are listed', async () => {
    const body = (await (await fetch(`${base}?since=2026-12-01`)).json()) as { items: Array<{ question: string; count: number }> };
    expect(body.items.map((r) => [r.question, r.count])).toEqual([['养老院入住', 2]]);
  });

  it('when the query is invalid, then 400 names the parameter', async () => {
    const res = await fetch(`${base}?limit=500`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('limit');
  });

  it('when nobody is signed in, then the system refuses the list with 401 and shows nothing', async () => {
    const res = await t.get('/admin/api/unanswered-questions');
    expect(res.status).toBe(401);
    const body = JSON.stringify(await res.json());
    expect(body).not.toContain('公积金');
  });
});

describe('questions residents ask, against the shipped demo content (guides included)', () => {
  let demo: TestSystem;
  let push: Pusher;
  beforeAll(async () => {
    demo = await startTestSystem({ seed: true });
    push = sandboxPusher(demo);
  });
  afterAll(() => demo.close());

  it.each([
    ['失业金怎么领', '失业保险金申领'],
    ['工伤认定怎么办理', '工伤认定'],
    ['公司拖欠工资去哪投诉', '欠薪投诉'],
  ])('when a resident asks %s, then the answer names the %s guide and links it, not the keyword list', async (question, guide) => {
    const text = contentOf(await push.push(textMessage(newOpenId(), question)));
    expect(text).toContain(guide);
    expect(text).toMatch(/pages\/guide\/detail\?id=\d+/);
    expect(text).not.toContain('暂时没有找到');
  });
});
