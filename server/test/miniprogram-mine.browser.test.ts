import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Browser, type Page } from 'playwright-core';
import { queryRows } from '../src/db/database';
import { anEditor, logIn } from './support/admin';
import { aRecruitment, publish } from './support/builders';
import { describeInBrowser, launchChromium, shotPath } from './support/chromium';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';
import { aSubmittedPush } from './support/pushes';

/**
 * 我的 in the H5 build, end to end on the real server with the sample content: a resident logs in (the
 * sandbox's stand-in for wx.login), sets district and identity, subscribes to 事业单位招聘 and allows the
 * subscribe message (the sandbox's stand-in for WeChat's popup, recorded as WeChat would); an editor's
 * push for a new recruitment notice, approved by a reviewer, is sent by the real worker to the sandbox,
 * reaches this resident, shows under 收到的通知, and opening it counts in the push's statistics.
 */

const DIST = path.resolve(__dirname, '../../miniprogram/dist/h5');
const PHONE = { width: 375, height: 740 };
const TOPIC = 'institution_recruitment';
const DEMO_TEMPLATE = { templateId: 'SUBTPL_recruit_demo', kind: 'one_time' as const, title: '招聘信息提醒' };

let t: TestSystem;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** The viewport: an H5 page scrolls inside its own container, so sections further down are shot one by one. */
const shot = (name: string) => page.screenshot({ path: shotPath(`miniprogram-${name}`) });
/** Taro's toasts fade out after a few seconds; a screenshot waits for them so it shows what stays. */
const toastsGone = () =>
  page.waitForFunction(`Array.from(document.querySelectorAll('.taro__toast')).every((t) => t.style.display === 'none')`, undefined, { timeout: 5_000 });
/** The page on top: the H5 router keeps earlier pages in the DOM, hidden. */
const current = () => page.locator('.taro_page:visible').last();

/** The mini-program user's profile as stored (one row per openid and channel). */
async function profileOf(openid: string): Promise<{ district: string | null; audiences: string[] }> {
  const rows = await queryRows<{ district: string | null; audiences: string[] }>(t.connection.db, sql`select district, audiences from subscribers where channel = 'mp' and openid = ${openid}`);
  if (rows.length !== 1) throw new Error(`expected one subscriber ${openid}, found ${rows.length}`);
  return rows[0]!;
}

