import { sql } from 'drizzle-orm';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { queryRows } from '../src/db/database';
import { insertKeywordRule } from '../src/wechat/message-server/keyword-rules';
import type { Answerer } from '../src/wechat/message-server/message-router';
import { describeInBrowser, launchChromium, shotPath } from './support/chromium';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The resident chat page at /sandbox, driven through Debian's Chromium: every bubble on it went through
 * the real /wechat as a signed push. Screenshots land in shots/ (git-ignored) for a human to look at.
 */

const PHONE = { width: 375, height: 740 };
/** Texts with this phrase are answered only when the test says so: an answer that misses the reply budget. */
const HELD = '请稍后答复';

let t: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let releaseHeld: () => void = () => {};
const problems: string[] = [];

const holdSome = (answer: Answerer): Answerer => {
  const held = new Promise<void>((resolve) => {
    releaseHeld = resolve;
  });
  return async (m, ctx) => {
    if (m.type === 'text' && m.content.includes(HELD)) await held;
    return answer(m, ctx);
  };
};

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: shotPath(`sandbox-chat-${name}`) });
}

/** An incoming bubble (reply or customer-service message) containing `text`, once it is there. */
async function incoming(text: string) {
  const bubble = page.locator('.msg.in .bubble', { hasText: text }).last();
  await bubble.waitFor();
  return bubble;
}

/** Waits until every action sent from the page has had its answer (the page marks sends in flight). */
async function settled(): Promise<void> {
  await page.locator('body:not([data-sending])').waitFor({ state: 'attached' });
}

async function createResident(openid: string): Promise<void> {
  await page.getByRole('button', { name: '新建' }).click();
  await page.getByLabel('新居民的 openid').fill(openid);
  await page.getByRole('button', { name: '创建' }).click();
  // The page selects a resident in the same step that lists it.
  await page.locator(`#resident option[value="${openid}"]`).waitFor({ state: 'attached' });
  expect(await page.locator('#resident').inputValue()).toBe(openid);
}

async function follow(): Promise<void> {
  await page.getByRole('button', { name: '关注公众号' }).click();
  await incoming('感谢关注');
  await settled();
}

async function say(text: string): Promise<void> {
  const input = page.getByLabel('输入消息');
  if (!(await input.isVisible())) await page.getByRole('button', { name: '切换到键盘输入' }).click();
  await input.fill(text);
  await page.getByRole('button', { name: '发送', exact: true }).click();
}

async function following(openid: string): Promise<boolean | undefined> {
  const rows = await queryRows<{ following: boolean }>(t.connection.db, sql`select following from subscribers where channel = 'oa' and openid = ${openid}`);
  return rows[0]?.following;
}

