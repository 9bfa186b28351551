import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { anEditor } from './support/admin';
import { aNotice, publish } from './support/builders';
import { describeInBrowser, launchChromium } from './support/chromium';
import { consoleShot, openConsolePage, requireConsoleBuild, submitLogin } from './support/console-browser';
import { createMessageTemplates } from '../src/pushes/templates';
import { aSubscriber } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The console's push pages in Chromium against the real server, database, worker and WeChat sandbox:
 * compose from a published item with the live preview and recipient count, link the editor's WeChat and
 * send a test, submit; a reviewer approves for now and watches the progress bar reach 100% and the charts.
 */

const TOPIC = 'employment_subsidy';
const TPL = 'TPL_console_push';
const SUB_TPL = 'SUBTPL_console_push';
const LONG_TITLE = '关于做好二〇二六年度全市就业创业补贴集中申领工作的通知';

let t: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const cspViolations: string[] = [];
let pushId = 0;

const shot = (name: string) => consoleShot(page, name);

async function freshPage(): Promise<void> {
  await context?.close();
  ({ context, page } = await openConsolePage(browser, { problems, cspViolations }));
}

async function logIn(name: string): Promise<void> {
  await submitLogin(page, t.url, name);
  await page.getByTestId('user-menu').waitFor();
}

async function pickContent(title: string): Promise<void> {
  await page.getByTestId('push-content').click();
  await page.keyboard.type(title.slice(0, 8));
  await page.locator('.ant-select-item-option').filter({ hasText: title }).first().click();
}

