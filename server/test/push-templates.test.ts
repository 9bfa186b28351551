import { MessageTemplateList, MessageTemplateView } from '@zj/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { DEMO_SUBSCRIBE_TEMPLATES, DEMO_TEMPLATE_MESSAGE_TEMPLATES } from '../src/pushes/templates';
import { anEditor, logIn, type AdminClient } from './support/admin';
import { aNotice, aRecruitment, aWageStandard, publish } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The configured message templates (消息模板) through the console API: every role lists them, only admins
 * change them, a refused change changes nothing, every change is audited, a template used by an unfinished
 * push cannot be deleted, and what an admin configures is what automatic drafts and compose use.
 */

const WAGE_TPL = 'ZJtestTplWageNotice01';
const wageTemplate = {
  channel: 'oa',
  templateId: WAGE_TPL,
  title: '工资标准调整通知',
  topics: ['wage_standard'],
  keywords: { thing1: { field: 'title' }, thing2: { text: '请留意新的最低工资标准' }, date3: { field: 'publishedDate' } },
};

async function json<T>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${body}`);
  return body === '' ? (undefined as T) : (JSON.parse(body) as T);
}

describe('the message templates of the console', () => {
  let t: TestSystem;
  let admin: AdminClient;
  let editor: AdminClient;
  let reviewer: AdminClient;

  const list = async (client: AdminClient = editor) => MessageTemplateList.parse(await json(await client.call('GET', '/pushes/templates'))).items;
  /** The template changes audited so far (the log is append-only: each test compares with what it found). */
  const auditOf = async () =>
    queryRows<{ action: string; target_type: string; target_id: string; before: unknown; after: unknown; actor_name: string }>(
      t.connection.db,
      sql`select action, target_type, target_id, before, after, actor_name from audit_log where action like 'push_template.%' order by id`,
    );
  const errorOf = async (res: Response, status: number) => (await json<{ error: { code: string; message: string } }>(res, status)).error;

  beforeAll(async () => {
    t = await startTestSystem();
    await anEditor(t, 'tpl-admin', 'admin');
    await anEditor(t, 'tpl-editor', 'editor');
    await anEditor(t, 'tpl-reviewer', 'reviewer');
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    admin = await logIn(t, 'tpl-admin');
    editor = await logIn(t, 'tpl-editor');
    reviewer = await logIn(t, 'tpl-reviewer');
  });

  it('when any role lists the templates, then both channels come with their topics, default mapping and use', async () => {
    for (const client of [editor, reviewer, admin]) {
      const items = await list(client);
      expect(items.filter((i) => i.channel === 'oa').map((i) => i.templateId)).toEqual(DEMO_TEMPLATE_MESSAGE_TEMPLATES.map((d) => d.templateId).sort());
      expect(items.filter((i) => i.channel === 'mp').map((i) => i.templateId)).toEqual(DEMO_SUBSCRIBE_TEMPLATES.map((d) => d.templateId).sort());
    }
    const reminder = (await list()).find((i) => i.channel === 'mp' && i.title === '报名截止提醒')!;
    expect(reminder).toMatchObject({ kind: 'one_time', inUse: 0, keywords: { time2: { field: 'registrationClosesAt' } } });
    expect(reminder.topics).toContain('institution_recruitment');
    expect((await list()).find((i) => i.channel === 'oa')!.kind).toBeNull();
  });

  it('when an editor or a reviewer tries to change a template, then it is refused and nothing changes', async () => {
    const before = await list();
    const audited = await auditOf();
    const demo = DEMO_TEMPLATE_MESSAGE_TEMPLATES[0]!;
    for (const client of [editor, reviewer]) {
      expect((await client.call('POST', '/pushes/templates', wageTemplate)).status).toBe(403);
      expect((await client.call('PUT', `/pushes/templates/oa/${demo.templateId}`, { title: '改掉', topics: [], keywords: { thing1: { field: 'title' } } })).status).toBe(403);
      expect((await client.call('DELETE', `/pushes/templates/oa/${demo.templateId}`)).status).toBe(403);
    }
    expect(await list()).toEqual(before);
    expect(await auditOf()).toEqual(audited);
  });

  it.each([
    ['a malformed template id', { ...wageTemplate, templateId: 'bad id!' }, 400, '模板 ID 格式不正确'],
    ['no keyword', { ...wageTemplate, keywords: {} }, 400, '需要 1–10 个关键词'],
    ['a keyword of no WeChat type', { ...wageTemplate, keywords: { word1: { field: 'title' } } }, 400, '关键词「word1」不是微信的关键词类型（如 thing1、time2、date3、phrase4）'],
    ['a fixed text WeChat would refuse', { ...wageTemplate, keywords: { thing1: { text: '这是一段明显超过二十个字符限制的固定文字会被微信拒绝' } } }, 400, '关键词「thing1」的固定文字不符合微信的规则'],
    ['an unknown content field', { ...wageTemplate, keywords: { thing1: { field: 'body' } } }, 400, null],
    ['an unknown topic', { ...wageTemplate, topics: ['no_such_topic'] }, 400, '主题「no_such_topic」不存在'],
    ['a subscribe kind on a template message', { ...wageTemplate, kind: 'one_time' }, 400, '服务号模板消息没有订阅类型，请不要填写 kind'],
    ['a subscribe template without its kind', { ...wageTemplate, channel: 'mp' }, 400, '请选择订阅消息的类型（一次性订阅或长期订阅）'],
    ['an id configured already', { ...wageTemplate, templateId: DEMO_TEMPLATE_MESSAGE_TEMPLATES[0]!.templateId }, 409, '已经配置过'],
  ])('when an admin creates a template with %s, then it is refused with a clear message and nothing changes', async (_what, body, status, message) => {
    const before = await list();
    const audited = await auditOf();
    const error = await errorOf(await admin.call('POST', '/pushes/templates', body), status);
    if (message !== null) expect(error.message).toContain(message);
    expect(await list()).toEqual(before);
    expect(await auditOf()).toEqual(audited);
  });

  it('when an admin creates, changes and deletes a template, then each change applies and is audited with before and after', async () => {
    const earlier = (await auditOf()).length;
    const created = MessageTemplateView.parse(await json(await admin.call('POST', '/pushes/templates', { ...wageTemplate, templateId: 'ZJtestTplShortLived01' })));
    expect(created).toMatchObject({ channel: 'oa', templateId: 'ZJtestTplShortLived01', kind: null, inUse: 0, topics: ['wage_standard'] });
    const sub = MessageTemplateView.parse(
      await json(await admin.call('POST', '/pushes/templates', { ...wageTemplate, channel: 'mp', templateId: 'ZJtestSubShortLived01', kind: 'long_term' })),
    );
    expect(sub).toMatchObject({ channel: 'mp', kind: 'long_term' });

    const changed = { title: '工资标准调整提醒', topics: ['wage_standard', 'employment_subsidy'], keywords: { thing1: { field: 'title' }, time2: { field: 'registrationClosesAt' } } };
    const updated = MessageTemplateView.parse(await json(await admin.call('PUT', '/pushes/templates/oa/ZJtestTplShortLived01', changed)));
    expect(updated).toMatchObject(changed);
    expect((await errorOf(await admin.call('PUT', '/pushes/templates/oa/ZJtestTplNoSuchOne01', changed), 404)).code).toBe('not_found');
    // The kind is the subscribe template's own: a template message refuses one, a subscribe template needs one.
    expect((await admin.call('PUT', '/pushes/templates/mp/ZJtestSubShortLived01', changed)).status).toBe(400);

    await json(await admin.call('DELETE', '/pushes/templates/oa/ZJtestTplShortLived01'), 204);
    await json(await admin.call('DELETE', '/pushes/templates/mp/ZJtestSubShortLived01'), 204);
    expect((await list()).some((i) => i.templateId.startsWith('ZJtest'))).toBe(false);
    expect((await admin.call('DELETE', '/pushes/templates/oa/ZJtestTplShortLived01')).status).toBe(404);

    const audit = (await auditOf()).slice(earlier);
    expect(audit.map((a) => `${a.action} ${a.target_type} ${a.target_id}`)).toEqual([
      'push_template.create push_template_oa ZJtestTplShortLived01',
      'push_template.create push_template_mp ZJtestSubShortLived01',
      'push_template.update push_template_oa ZJtestTplShortLived01',
      'push_template.delete push_template_oa ZJtestTplShortLived01',
      'push_template.delete push_template_mp ZJtestSubShortLived01',
    ]);
    expect(audit.every((a) => a.actor_name === 'tpl-admin')).toBe(true);
    expect(audit[2]).toMatchObject({ before: { title: '工资标准调整通知' }, after: { title: '工资标准调整提醒' } });
    expect(audit[3]).toMatchObject({ before: { templateId: 'ZJtestTplShortLived01' }, after: null });
  });

  it('when an admin configures a template for a topic, then the automatic draft uses it, and it cannot be deleted until that draft is cancelled', async () => {
    await json(await admin.call('POST', '/pushes/templates', wageTemplate));
    const wage = await publish(t.system.content, aWageStandard({ title: '镇江市最低工资标准调整' }));
    await t.system.autoDrafts.run();
    const { items } = await json<{ items: { id: number; contentId: number; template: { templateId: string; data: Record<string, string> } | null }[] }>(
      await editor.call('GET', '/pushes?limit=200'),
    );
    const draft = items.find((p) => p.contentId === wage.id)!;
    // Made for this topic, it wins over the demo's general notice.
    expect(draft.template).toMatchObject({ templateId: WAGE_TPL, data: { thing1: '镇江市最低工资标准调整', thing2: '请留意新的最低工资标准', date3: '2026年11月27日' } });
    expect((await list()).find((i) => i.templateId === WAGE_TPL)!.inUse).toBe(1);

    const before = await list();
    const refused = await errorOf(await admin.call('DELETE', `/pushes/templates/oa/${WAGE_TPL}`), 409);
    expect(refused).toMatchObject({ code: 'template_in_use', message: '还有 1 条未完成的推送使用这个模板，请先修改或取消这些推送' });
    expect(await list()).toEqual(before);
    // Its mapping may still change: the draft keeps its own copy of the keywords.
    await json(await admin.call('PUT', `/pushes/templates/oa/${WAGE_TPL}`, { ...wageTemplate, channel: undefined, templateId: undefined, title: '工资标准调整' }));

    await json(await reviewer.call('POST', `/pushes/${draft.id}/cancel`, {}));
    expect((await list()).find((i) => i.templateId === WAGE_TPL)!.inUse).toBe(0);
    await json(await admin.call('DELETE', `/pushes/templates/oa/${WAGE_TPL}`), 204);
  });

  it('when an editor composes with a template whose mapping carries the registration deadline, then a recruitment fills it and another kind is refused', async () => {
    const reminder = (await list()).find((i) => i.channel === 'mp' && i.title === '报名截止提醒')!;
    const recruitment = await publish(t.system.content, aRecruitment({ title: '事业单位招聘', details: { registrationClosesAt: '2026-12-05T17:00:00+08:00' } }));
    const notice = await publish(t.system.content, aNotice({ title: '一般通知', topics: ['institution_recruitment'] }));
    const subscribe = { templateId: reminder.templateId, keywords: reminder.keywords };

    const preview = await json<{ subscribe: { key: string; value: string; problem: string | null }[] }>(
      await editor.call('POST', '/pushes/preview', { contentId: recruitment.id, subscribe }),
    );
    expect([...preview.subscribe].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      expect.objectContaining({ key: 'thing1', value: '事业单位招聘', problem: null }),
      expect.objectContaining({ key: 'thing3', value: '报名明天截止，请抓紧报名', problem: null }),
      expect.objectContaining({ key: 'time2', value: '2026年12月5日 17:00', problem: null }),
    ]);
    const pushesBefore = (await json<{ items: unknown[] }>(await editor.call('GET', '/pushes?limit=200'))).items.length;
    const refused = await errorOf(await editor.call('POST', '/pushes', { contentId: notice.id, subscribe }), 400);
    expect(refused).toMatchObject({ code: 'invalid_request', message: '关键词「time2」取「报名截止时间」，但这条内容没有该项' });
    expect((await json<{ items: unknown[] }>(await editor.call('GET', '/pushes?limit=200'))).items).toHaveLength(pushesBefore);
  });
});