describeInBrowser('我的 in a browser: login, profile, subscription, a push received and opened', () => {
  let openid: string;
  let templateId: string;

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`no H5 build in ${DIST}: run npm run build:h5 -w miniprogram`);
    // Real time: the session tokens the page keeps expire by the phone's clock too. Pushes are urgent below,
    // so quiet hours do not hold them whenever the test runs.
    t = await startTestSystem({ seed: true, now: new Date().toISOString() });
    // The subscribe templates a topic asks for come from the database; a fresh demo database may have none yet.
    const topics = await json<{ items: { code: string; templateIds: string[] }[] }>(await t.get('/api/v1/topics'));
    if (topics.items.find((i) => i.code === TOPIC)!.templateIds.length === 0) await t.system.miniProgramUsers.defineTemplate(DEMO_TEMPLATE);
    templateId = (await json<{ items: { code: string; templateIds: string[] }[] }>(await t.get('/api/v1/topics'))).items.find((i) => i.code === TOPIC)!.templateIds[0]!;
    await anEditor(t, 'mine-author', 'editor');
    await anEditor(t, 'mine-reviewer', 'reviewer');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      if ((res.url().includes('/api/') || res.url().includes('/sandbox/')) && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.system.pushes.worker.idle();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('when a resident opens 我的 and logs in, then their (empty) profile, the topics and no notifications are shown', async () => {
    await page.goto(`${t.url}/m/pages/mine/index`);
    await current().getByText('微信登录').waitFor();
    await shot('mine-logged-out');
    const [login] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/sandbox/_mp/login')), current().getByText('微信登录').click()]);
    openid = ((await login.json()) as { openid: string }).openid;
    await current().getByText('我的资料').waitFor();
    await current().locator(`.topic-${TOPIC}`).waitFor();
    await current().getByText(/还没有收到通知/).waitFor();
    expect(await current().locator('.profile-districts .chip-on').count()).toBe(0);
    expect(await profileOf(openid)).toEqual({ district: null, audiences: [] });
  });

  it('when the resident chooses 丹阳市 and 高校毕业生 and saves, then the server keeps the profile', async () => {
    await current().locator('.profile-districts .chip', { hasText: '丹阳市' }).click();
    await current().locator('.profile-audiences .chip', { hasText: '高校毕业生' }).click();
    await current().getByText('保存资料').click();
    await current().getByText('资料已保存').waitFor();
    expect(await profileOf(openid)).toEqual({ district: 'danyang', audiences: ['graduate'] });
    await current().locator('.profile').screenshot({ path: shotPath('miniprogram-mine-profile') });
  });

  it('when the resident subscribes to 事业单位招聘 and allows the notification, then the subscription and one credit are recorded on both sides', async () => {
    const card = current().locator(`.topic-${TOPIC}`);
    await toastsGone(); // 「资料已保存」 of the step before
    await card.getByText('订阅', { exact: true }).click();
    // The stand-in for WeChat's popup: the same choice, 允许 or 拒绝.
    await page.getByText('允许', { exact: true }).waitFor();
    await page.waitForTimeout(400); // the popup's fade-in
    await shot('mine-subscribe-request');
    await page.getByText('允许', { exact: true }).click();
    await card.getByText('已订阅').waitFor();
    await card.getByText('接收范围：全市 · 所有身份').waitFor();
    expect(await t.system.sandbox!.subscribeCredit(openid, templateId)).toBe(1);
    const [template] = await queryRows<{ title: string }>(t.connection.db, sql`select title from subscribe_templates where template_id = ${templateId}`);
    const credit = current().locator('.credit', { hasText: template!.title });
    expect(await credit.locator('.credit-state').textContent()).toBe('还可接收1次');
    await toastsGone(); // 「订阅成功…」
    await card.screenshot({ path: shotPath('miniprogram-mine-subscribed-topic') });
    await current().locator('.credits').screenshot({ path: shotPath('miniprogram-mine-credits') });
  });

  it('when a reviewer approves a push for a new recruitment notice in 丹阳 for graduates, then it reaches this resident, shows under 我的, and opening it is counted', async () => {
    const day = 24 * 3600_000;
    const item = await publish(
      t.system.content,
      aRecruitment({
        title: '丹阳市2026年下半年事业单位公开招聘',
        districts: ['danyang'],
        audiences: ['graduate'],
        topics: [TOPIC],
        // Open for registration now, whenever the test runs.
        details: { registrationOpensAt: new Date(Date.now() - day).toISOString(), registrationClosesAt: new Date(Date.now() + 10 * day).toISOString(), examOn: null },
      }),
    );
    const author = await logIn(t, 'mine-author');
    const reviewer = await logIn(t, 'mine-reviewer');
    const pushId = await aSubmittedPush(author, { contentId: item.id, urgent: true, subscribe: { templateId, keywords: { thing1: { field: 'title' }, thing2: { text: '报名进行中，请留意截止时间' } } } });
    await json(await reviewer.call('POST', `/pushes/${pushId}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();

    const delivered = await t.system.sandbox!.messagesTo(openid);
    expect(delivered).toEqual([expect.objectContaining({ kind: 'subscribe', templateId, page: expect.stringMatching(new RegExp(`^pages/recruitment/detail\\?id=${item.id}&push=${pushId}&d=\\d+$`)) })]);
    expect(delivered[0]!.data.thing1).toBe('丹阳市2026年下半年事业单位公开招聘');

    await page.reload();
    const received = current().locator('.inbox-item', { hasText: '丹阳市2026年下半年事业单位公开招聘' });
    await received.waitFor();
    expect(await received.getByText('未读').count()).toBe(1);
    expect(await current().locator('.credit-state').first().textContent()).toMatch(/次数已用完|还可接收/);
    await current().locator('.inbox').screenshot({ path: shotPath('miniprogram-mine-inbox') });

    await received.click();
    await current().locator('.detail-title', { hasText: '丹阳市2026年下半年事业单位公开招聘' }).waitFor();
    expect(page.url()).toContain(`/m/${delivered[0]!.page}`);
    await current().locator('.countdown').waitFor();
    await shot('mine-push-opened');
    const stats = async () => (await json<{ stats: { opens: number } }>(await author.call('GET', `/pushes/${pushId}`))).stats.opens;
    for (let i = 0; i < 50 && (await stats()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await stats()).toBe(1);

    // Back on 我的 the notification reads as opened; opening it again does not count twice.
    await page.goBack();
    await received.waitFor();
    await received.getByText('未读').waitFor({ state: 'detached' });
    await received.click();
    await current().locator('.detail-title', { hasText: '丹阳市2026年下半年事业单位公开招聘' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await stats()).toBe(1);
  });

  it('when the session token has expired or is refused, then the page logs in again by itself and loads', async () => {
    await page.goto(`${t.url}/m/pages/mine/index`);
    await current().getByText('我的资料').waitFor();
    // What the server refuses (an expired token, or one whose subscriber was erased) it answers with 401, as to this one.
    await page.evaluate(`(() => { const k = 'session'; const v = JSON.parse(localStorage.getItem(k)); v.data.token = 'tampered.' + v.data.token; localStorage.setItem(k, JSON.stringify(v)); })()`);
    await page.reload();
    await current().getByText('我的资料').waitFor();
    await current().locator('.inbox-item').first().waitFor();
    // The refused token's 401 was on purpose.
    expect(problems.every((p) => p.startsWith('401 '))).toBe(true);
    problems.length = 0;
  });

  it('when 长辈模式 is on, then 我的 is readable in larger text', async () => {
    await current().locator('.elder-switch').click();
    await current().locator('.page.elder').waitFor();
    await shot('mine-elder');
    await current().locator('.elder-switch').click();
  });
});
