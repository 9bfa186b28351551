import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { listSynonyms } from '../src/content/search-dictionary';
import { aNotice } from './support/builders';
import { anEditor, PASSWORD } from './support/admin';
import { describeInBrowser, launchChromium } from './support/chromium';
import { consoleShot, openConsolePage, requireConsoleBuild, submitLogin } from './support/console-browser';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The editor console (console/dist, built by `npm install`) at /admin on the real server and database,
 * in Debian's Chromium, under the console's strict CSP. Screenshots land in shots/ for a human to look at.
 */

let t: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const cspViolations: string[] = [];

const shot = (name: string) => consoleShot(page, name);

async function freshPage(): Promise<void> {
  await context?.close();
  ({ context, page } = await openConsolePage(browser, { problems, cspViolations }));
}

const logIn = (name: string, password = PASSWORD) => submitLogin(page, t.url, name, password);

/** antd spaces two-character button labels (保 存). */
const button = (label: string) => page.getByRole('button', { name: new RegExp(`${[...label].join('\\s*')}$`) });
const save = () => button('保存').click();

async function newItemOfKind(kind: string): Promise<void> {
  await page.goto(`${t.url}/admin/content/new`);
  await page.getByLabel('内容类别').click();
  await page.locator('.ant-select-item-option').getByText(kind, { exact: true }).click();
}

