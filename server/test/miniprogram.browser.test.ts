import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { aWageStandard, publish } from './support/builders';
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

  it('when the resident opens 工资标准 for 丹阳市, then the wage guideline of the newest year shows, and an earlier year on a tap', async () => {
    const guideline = (year: number, base: number, upper: number, lower: number) =>
      aWageStandard({
        title: `镇江市${year}年企业工资指导线`,
        topics: ['wage_standard'],
        details: {
          standardType: 'wage_guideline',
          effectiveFrom: `${year}-06-01`,
          docNumber: `镇人社发〔${year}〕30号`,
          rates: [
            { type: 'guideline_base', tier: null, amount: base, unit: '%', districts: ['danyang', 'jingkou'] },
            { type: 'guideline_upper', tier: null, amount: upper, unit: '%', districts: ['danyang', 'jingkou'] },
            { type: 'guideline_lower', tier: null, amount: lower, unit: '%', districts: ['danyang', 'jingkou'] },
          ],
        },
      });
    await publish(t.system.content, guideline(2025, 6, 9, 3));
    await publish(t.system.content, guideline(2026, 5.5, 8.5, 2.5));
    await page.goto(`${t.url}/m/`);
    // The district the resident chose before (a picker wheel in the app), as the app keeps it.
    await page.evaluate(`localStorage.setItem('district', JSON.stringify({ data: 'danyang' }))`);
    await page.goto(`${t.url}/m/pages/wage/index`);
    const card = current().locator('.guideline');
    await card.waitFor();
    const lines = async () => card.locator('.wage-figure').allInnerTexts();
    expect((await lines()).map((l) => l.replace(/\s+/g, ' '))).toEqual(['5.5% 基准线', '8.5% 上线（预警线）', '2.5% 下线']);
    await card.getByText(/丹阳市 · 2026年度 · 2026年6月1日起 · 镇人社发〔2026〕30号/).waitFor();
    await card.screenshot({ path: shotPath('miniprogram-wage-guideline') });
    await card.locator('.chip', { hasText: '2025年' }).click();
    await card.getByText(/2025年度/).waitFor();
    expect((await lines())[0]!.replace(/\s+/g, ' ')).toBe('6% 基准线');
  });

  it('when the resident filters 补贴 by topic, audience and district, then the list holds exactly the subsidies the API gives for those filters', async () => {
    const titlesFor = async (query: string) => ((await (await fetch(`${t.url}/api/v1/subsidies?limit=50${query}`)).json()) as { items: { title: string }[] }).items.map((i) => i.title);
    /** Taro's H5 picker is a wheel: a tap on a row scrolls it to the middle; then 确定. */
    const pick = async (chip: string, option: string) => {
      await current().locator('.chip', { hasText: chip }).click();
      // Every filter has its own overlay, hidden with an inline style (which :visible does not see through here).
      const overlay = page.locator('.weui-picker__overlay:not([style*="display: none"])');
      const wheel = overlay.locator('.weui-picker__bd');
      await wheel.waitFor();
      const row = overlay.locator('.weui-picker__item', { hasText: new RegExp(`^${option}$`) });
      for (let i = 0; i < 12; i++) {
        const [r, w] = [(await row.boundingBox())!, (await wheel.boundingBox())!];
        const y = r.y + r.height / 2;
        if (Math.abs(y - (w.y + w.height / 2)) < r.height / 2) break;
        // Off the wheel: tap its lowest row to scroll on; on it: tap the row itself.
        await page.mouse.click(w.x + w.width / 2, y < w.y + w.height - 4 ? y : w.y + w.height - r.height / 2);
        await page.waitForTimeout(350);
      }
      await overlay.getByText('确定', { exact: true }).click();
      // Closed once its slide-out has ended and every overlay is display: none again.
      await page.waitForFunction(`Array.from(document.querySelectorAll('.weui-picker__overlay')).every((o) => o.style.display === 'none')`);
    };
    const shown = async () => {
      await page.waitForLoadState('networkidle');
      return current().locator('.item-title').allTextContents();
    };
    await page.goto(`${t.url}/m/pages/subsidy/index`);
    await current().locator('.item-card').first().waitFor();
    expect(await shown()).toEqual(await titlesFor(''));

    await pick('全部对象', '退役军人');
    await current().locator('.chip-on', { hasText: '退役军人' }).waitFor();
    const veterans = await titlesFor('&audience=veteran');
    expect(veterans.length).toBeGreaterThan(0);
    expect(veterans.length).toBeLessThan((await titlesFor('')).length);
    expect(await shown()).toEqual(veterans);

    await pick('全部地区', '丹阳市');
    await current().locator('.chip-on', { hasText: '丹阳市' }).waitFor();
    expect(await shown()).toEqual(await titlesFor('&audience=veteran&district=danyang'));
    await shot('subsidies-filtered');

    await pick('全部主题', '社会保险');
    await current().locator('.chip-on', { hasText: '社会保险' }).waitFor();
    const narrowed = await titlesFor('&audience=veteran&district=danyang&topic=social_insurance');
    if (narrowed.length === 0) await current().getByText('没有符合筛选条件的补贴，换个条件试试').waitFor();
    else expect(await shown()).toEqual(narrowed);
    await shot('subsidies-filtered-further');
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
