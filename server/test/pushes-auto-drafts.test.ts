import { detailPagePath } from '@zj/shared';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { queryRows } from '../src/db/database';
import { createAutoDrafts } from '../src/pushes/auto-drafts';
import { DEMO_SUBSCRIBE_TEMPLATES, DEMO_TEMPLATE_MESSAGE_TEMPLATES } from '../src/pushes/templates';
import { anEditor, logIn } from './support/admin';
import { aNotice, aRecruitment, aSubsidy, aWageStandard, publish } from './support/builders';
import { aSubscriber } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';
import { json } from './support/http';

/**
 * Automatic push drafts through the real services and the console API, on the injected clock: a reminder
 * the day before a recruitment's registration closes, a draft for each new wage standard and subsidy;
 * one per item and reason however many instances tick; ready to submit; approved by a reviewer, never
 * sent before. TEST_NOW is Friday 2026-11-27 10:00 in Beijing.
 */

const LONG_TITLE = '2026年镇江市市属事业单位公开招聘工作人员公告'; // 24 characters: over a thing keyword's 20
const reminderSub = DEMO_SUBSCRIBE_TEMPLATES.find((t) => t.title === '报名截止提醒')!.templateId;
const reminderTpl = DEMO_TEMPLATE_MESSAGE_TEMPLATES.find((t) => t.title === '报名截止提醒')!.templateId;
const noticeSub = DEMO_SUBSCRIBE_TEMPLATES.find((t) => t.title === '政策发布提醒')!.templateId;
const noticeTpl = DEMO_TEMPLATE_MESSAGE_TEMPLATES.find((t) => t.title === '政策发布通知')!.templateId;

interface PushJson {
  id: number;
  contentId: number;
  title: string;
  page: string;
  status: string;
  origin: string | null;
  createdBy: number | null;
  topics: string[];
  template: { templateId: string; data: Record<string, string> } | null;
  subscribe: { templateId: string; data: Record<string, string> } | null;
}