describeInBrowser('the editor console in a browser (/admin)', () => {
  beforeAll(async () => {
    requireConsoleBuild();
    t = await startTestSystem({ seed: true });
    await anEditor(t, 'c-editor', 'editor');
    await anEditor(t, 'c-reviewer', 'reviewer');
    await anEditor(t, 'c-admin', 'admin');
    await anEditor(t, 'c-locked', 'editor');
    browser = await launchChromium();
    await freshPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('when an editor logs in, creates a subsidy and submits it, then it waits for review', async () => {
    await page.goto(`${t.url}/admin/`);
    await page.getByText('工作人员登录').waitFor();
    await shot('login');
    await logIn('c-editor');
    await page.getByText('内容列表').waitFor();
    // The antd theme applies under the CSP (its CSS is a file): the primary button has the bureau blue.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('.ant-btn-primary')).backgroundColor`)).toBe('rgb(29, 79, 145)');
    await shot('content-list');
    await page.getByRole('button', { name: '新建内容' }).click();
    await save();
    await page.getByText('请填写标题').waitFor();
    await page.getByText('请填写补贴标准').waitFor();
    await page.getByLabel('标题').fill('控制台浏览器测试补贴');
    await page.getByLabel('申请条件').fill('镇江户籍\n年龄在16至60周岁之间');
    await page.getByLabel('补贴标准').fill('每人3000元');
    await page.getByPlaceholder('名称').first().fill('江苏智慧人社');
    await page.getByLabel('申请材料').fill('身份证');
    await page.getByLabel('办理流程').fill('网上申请\n审核\n发放');
    await page.getByRole('tab', { name: '编辑' }).click();
    await page.getByPlaceholder(/支持 Markdown/).fill('# 申领说明\n\n- 符合条件的人员\n\n<script>alert(1)</script>');
    await page.getByRole('tab', { name: '预览' }).click();
    await page.getByTestId('markdown-preview').getByRole('heading', { name: '申领说明' }).waitFor();
    expect(await page.getByTestId('markdown-preview').locator('script').count()).toBe(0);
    await shot('content-new');
    await save();
    await page.getByTestId('item-status').getByText('草稿').waitFor();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('item-status').getByText('待审核').waitFor();
    await page.getByTestId('version-history').getByText('提交审核').waitFor();
    await shot('content-detail');
  });

  it('when an editor creates a notice and a guide with the structured forms, then both are saved as drafts', async () => {
    await newItemOfKind('通知公告');
    await page.getByLabel('标题').fill('控制台测试通知');
    await save();
    await page.getByTestId('item-status').getByText('草稿').waitFor();
    await page.getByTestId('details-view').getByText('一般公告').waitFor();
    await button('编辑').click();
    await page.getByLabel('标题').fill('控制台测试通知（修订）');
    await save();
    await page.getByText('控制台测试通知（修订）').waitFor();
    await page.getByTestId('version-history').getByText('修改').waitFor();

    await newItemOfKind('办事指南');
    await page.getByLabel('标题').fill('控制台测试办事指南');
    await page.getByLabel('办理条件').fill('在镇江参加失业保险');
    await page.getByPlaceholder('材料名称').fill('居民身份证');
    await page.getByLabel('办理流程').fill('申请\n受理\n办结');
    await page.getByPlaceholder('大厅名称').fill('镇江市人力资源市场');
    await page.getByPlaceholder('《法律法规》').fill('《失业保险条例》');
    await page.getByPlaceholder('规定内容').fill('失业人员可以领取失业保险金');
    await shot('guide-new');
    await save();
    await page.getByTestId('item-status').getByText('草稿').waitFor();
    await page.getByTestId('details-view').getByText('镇江市人力资源市场').waitFor();
    await shot('guide-detail');
  });

  it('when an editor opens the accounts page directly, then it says 无权限 and the menu has no entry for it', async () => {
    expect(await page.getByRole('menuitem', { name: /账号管理/ }).count()).toBe(0);
    await page.goto(`${t.url}/admin/accounts`);
    await page.getByText('无权限').waitFor();
    await shot('accounts-forbidden');
  });

  it('when a reviewer passes the five gates, approves and publishes, then residents see the subsidy', async () => {
    await freshPage();
    await logIn('c-reviewer');
    await page.getByRole('menuitem', { name: /内容审核/ }).click();
    const queued = page.getByRole('link', { name: '控制台浏览器测试补贴' }).first();
    await queued.waitFor();
    await shot('review-list');
    await queued.click();
    for (const gate of ['political', 'policy', 'secrecy', 'format', 'wording']) await page.getByTestId(`gate-${gate}`).getByText('通过', { exact: true }).click();
    await page.getByPlaceholder('退回时必填').fill('同意发布');
    await shot('review');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByTestId('item-status').getByText('已通过').waitFor();
    await page.getByRole('button', { name: /发\s*布/ }).click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('item-status').getByText('已发布').waitFor();
    await page.getByTestId('version-history').getByText('政治关：通过').waitFor();
    await shot('published');
    const id = /\/content\/(\d+)/.exec(page.url())![1];
    expect((await t.get(`/api/v1/subsidies/${id}`)).status).toBe(200);
  });

  it('when an admin opens accounts, audit log, unanswered questions and pushes, then each page shows', async () => {
    await freshPage();
    await logIn('c-admin');
    await page.getByRole('menuitem', { name: /账号管理/ }).click();
    await page.getByRole('cell', { name: 'c-reviewer' }).waitFor();
    await button('新建账号').click();
    await page.getByLabel('用户名').fill('c-new-reviewer');
    await page.getByLabel('初始密码').fill('short');
    await button('创建').click();
    await page.getByText('密码至少 12 位').waitFor();
    await page.getByLabel('初始密码').fill('a long enough passphrase');
    await button('创建').click();
    await page.getByRole('cell', { name: 'c-new-reviewer' }).waitFor();
    await shot('accounts');
    await page.getByRole('menuitem', { name: /审计日志/ }).click();
    await page.getByRole('cell', { name: 'content.publish' }).first().waitFor();
    await shot('audit');
    const questions = t.system.messaging.unansweredQuestions;
    questions.record('灵活就业社保补贴什么时候到账', 'o-console-1');
    for (const openid of ['o-console-2', 'o-console-3', 'o-console-4']) questions.record('退休金怎么查询', openid);
    await questions.settle();
    await page.getByRole('menuitem', { name: /群众未答问题/ }).click();
    await page.getByRole('cell', { name: '灵活就业社保补贴什么时候到账' }).waitFor();
    // Most frequent first.
    expect(await page.locator('.ant-table-row td:first-child').allTextContents()).toEqual(['退休金怎么查询', '灵活就业社保补贴什么时候到账']);
    await shot('unanswered');
    await page.getByRole('menuitem', { name: /推送管理/ }).click();
    await page.getByTestId('push-list').waitFor();
    await shot('pushes');
  });

  it('when an account is locked after repeated wrong passwords, then the login is refused with the wait time', async () => {
    await freshPage();
    for (let i = 0; i < 5; i++) await logIn('c-locked', 'wrong password here');
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await logIn('c-locked');
    await page.getByTestId('login-error').getByText(/已临时锁定，请 \d+ 分钟后再试/).waitFor();
    await shot('login-locked');
    expect(page.url()).toMatch(/\/admin\/login$/);
  });

  it('when an editor changes their password, then they must log in again and only the new one works', async () => {
    await anEditor(t, 'c-password', 'editor');
    await freshPage();
    await logIn('c-password');
    await page.getByTestId('user-menu').hover();
    await page.getByText('修改密码').click();
    await page.getByLabel('当前密码').fill(PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('a brand new passphrase');
    await page.getByLabel('确认新密码').fill('a brand new passphrase');
    await page.mouse.move(600, 700); // closes the user menu before the picture
    await shot('password');
    await button('确认修改').click();
    await page.getByText('工作人员登录').waitFor();
    await logIn('c-password');
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor();
    await logIn('c-password', 'a brand new passphrase');
    await page.getByText('内容列表').waitFor();
    await page.getByTestId('user-menu').hover();
    await page.getByText('退出登录').click();
    await page.getByText('工作人员登录').waitFor();
    await page.goto(`${t.url}/admin/content`);
    await page.getByText('工作人员登录').waitFor();
  });

  it('when an editor opens the openness dashboard, then its figures and charts show and each section downloads as CSV', async () => {
    await freshPage();
    await logIn('c-editor');
    await page.getByRole('menuitem', { name: /政务公开考核/ }).click();
    await page.getByTestId('interpretations').waitFor();
    await page.getByText('重点领域信息发布（按月）').waitFor();
    // ECharts drew on its canvases.
    for (const chart of ['chart-areas', 'chart-reach']) await page.getByTestId(chart).locator('canvas').waitFor();
    expect(await page.getByTestId('interpretations').locator('.ant-table-row').count()).toBeGreaterThan(0);
    await shot('dashboard');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-interpretations').click()]);
    expect(download.suggestedFilename()).toMatch(/政策解读时效\.csv$/);
    const text = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(text as Buffer[]).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  }, 60_000);

  it('when two versions of an item are compared and the older restored, then the diff shows the change and the item is that version again', async () => {
    await freshPage();
    await logIn('c-editor');
    const first = await t.system.content.createItem(aNotice({ title: '版本比较测试通知', body: '第一段\n第二段' }), t.actors.author);
    const input = aNotice({ slug: first.slug, title: '版本比较测试通知（修订）', body: '第一段\n第二段（已修改）\n第三段' });
    const notice = await t.system.content.updateItem(first.id, input, { actor: t.actors.author, expectedVersion: 1 });
    await page.goto(`${t.url}/admin/content/${notice.id}`);
    const history = page.getByTestId('version-history');
    // The history loads after the item: on a loaded machine (the whole suite on two cores) that took over 10 s once.
    await history.locator('.ant-table-row').nth(1).waitFor({ timeout: 30_000 });
    await history.locator('.ant-table-row').nth(1).locator('.ant-checkbox-input').check();
    await history.locator('.ant-table-row').nth(0).locator('.ant-checkbox-input').check();
    await page.getByTestId('compare-versions').click();
    const diff = page.getByTestId('version-diff');
    await diff.getByText('第 1 版 → 第 2 版').waitFor();
    await diff.getByRole('cell', { name: '标题' }).waitFor();
    await diff.getByText('版本比较测试通知（修订）').waitFor();
    await diff.getByTestId('body-diff').getByText('第二段（已修改）').waitFor();
    await shot('version-diff');
    await history.locator('.ant-table-row').last().getByText('恢复').click();
    await page.getByRole('button', { name: /恢\s*复/ }).last().click();
    await history.getByText('恢复为第 1 版的内容').waitFor();
    expect(await page.locator('.zj-panel-title').first().textContent()).toMatch(/^版本比较测试通知\s*草稿/);
    await page.getByTestId('schedule-panel').waitFor();
    await shot('version-restored');
  }, 60_000);

  it('when an editor adds a synonym from an unanswered question, then it is in the dictionary search reads', async () => {
    await freshPage();
    const questions = t.system.messaging.unansweredQuestions;
    questions.record('退休金怎么查询', 'o-console-5');
    questions.record('灵活就业社保补贴什么时候到账', 'o-console-6');
    await questions.settle();
    await logIn('c-editor');
    await page.getByText('内容列表').waitFor();
    await page.goto(`${t.url}/admin/unanswered`);
    const row = page.locator('.ant-table-row', { hasText: '退休金怎么查询' });
    // An editor has no keyword-reply shortcut: that is an admin's.
    expect(await row.getByText('加关键词回复').count()).toBe(0);
    await row.getByText('加同义词').click();
    const form = page.getByTestId('synonym-form');
    expect(await form.getByLabel('群众说法').inputValue()).toBe('退休金怎么查询');
    await form.getByLabel('群众说法').fill('退休金查询');
    await form.getByLabel('同义的政策用语').fill('养老金领取');
    await page.keyboard.press('Enter');
    await shot('dictionary-from-question');
    await button('保存同义词').click();
    await page.getByText('已保存同义词「退休金查询」，搜索即时生效').waitFor();
    await page.getByPlaceholder('查找词语').fill('退休金');
    await page.keyboard.press('Enter');
    await page.getByTestId('synonyms').getByRole('cell', { name: '退休金查询' }).waitFor();
    await shot('dictionary');
    expect(await listSynonyms(t.connection.db)).toContainEqual({ term: '退休金查询', expansions: ['养老金领取'] });
  }, 60_000);

  it('when an admin opens keyword replies from a question and the menu editor, then the rule form is prefilled and the menu previews', async () => {
    await freshPage();
    await logIn('c-admin');
    await page.getByText('内容列表').waitFor();
    await page.goto(`${t.url}/admin/unanswered`);
    await page.locator('.ant-table-row', { hasText: '灵活就业社保补贴什么时候到账' }).getByText('加关键词回复').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('灵活就业社保补贴什么时候到账').waitFor();
    await dialog.getByLabel('固定回复文字').fill('灵活就业社保补贴一般在审核通过后次月发放，详询12333。');
    await shot('keyword-reply-new');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('keyword-rules').getByText('灵活就业社保补贴一般在审核通过后次月发放，详询12333。').waitFor();
    await shot('keyword-replies');
    await page.goto(`${t.url}/admin/menu`);
    await page.getByTestId('menu-preview').getByText('政策服务').waitFor();
    await shot('menu');
    await button('保存为新版本').click();
    await page.getByTestId('menu-versions').getByText('第 1 版').waitFor();
    await page.getByTestId('menu-versions').locator('a', { hasText: /^发布$/ }).click();
    await page.getByRole('button', { name: /发\s*布/ }).last().click();
    await page.getByTestId('menu-versions').getByText(/已发布.*（线上）/).waitFor();
    await shot('menu-published');
  }, 60_000);

  it('when the pages were used, then the strict CSP blocked no script and no style the pages need', () => {
    // Allowed: the <style> tags antd's helpers add to measure the scrollbar and lock scrolling behind a
    // modal (@rc-component/util updateCSS); blocked, they only leave the default scrollbar width.
    // Anything else (eval, inline style attributes, other style tags) means a page lost its look or logic.
    const harmless = /^style-src-elem inline \S*\/admin\/assets\//;
    expect(cspViolations.filter((v) => !harmless.test(v))).toEqual([]);
  });
});
