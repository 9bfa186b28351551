import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { browserTestPlan } from './support/chromium';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The mini-program's H5 build at /m/ on the real server with the sample content, in Debian's Chromium on
 * a phone-sized screen. The build comes from `npm install` (miniprogram/scripts/build-h5.mjs); without
 * it the test fails and says so. Screenshots land in shots/ for a human to look at.
 */

// eslint-disable-next-line n/no-process-env -- CI and CHROMIUM_PATH decide whether a missing Chromium skips or fails
const plan = browserTestPlan(process.env);
if (plan.mode === 'skip') console.warn(plan.reason);
const describeInBrowser = plan.mode === 'skip' ? describe.skip : describe;

const DIST = path.resolve(__dirname, '../../miniprogram/dist/h5');
const SHOTS = path.resolve(__dirname, '../../shots');
const PHONE = { width: 375, height: 740 };

let t: TestSystem;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `miniprogram-${name}.png`), fullPage: true });
/** The page on top: the H5 router keeps earlier pages in the DOM, hidden. */
const current = () => page.locator('.taro_page:visible').last();

describeInBrowser('the mini-program in a browser (H5 at /m/)', () => {
  beforeAll(async () => {
    if (plan.mode === 'fail') throw new Error(plan.reason);
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`no H5 build in ${DIST}: run npm run build:h5 -w miniprogram`);
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestSystem({ seed: true, now: new Date().toISOString() });
    browser = await chromium.launch({ executablePath: plan.mode === 'run' ? plan.executablePath : undefined, headless: true });
    page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('response', (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('when a resident opens the home page, then it shows the minimum wage in force and a cold load is timed', async () => {
    await page.goto(`${t.url}/m/`);
    await current().getByText('现行最低工资标准').waitFor();
    await current().locator('.wage-amount').first().waitFor();
    expect(await current().locator('.wage-amount').first().textContent()).toMatch(/^\d{4}$/);
    await current().getByText('元/月').waitFor();
    // The browser's own figure (the test's tsconfig has no DOM types, hence the string).
    const load = await page.evaluate<number>('Math.round(performance.getEntriesByType("navigation")[0].loadEventEnd)');
    console.log(`H5 home page load event after ${load} ms`);
    await shot('home');
  });

  it('when the resident opens 补贴 and a subsidy, then its conditions and materials are shown', async () => {
    await current().getByText('补贴申领').click();
    const first = current().locator('.item-card').first();
    await first.waitFor();
    await shot('subsidies');
    const title = (await first.locator('.item-title').textContent())!;
    await first.click();
    await current().getByText('申领条件').waitFor();
    await current().getByText('所需材料').waitFor();
    expect(await current().locator('.detail-title').textContent()).toBe(title);
    expect(page.url()).toMatch(/\/m\/pages\/subsidy\/detail\?id=\d+/);
    await shot('subsidy-detail');
  });

  it('when the resident opens a recruitment open for registration, then its countdown and positions are shown', async () => {
    await page.goto(`${t.url}/m/pages/recruitment/index`);
    await current().getByText('正在报名', { exact: true }).first().click();
    const open = current().locator('.item-card').first();
    await open.waitFor();
    await open.click();
    await current().locator('.countdown').waitFor();
    expect(await current().locator('.countdown').textContent()).toMatch(/^距报名截止还有/);
    await current().locator('.section-title', { hasText: '招聘岗位' }).waitFor();
    await shot('recruitment-detail');
  });

  it('when the resident searches 创业, then results of several kinds come back and a subsidy opens', async () => {
    await page.goto(`${t.url}/m/pages/search/index?q=${encodeURIComponent('创业')}`);
    const results = current().locator('.item-card');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(1);
    await shot('search');
    await current().locator('.item-card', { has: page.locator('.kind', { hasText: '补贴' }) }).first().click();
    await current().getByText('申领条件').waitFor();
  });

  it('when 长辈模式 is switched on, then text on every page is larger', async () => {
    await page.goto(`${t.url}/m/pages/mine/index`);
    type Styles = { getComputedStyle(el: unknown): { fontSize: string } };
    const size = async () => parseFloat(await current().locator('.list-line').first().evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).fontSize));
    await current().locator('.list-line').first().waitFor();
    const before = await size();
    await current().locator('.elder-switch').click();
    await current().locator('.page.elder').waitFor();
    expect(await size()).toBeGreaterThan(before * 1.2);
    await page.goto(`${t.url}/m/`);
    await current().locator('.wage-amount').first().waitFor();
    expect(await current().locator('.page.elder').count()).toBe(1);
    await shot('home-elder');
  });

  it('when the API fails, then the page says so and 重试 loads it again', async () => {
    let fail = true;
    await page.route('**/api/v1/subsidies*', (route) => (fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
    await page.goto(`${t.url}/m/pages/subsidy/index`);
    await current().getByText(/服务暂时不可用/).waitFor();
    await shot('error');
    problems.length = 0; // the 503 above was on purpose
    fail = false;
    await current().getByText('重试', { exact: true }).click();
    await current().locator('.item-card').first().waitFor();
    await page.unroute('**/api/v1/subsidies*');
  });
});