describe('automatic push drafts', () => {
  let t: TestSystem;
  const ids = { closingTomorrow: 0, closingLater: 0, wage: 0, subsidy: 0, oldSubsidy: 0, notice: 0 };

  beforeAll(async () => {
    t = await startTestSystem();
    await anEditor(t, 'auto-editor', 'editor');
    await anEditor(t, 'auto-reviewer-1', 'reviewer');
    await anEditor(t, 'auto-reviewer-2', 'reviewer');
    const content = t.system.content;
    t.clock.set('2026-11-15T10:00:00+08:00');
    ids.oldSubsidy = (await publish(content, aSubsidy({ title: '早已发布的补贴' }))).id;
    t.clock.set('2026-11-27T10:00:00+08:00');
    ids.closingTomorrow = (await publish(content, aRecruitment({ title: LONG_TITLE, details: { registrationClosesAt: '2026-11-28T17:00:00+08:00' } }))).id;
    ids.closingLater = (await publish(content, aRecruitment({ title: '下周截止的招聘', details: { registrationClosesAt: '2026-11-30T17:00:00+08:00' } }))).id;
    ids.wage = (await publish(content, aWageStandard({ title: '镇江市最低工资标准调整' }))).id;
    ids.subsidy = (await publish(content, aSubsidy({ title: '新的创业补贴' }))).id;
    ids.notice = (await publish(content, aNotice({ title: '一般通知', topics: ['labour_rights'] }))).id;
  }, 120_000);
  afterAll(() => t.close());

  const drafts = async () =>
    (await json<{ items: PushJson[] }>(await (await logIn(t, 'auto-editor')).call('GET', '/pushes?limit=200'))).items.filter((p) => p.origin !== null);

  it('when several instances tick at once and again, then each deadline and publication gets exactly one draft, by the system, audited', async () => {
    const other = createAutoDrafts({ db: t.connection.db, clock: t.clock, logger: pino({ level: 'silent' }), pushes: t.system.pushes.service });
    const runs = await Promise.all([t.system.autoDrafts.run(), other.run(), t.system.autoDrafts.run()]);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(3);
    expect((await t.system.autoDrafts.run()).created).toBe(0);

    const made = await drafts();
    expect(made.map((p) => `${p.contentId}:${p.origin}`).sort()).toEqual(
      [`${ids.closingTomorrow}:registration_deadline`, `${ids.wage}:new_publication`, `${ids.subsidy}:new_publication`].sort(),
    );
    expect(made.every((p) => p.status === 'draft' && p.createdBy === null)).toBe(true);

    const reminder = made.find((p) => p.origin === 'registration_deadline')!;
    expect(reminder.title).toBe(`报名明天截止：${LONG_TITLE}`);
    expect(reminder.page).toBe(detailPagePath('recruitment', ids.closingTomorrow));
    expect(reminder.topics).toEqual(['institution_recruitment']);
    expect(reminder.subscribe!.templateId).toBe(reminderSub);
    expect(reminder.template!.templateId).toBe(reminderTpl);
    // Fitted to WeChat's rules, so the draft can be submitted as it is.
    expect(reminder.subscribe!.data).toEqual({ thing1: `${[...LONG_TITLE].slice(0, 19).join('')}…`, time2: '2026年11月28日 17:00', thing3: '报名明天截止，请抓紧报名' });

    const wage = made.find((p) => p.contentId === ids.wage)!;
    expect(wage.title).toBe('镇江市最低工资标准调整');
    expect([wage.template!.templateId, wage.subscribe!.templateId]).toEqual([noticeTpl, noticeSub]);
    expect(wage.subscribe!.data).toMatchObject({ thing1: '镇江市最低工资标准调整', date3: '2026年11月27日' });

    const audited = await queryRows<{ action: string; target_id: string; editor_id: number | null }>(
      t.connection.db,
      sql`select action, target_id, editor_id from audit_log where actor_name = 'system:auto' order by id`,
    );
    expect(audited.map((a) => a.target_id).sort()).toEqual(made.map((p) => String(p.id)).sort());
    expect(audited.every((a) => a.action === 'push.create' && a.editor_id === null)).toBe(true);
    const transitions = await queryRows<{ actor_name: string; to_status: string }>(t.connection.db, sql`select actor_name, to_status from push_transitions where push_id = ${reminder.id}`);
    expect(transitions).toEqual([{ actor_name: 'system:auto', to_status: 'draft' }]);
  });

  it('when the day moves on, then the next deadline gets its reminder and nothing is drafted twice', async () => {
    t.clock.set('2026-11-29T08:00:00+08:00');
    expect((await t.system.autoDrafts.run()).created).toBe(1);
    const later = (await drafts()).filter((p) => p.contentId === ids.closingLater);
    expect(later.map((p) => p.origin)).toEqual(['registration_deadline']);
    expect((await drafts()).some((p) => p.contentId === ids.oldSubsidy || p.contentId === ids.notice)).toBe(false);
    t.clock.set('2026-11-27T10:00:00+08:00');
  });

  it('when the mini-program lists topics, then each names the configured subscribe templates to request for it', async () => {
    const topics = await json<{ items: { code: string; templateIds: string[] }[] }>(await t.get('/api/v1/topics'));
    const of = (code: string) => topics.items.find((i) => i.code === code)!.templateIds;
    expect(of('institution_recruitment')).toEqual([reminderSub, noticeSub]);
    expect(of('wage_standard')).toEqual([noticeSub]);
  });

  it('when a reviewer submits an automatic draft, then they cannot approve it themselves; another reviewer can, and it reaches the topic subscriber once', async () => {
    const reader = await aSubscriber(t, { channel: 'mp', topics: ['institution_recruitment'], audiences: ['individual'], subscribeTemplate: reminderSub, credits: 1 });
    const reminder = (await drafts()).find((p) => p.contentId === ids.closingTomorrow)!;
    const first = await logIn(t, 'auto-reviewer-1');
    const preview = await json<{ template: { problem: string | null }[]; subscribe: { problem: string | null }[] }>(await first.call('GET', `/pushes/${reminder.id}/preview`));
    expect([...preview.template, ...preview.subscribe].every((k) => k.problem === null)).toBe(true);
    await json(await first.call('POST', `/pushes/${reminder.id}/submit`, {}));
    expect((await first.call('POST', `/pushes/${reminder.id}/approve`, { sendAt: null })).status).toBe(403);
    expect(await t.system.sandbox!.messages()).toHaveLength(0);

    await json(await (await logIn(t, 'auto-reviewer-2')).call('POST', `/pushes/${reminder.id}/approve`, { sendAt: null }));
    await t.system.pushes.worker.idle();
    const received = await t.system.sandbox!.messagesTo(reader.openid);
    expect(received).toHaveLength(1);
    expect(received[0]!.templateId).toBe(reminderSub);
    expect(received[0]!.page).toMatch(new RegExp(`^${detailPagePath('recruitment', ids.closingTomorrow).replace(/[?]/g, '\\?')}&push=${reminder.id}&d=\\d+$`));
  });
});