describeInBrowser('the console push pages in a browser (/admin/pushes)', () => {
  beforeAll(async () => {
    requireConsoleBuild();
    t = await startTestSystem();
    await anEditor(t, 'cp-editor', 'editor');
    await anEditor(t, 'cp-reviewer', 'reviewer');
    await anEditor(t, 'cp-admin', 'admin');
    // The template message is added in the console by the admin (first test); the subscribe one is configured here.
    await createMessageTemplates({ db: t.connection.db, clock: t.clock }).create({
      channel: 'mp',
      templateId: SUB_TPL,
      kind: 'one_time',
      title: '补贴申领提醒',
      topics: [TOPIC],
      keywords: { thing1: { field: 'title' }, thing2: { text: '点击查看详情' } },
    });
    await publish(t.system.content, aNotice({ title: '就业补贴申领提醒', topics: [TOPIC], audiences: [] }));
    await publish(t.system.content, aNotice({ title: LONG_TITLE, topics: [TOPIC], audiences: [] }));
    for (let i = 0; i < 6; i++) await aSubscriber(t, { channel: 'oa', topics: [TOPIC] });
    await aSubscriber(t, { channel: 'oa', topics: [TOPIC], following: false });
    for (let i = 0; i < 3; i++) await aSubscriber(t, { channel: 'mp', topics: [TOPIC], subscribeTemplate: SUB_TPL, credits: 1 });
    await aSubscriber(t, { channel: 'mp', topics: [TOPIC] });
    browser = await launchChromium();
    await freshPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.system.pushes.worker.idle();
    await t?.system.sandbox?.settled();
    await t?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  /** Picks a configured template in a channel's picker of the compose page. */
  async function pickTemplate(channel: 'template' | 'subscribe', templateId: string): Promise<void> {
    await page.getByTestId(`channel-${channel}-template`).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: templateId }).first().click();
  }

  it('when an admin adds a template message template on the 消息模板 page, then it is listed with its topic and default mapping', async () => {
    await logIn('cp-admin');
    await page.getByRole('menuitem', { name: /消息模板/ }).click();
    await page.getByTestId('templates').getByText('政策发布通知').waitFor();
    await page.getByTestId('template-new').click();
    const modal = page.getByTestId('template-form');
    await modal.getByPlaceholder('微信公众平台中的模板 ID').fill(TPL);
    await modal.getByPlaceholder('如 政策发布通知').fill('就业补贴通知');
    await modal.getByTestId('template-topics').click();
    await page.keyboard.type('就业创业');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '就业创业补贴' }).first().click();
    await page.keyboard.press('Escape');
    await shot('template-edit');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    // Exactly this id: SUBTPL_console_push contains it.
    const row = page.getByTestId('templates').locator('tr').filter({ has: page.getByText(TPL, { exact: true }) });
    await row.getByText('就业创业补贴').waitFor();
    await row.getByText('标题').waitFor();
    await shot('templates');
    expect(await createMessageTemplates({ db: t.connection.db, clock: t.clock }).find('oa', TPL)).toMatchObject({
      title: '就业补贴通知',
      topics: [TOPIC],
      keywords: { thing1: { field: 'title' } },
    });
  }, 60_000);

  it('when an editor composes a push from a published item, then the preview flags an over-long value, the recipients are counted per channel, and the push is submitted', async () => {
    await freshPage();
    await logIn('cp-editor');
    await page.getByRole('menuitem', { name: /推送管理/ }).click();
    await page.getByTestId('push-list').waitFor();
    await page.getByTestId('new-push').click();
    await page.getByTestId('push-compose').waitFor();
    // Picking a template fills its keywords from the default mapping configured on the 消息模板 page.
    await pickTemplate('template', TPL);
    await page.getByTestId('channel-template').locator('input.zj-keyword-key').first().waitFor();
    expect(await page.getByTestId('channel-template').locator('input.zj-keyword-key').inputValue()).toBe('thing1');
    await page.getByTestId('channel-subscribe-enabled').click();
    await pickTemplate('subscribe', SUB_TPL);
    expect(await page.getByTestId('channel-subscribe').locator('input.zj-keyword-key').count()).toBe(2);

    // The long title does not fit a thing keyword (20 characters): flagged before anyone submits it.
    await pickContent(LONG_TITLE);
    await page.getByTestId('preview-template').getByText('超长').waitFor();
    await page.getByText(/个关键词不符合微信规则/).first().waitFor();
    await shot('push-compose-flagged');

    await pickContent('就业补贴申领提醒');
    await page.getByTestId('preview-template').getByRole('cell', { name: '就业补贴申领提醒' }).waitFor();
    expect(await page.getByTestId('preview-template').getByText('超长').count()).toBe(0);
    await page.getByTestId('count-oa').getByText('已取消关注：1 人').waitFor();
    expect(await page.getByTestId('count-oa').locator('.ant-statistic-content-value').textContent()).toBe('6');
    expect(await page.getByTestId('count-mp').locator('.ant-statistic-content-value').textContent()).toBe('3');
    await page.getByTestId('count-mp').getByText(/未授权订阅.*1 人/).waitFor();
    await shot('push-compose');

    await page.getByTestId('push-submit').click();
    await page.getByTestId('push-status').getByText('待审核').waitFor();
    pushId = Number(/\/pushes\/(\d+)$/.exec(page.url())![1]);
    expect(pushId).toBeGreaterThan(0);
    await page.getByTestId('push-transitions').getByText('草稿 → 待审核').waitFor();
    // An editor does not approve.
    expect(await page.getByTestId('push-approve').count()).toBe(0);
  }, 60_000);

  it('when the editor links their WeChat with the binding code and asks for a test, then only their WeChat receives it', async () => {
    await page.getByTestId('wechat-get-code').click();
    const shown = await page.getByTestId('wechat-bind-code').textContent();
    const code = /(\d{6})/.exec(shown ?? '')![1]!;
    await shot('push-wechat-code');
    const sandbox = t.system.sandbox!;
    const me = await sandbox.chat.addResident();
    await sandbox.chat.send(me.openid, { kind: 'subscribe' });
    const reply = await sandbox.chat.send(me.openid, { kind: 'text', content: `绑定 ${code}` });
    expect(reply.reply?.content).toContain('cp-editor');
    await page.getByTestId('wechat-link').getByText(/已绑定/).waitFor();
    await page.getByTestId('push-test-send').click();
    await page.getByText(/测试消息已发送到您绑定的微信/).waitFor();
    const received = await sandbox.messagesTo(me.openid);
    expect(received.filter((m) => m.kind === 'template').map((m) => m.data.thing1)).toEqual(['就业补贴申领提醒']);
    expect(received.some((m) => m.kind === 'custom' && m.content?.includes('订阅消息预览'))).toBe(true);
    await shot('push-submitted');
  }, 60_000);

  it('when a reviewer approves the push for now, then the progress bar reaches 100% against the sandbox and the statistics are charted', async () => {
    await freshPage();
    await logIn('cp-reviewer');
    await page.goto(`${t.url}/admin/pushes`);
    await page.getByTestId('push-list').getByRole('link', { name: '就业补贴申领提醒' }).click();
    await page.getByTestId('push-approve').click();
    await page.getByTestId('approve-when').getByText('立即发送').waitFor();
    await shot('push-approve');
    await page.getByTestId('approve-ok').click();
    await page.getByTestId('push-progress-bar').getByText('100%').waitFor({ timeout: 20_000 });
    await page.getByTestId('push-status').getByText('已完成').waitFor();
    await page.getByTestId('push-progress').getByText('11 / 11').waitFor();
    await t.system.sandbox!.settled();
    const messages = await t.system.sandbox!.messages();
    // Six followers by template message, three mini-program users by subscribe message; the unfollowed
    // follower and the user without a credit are skipped (the editor's test message is not a push's).
    expect(messages.filter((m) => m.kind === 'template' && m.clientMsgId?.startsWith('push-')).length).toBe(6);
    expect(messages.filter((m) => m.kind === 'subscribe').length).toBe(3);

    await page.reload();
    await page.getByTestId('push-stats').waitFor();
    await page.getByTestId('chart-over-time').locator('canvas').waitFor();
    await page.getByTestId('chart-reasons').locator('canvas').waitFor();
    await page.getByTestId('push-stats').getByText('到达率').waitFor();
    expect(await page.getByTestId('push-stats').locator('.ant-statistic').filter({ hasText: '已送达' }).locator('.ant-statistic-content-value').textContent()).toBe('9');
    await page.getByTestId('push-transitions').getByText('发送中 → 已完成').waitFor();
    await shot('push-completed');

    // A draft the system made by itself is labelled 自动生成 in the list.
    const item = await publish(t.system.content, aNotice({ title: '2026年最低工资标准调整', topics: [TOPIC], audiences: [] }));
    await t.system.pushes.service.createAutomatic(
      { contentId: item.id, topics: [TOPIC], districts: [], audiences: [], template: { templateId: TPL, keywords: { thing1: { field: 'title' } } } },
      { origin: 'new_publication', title: '2026年最低工资标准调整' },
      { editorId: null, name: 'system:auto' },
      async () => undefined,
    );
    await page.getByRole('menuitem', { name: /推送管理/ }).click();
    await page.getByTestId('push-list').getByText('已完成').waitFor();
    await page.getByTestId('push-list').getByTestId('push-origin').waitFor();
    await shot('push-list');
  }, 60_000);

  it('when the pages were used, then the strict CSP blocked no script and no style the pages need', () => {
    const harmless = /^style-src-elem inline \S*\/admin\/assets\//;
    expect(cspViolations.filter((v) => !harmless.test(v))).toEqual([]);
  });
});