describeInBrowser('resident chat page (/sandbox) in Chromium', () => {
  beforeAll(async () => {
    t = await startTestSystem({ seed: true, messaging: { settings: { replyBudgetMs: 1500 }, wrapAnswer: holdSome } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    releaseHeld();
    await browser?.close();
    await t?.system.sandbox?.settled();
    await t?.close();
  });
  beforeEach(async () => {
    problems.length = 0;
    context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    await page.goto(`${t.url}/sandbox`);
    await page.locator('body[data-ready]').waitFor({ state: 'attached' });
  });
  afterEach(async () => {
    await context.close();
    // Script errors and CSP violations (the page runs under a hash-pinned policy) fail the test.
    expect(problems).toEqual([]);
  });

  it('when a resident follows, asks for 最低工资 and presses 12333热线, then the replies show; when they unfollow, the server records it', async () => {
    const openid = 'oBrowserChat000000000000001';
    await createResident(openid);
    await page.getByRole('button', { name: '关注公众号' }).waitFor();
    await shot('1-new-resident');

    await follow();
    expect(await page.locator('.time').first().innerText()).toBe('11月27日 10:00');
    expect((await t.system.sandbox!.followers()).map((f) => f.openid)).toContain(openid);
    expect(await following(openid)).toBe(true);

    await say('最低工资');
    const wage = await incoming('元/月');
    const wageText = await wage.innerText();
    expect(wageText).toContain('最低工资');
    expect(wageText).toMatch(/\d+元\/月/);
    expect(wageText).toContain('京口区');
    await page.locator('.msg.out .bubble', { hasText: '最低工资' }).waitFor();
    await settled();
    await shot('2-wage');

    await page.getByRole('button', { name: '切换到菜单' }).click();
    await page.getByRole('button', { name: '办事指南' }).click();
    const hotlineItem = page.getByRole('menuitem', { name: '12333热线' });
    await hotlineItem.waitFor();
    await shot('3-menu');
    await hotlineItem.click();
    expect(await (await incoming('12333人社服务热线')).innerText()).toContain('服务时间');
    await page.locator('.sys', { hasText: '点击了菜单「12333热线」' }).waitFor();
    await settled();
    await shot('4-hotline');

    await page.getByRole('button', { name: '取消关注' }).click();
    await page.getByRole('button', { name: '关注公众号' }).waitFor();
    await settled();
    await page.locator('.sys', { hasText: '你已取消关注' }).waitFor();
    await shot('5-unfollowed');
    expect((await t.system.sandbox!.followers()).map((f) => f.openid)).not.toContain(openid);
    expect((await t.system.sandbox!.chat.timeline(openid)).filter((e) => e.source === 'resident').map((e) => e.source === 'resident' && e.action.kind)).toEqual([
      'subscribe',
      'text',
      'click',
      'unsubscribe',
    ]);
    expect(await following(openid)).toBe(false);
  });

  it('when a reply carries links and markup, then the links work and everything else stays text', async () => {
    await insertKeywordRule(
      t.connection.db,
      {
        keywords: ['链接测试'],
        match: 'contains',
        action: 'text',
        replyText:
          '请看<a href="https://hrss.zhenjiang.gov.cn/">局网站</a>和<a data-miniprogram-appid="wx8c4e2b7d9a1f3056" data-miniprogram-path="pages/subsidies/index">补贴小程序</a>。\n' +
          '<img src=x onerror="document.body.dataset.pwned=1"><b>不加粗</b> <a href="javascript:alert(1)">脚本</a>',
        priority: 1,
      },
      t.clock.now(),
    );
    t.system.messaging.keywordRules.invalidate();
    await createResident('oBrowserChat000000000000002');
    await follow();

    await say('链接测试');
    const reply = await incoming('局网站');
    await settled();
    await shot('6-links');
    const web = reply.locator('a', { hasText: '局网站' });
    expect(await web.getAttribute('href')).toBe('https://hrss.zhenjiang.gov.cn/');
    expect(await web.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await reply.locator('a.mp-link', { hasText: '补贴小程序' }).getAttribute('title')).toContain('pages/subsidies/index');
    expect(await reply.locator('a').count()).toBe(2);
    expect(await reply.locator('img, b').count()).toBe(0);
    const text = await reply.innerText();
    expect(text).toContain('<img src=x onerror="document.body.dataset.pwned=1"><b>不加粗</b>');
    expect(text).toContain('<a href="javascript:alert(1)">脚本</a>');
    expect(await page.locator('body[data-pwned]').count()).toBe(0);
  });

  it('when a resident sends a location from the + panel, then the nearest service hall comes back', async () => {
    await createResident('oBrowserChat000000000000004');
    await follow();
    await page.getByRole('button', { name: '切换到键盘输入' }).click();
    await page.getByRole('button', { name: '更多' }).click();
    await page.getByRole('button', { name: '丹阳市' }).waitFor();
    await shot('8-location-panel');
    await page.getByRole('button', { name: '丹阳市' }).click();
    expect(await (await incoming('离您最近的人社服务大厅：')).innerText()).toContain('丹阳市人社服务大厅');
    const place = page.locator('.msg.out .place', { hasText: '镇江市丹阳市' });
    await place.waitFor();
    await settled();
    await place.scrollIntoViewIfNeeded();
    await shot('9-location');
  });

  it('when an answer misses the reply budget and a template message is pushed, then both show up as pushes', async () => {
    const openid = 'oBrowserChat000000000000003';
    await createResident(openid);
    await follow();

    await say(`${HELD}最低工资`);
    await settled();
    expect(await page.locator('.msg.in').count()).toBe(1);
    releaseHeld();
    const late = page.locator('.msg.in', { has: page.locator('.caption', { hasText: '客服消息' }) });
    await late.waitFor();
    expect(await late.locator('.bubble').innerText()).toContain('元/月');

    await t.system.wechat.oa.sendTemplate({
      touser: openid,
      templateId: 'TPL_wage_standard_update',
      data: { thing1: '镇江市最低工资标准调整', time2: '2026年12月1日 09:00' },
      url: 'https://hrss.zhenjiang.gov.cn/',
    });
    const card = page.locator('.card', { hasText: '镇江市最低工资标准调整' });
    await card.waitFor();
    expect(await card.locator('a.card-foot').getAttribute('href')).toBe('https://hrss.zhenjiang.gov.cn/');
    await shot('7-pushes');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('.phone').waitFor();
    await page.screenshot({ path: shotPath('sandbox-chat-desktop') });
  });
});
