import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { describeInBrowser, launchChromium, shotPath } from './support/chromium';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The mini-program's H5 build at /m/ on the real server with the sample content, in Debian's Chromium on
 * a phone-sized screen. The build comes from `npm install` (miniprogram/scripts/build-h5.mjs); without
 * it the test fails and says so. Screenshots land in shots/ for a human to look at.
 */

const DIST = path.resolve(__dirname, '../../miniprogram/dist/h5');
const PHONE = { width: 375, height: 740 };

let t: TestSystem;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const shot = (name: string) => page.screenshot({ path: shotPath(`miniprogram-${name}`), fullPage: true });
/** The page on top: the H5 router keeps earlier pages in the DOM, hidden. */
const current = () => page.locator('.taro_page:visible').last();

describeInBrowser('the mini-program in a browser (H5 at /m/)', () => {
  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`no H5 build in ${DIST}: run npm run build:h5 -w miniprogram`);
    t = await startTestSystem({ seed: true, now: new Date().toISOString() });
    browser = await launchChromium();
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

  /** The id of a published item, by title, from the API the page itself uses. */
  const idOf = async (path: string, title: string): Promise<number> => {
    const res = await fetch(`${t.url}/api/v1/${path}?limit=50`);
    const { items } = (await res.json()) as { items: { id: number; title: string }[] };
    const item = items.find((i) => i.title === title);
    if (!item) throw new Error(`no ${path} titled ${title}`);
    return item.id;
  };
  const question = (field: string) => current().locator(`.question-${field}`);
  const choose = (field: string, option: string) => question(field).locator('.chip', { hasText: new RegExp(`^${option}$`) }).click();

  it('when a 35-year-old veteran with a shop in 丹阳 runs the self-check of 创业担保贷款, then it says plainly that they qualify', async () => {
    const id = await idOf('subsidies', '创业担保贷款及贴息');
    await page.goto(`${t.url}/m/pages/subsidy/detail?id=${id}`);
    await current().getByText('资格自测：看看我能不能申请').click();
    await question('age').locator('input').waitFor();
    expect(page.url()).toMatch(/\/m\/pages\/subsidy\/check\?id=\d+/);
    // A required question left blank is named before anything is sent.
    await current().getByText('查看自测结果').click();
    await current().getByText('请填写：您的年龄').waitFor();
    await question('age').locator('input').fill('35');
    await choose('district', '丹阳市');
    await choose('enterpriseType', '个体工商户');
    await choose('isVeteran', '是');
    await current().getByText('查看自测结果').click();
    await current().locator('.check-result').waitFor();
    expect(await current().locator('.check-title').textContent()).toBe('您符合申请条件');
    expect(await current().locator('.check-failed').count()).toBe(0);
    expect(await current().locator('.check-passed').allTextContents()).toContain('✓ 年龄在18至60周岁之间');
    await current().locator('.check-result').screenshot({ path: shotPath('miniprogram-self-check-eligible') });
  });

  it('when the same veteran says they are 61, then the result names the one failed condition and why', async () => {
    await question('age').locator('input').fill('61');
    // Changing an answer clears the old result, so a stale verdict is never on screen.
    await current().locator('.check-result').waitFor({ state: 'detached' });
    await current().getByText('查看自测结果').click();
    await current().locator('.check-result').waitFor();
    expect(await current().locator('.check-title').textContent()).toBe('您暂不符合申请条件（1项不符合）');
    expect(await current().locator('.check-condition').allTextContents()).toEqual(['✗ 年龄在18至60周岁之间']);
    await current().getByText('您填写的年龄是61周岁，超过60周岁').waitFor();
    await current().locator('.check-result').screenshot({ path: shotPath('miniprogram-self-check-ineligible') });
  });

  it('when the resident opens 工资标准, then a chart shows each monthly standard so far, oldest first, rising', async () => {
    await page.goto(`${t.url}/m/pages/wage/index`);
    const bars = current().locator('.wage-chart-bar');
    await bars.first().waitFor();
    const values = (await current().locator('.wage-chart-value').allTextContents()).map(Number);
    expect(values.length).toBeGreaterThanOrEqual(3);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const current_ = await current().locator('.wage-amount').first().textContent();
    expect(values.at(-1)).toBe(Number(current_));
    // Drawn to scale: the bars grow with the figures and none is flat.
    const heights = await Promise.all((await bars.all()).map(async (b) => (await b.boundingBox())!.height));
    expect(heights[0]).toBeGreaterThan(20);
    expect(heights.at(-1)! / heights[0]!).toBeCloseTo(values.at(-1)! / values[0]!, 1);
    await current().locator('.wage-chart').screenshot({ path: shotPath('miniprogram-wage-chart') });
    await shot('wage');
  });

  it('when the resident opens 办事指南, then guides are grouped by theme and one shows where to go, how long, the fee and the law', async () => {
    await page.goto(`${t.url}/m/`);
    await current().getByText('办事指南', { exact: true }).click();
    await current().locator('.guide-group').first().waitFor();
    expect(await current().locator('.guide-group > .section-title').allTextContents()).toEqual([
      expect.stringMatching(/^就业创业（\d+）$/),
      expect.stringMatching(/^社会保险（\d+）$/),
      expect.stringMatching(/^劳动关系（\d+）$/),
      expect.stringMatching(/^人才人事（\d+）$/),
    ]);
    await shot('guides');
    await current().locator('.guide-labour_relations .item-card', { hasText: '劳动人事争议仲裁申请' }).click();
    for (const section of ['办理概要', '办理条件', '所需材料', '办理流程', '办理地点', '办理依据']) await current().locator('.section-title', { hasText: section }).waitFor();
    await current().getByText('收费标准').waitFor();
    expect(await current().locator('.qa-q').first().textContent()).toMatch(/^《.+》/);
    expect(page.url()).toMatch(/\/m\/pages\/guide\/detail\?id=\d+/);
    await shot('guide-detail');
    await current().locator('.location').first().screenshot({ path: shotPath('miniprogram-guide-location') });
    // The map link searches the hall in 高德 (in a new tab; this machine has no way out, so only the address is checked).
    await page.context().route('https://uri.amap.com/**', (route) => route.fulfill({ status: 200, body: 'map' }));
    const [map] = await Promise.all([page.waitForEvent('popup'), current().getByText('在地图中查看').click()]);
    expect(decodeURIComponent(map.url())).toContain('keyword=镇江市劳动人事争议仲裁院');
    await map.close();
    await page.context().unroute('https://uri.amap.com/**');
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
