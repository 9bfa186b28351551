import type { OpennessReport } from '@zj/shared';
import { anInterpretation, aNotice, aPolicy, publish } from './support/builders';
import { anEditor, callAdmin, logIn, type AdminClient } from './support/admin';
import { aSubscriber } from './support/subscribers';
import { startTestSystem, TEST_NOW, type TestSystem } from './support/test-system';
import { json } from './support/http';
import { aSubmittedPush } from './support/pushes';

/**
 * The openness dashboard (政务公开考核) over /admin/api: interpretations under the 3-working-day rule,
 * content per key area and month, coverage, reach, the next 7 days' pushes, and the CSV exports.
 * TEST_NOW is Friday 2026-11-27 10:00 Beijing time; November 2026 has no holidays.
 */

let t: TestSystem;
let editor: AdminClient;
const ids: Record<string, number> = {};
const SUB_TPL = 'SUBTPL_openness';
const TPL = 'TPL_openness';

/** Publishes at a Beijing wall-clock time. */
async function publishAt(when: string, input: Parameters<typeof publish>[1]): Promise<number> {
  t.clock.set(when);
  return (await publish(t.system.content, input)).id;
}

beforeAll(async () => {
  t = await startTestSystem();
  const c = t.system.content;
  // A: published Mon 11-02, due Thu 11-05, interpretation on Wed 11-04: on time.
  const a = aPolicy({ title: '关于调整失业保险金标准的通知', topics: ['social_insurance'], details: { docNumber: '镇人社发〔2026〕11号' } });
  ids.a = await publishAt('2026-11-02T10:00:00+08:00', a);
  ids.a1 = await publishAt('2026-11-04T10:00:00+08:00', anInterpretation(a.slug, { title: '失业保险金标准调整解读' }));
  // B: published Mon 11-09, due Thu 11-12, interpretation Mon 11-16: late.
  const b = aPolicy({ title: '+关于就业补贴的通知', topics: ['employment_subsidy', 'labour_rights'], details: { docNumber: '镇人社发〔2026〕12号' } });
  ids.b = await publishAt('2026-11-09T10:00:00+08:00', b);
  ids.b1 = await publishAt('2026-11-16T10:00:00+08:00', anInterpretation(b.slug, { title: '就业补贴解读' }));
  // C: published Tue 11-10, interpretation still a draft: overdue (due Fri 11-13).
  const cPolicy = aPolicy({ title: '关于职称评审的通知', topics: ['title_review'], details: { docNumber: '镇人社发〔2026〕13号' } });
  ids.c = await publishAt('2026-11-10T10:00:00+08:00', cPolicy);
  t.clock.set(TEST_NOW);
  ids.c1 = (await c.createItem(anInterpretation(cPolicy.slug, { title: '职称评审解读' }), t.actors.author)).id;
  // D: published Wed 11-25, due Mon 11-30, no interpretation yet: still due.
  ids.d = await publishAt('2026-11-25T10:00:00+08:00', aPolicy({ title: '关于预算公开的通知', topics: ['budget'], details: { docNumber: '镇人社发〔2026〕14号' } }));
  // E: published Thu 11-12, due Tue 11-17, no interpretation at all: missing.
  ids.e = await publishAt('2026-11-12T10:00:00+08:00', aPolicy({ title: '关于人才项目申报的通知', topics: ['talent_project'], details: { docNumber: '镇人社发〔2026〕15号' } }));
  // October: a notice of no key area; last year: not in this year's figures.
  ids.notice = await publishAt('2026-10-15T10:00:00+08:00', aNotice({ title: '十月的通知', topics: [] }));
  await publishAt('2025-12-31T10:00:00+08:00', aNotice({ title: '去年的通知', topics: ['budget'] }));

  // Coverage and reach: three reachable subscribers to the topic, one who unfollowed.
  t.clock.set(TEST_NOW);
  await aSubscriber(t, { channel: 'oa', topics: ['employment_subsidy'], district: 'jingkou' });
  await aSubscriber(t, { channel: 'mp', topics: ['employment_subsidy', 'social_insurance'], district: 'jingkou', subscribeTemplate: SUB_TPL, credits: 1 });
  await aSubscriber(t, { channel: 'mp', topics: ['employment_subsidy'], district: null, subscribeTemplate: SUB_TPL });
  await aSubscriber(t, { channel: 'oa', topics: ['employment_subsidy'], district: 'danyang', following: false });

  await anEditor(t, 'open-author', 'editor');
  await anEditor(t, 'open-reviewer', 'reviewer');
  editor = await logIn(t, 'open-author');
  const reviewer = await logIn(t, 'open-reviewer');
  const channels = {
    template: { templateId: TPL, keywords: { thing1: { field: 'title' }, time2: { text: '2026年12月1日 09:00' } } },
    subscribe: { templateId: SUB_TPL, keywords: { thing1: { field: 'title' }, thing2: { text: '请按时办理' } } },
  };
  const draft = async (title: string) => {
    const id = await aSubmittedPush(editor, { contentId: ids.b, topics: ['employment_subsidy'], districts: [], audiences: [], ...channels });
    ids[title] = id;
    return id;
  };
  // Sent now: the follower and the subscriber with a credit are reached, the one without is skipped.
  await json(await reviewer.call('POST', `/pushes/${await draft('sent')}/approve`, { sendAt: null }));
  await t.system.pushes.worker.idle();
  await t.system.sandbox!.settled();
  await t.system.pushes.worker.runDue();
  await t.system.sandbox!.settled();
  // Scheduled in 3 days (in the dashboard's 7) and in 10 (not).
  await json(await reviewer.call('POST', `/pushes/${await draft('soon')}/approve`, { sendAt: '2026-11-30T15:00:00+08:00' }));
  await json(await reviewer.call('POST', `/pushes/${await draft('later')}/approve`, { sendAt: '2026-12-07T15:00:00+08:00' }));
}, 120_000);
afterAll(() => t.close());

describe('the openness dashboard', () => {
  let report: OpennessReport;
  beforeAll(async () => {
    report = await json<OpennessReport>(await editor.call('GET', '/openness?year=2026'));
  });

  it('when policies were published this year, then each interpretation is on time, late, overdue, still due or missing by the 3-working-day rule', () => {
    const byPolicy = Object.fromEntries(report.interpretations.rows.map((r) => [r.policyId, r]));
    expect(byPolicy[ids.a!]).toMatchObject({ dueOn: '2026-11-05', state: 'on_time', interpretationId: ids.a1, docNumber: '镇人社发〔2026〕11号' });
    expect(byPolicy[ids.b!]).toMatchObject({ dueOn: '2026-11-12', state: 'late', interpretationId: ids.b1 });
    expect(byPolicy[ids.c!]).toMatchObject({ dueOn: '2026-11-13', state: 'overdue', interpretationId: ids.c1, interpretationStatus: 'draft', interpretationPublishedAt: null });
    expect(byPolicy[ids.d!]).toMatchObject({ dueOn: '2026-11-30', state: 'due', interpretationId: null });
    expect(byPolicy[ids.e!]).toMatchObject({ dueOn: '2026-11-17', state: 'missing', interpretationId: null });
    expect(report.interpretations.counts).toEqual({ on_time: 1, late: 1, overdue: 1, due: 1, missing: 1 });
  });

  it('when content was published, then it is counted per month and key area, an item in two areas in both, and last year not at all', () => {
    const nov = report.publishedByArea.find((m) => m.month === '2026-11')!;
    // 5 policies + 2 published interpretations.
    expect(nov.total).toBe(7);
    expect(nov.counts).toEqual({ employment: 1, social_security: 1, personnel: 2, labour: 1, budget: 1, other: 2 });
    expect(report.publishedByArea.find((m) => m.month === '2026-10')).toMatchObject({ total: 1, counts: expect.objectContaining({ other: 1 }) });
    expect(report.publishedByArea).toHaveLength(12);
    expect(report.publishedByArea.reduce((n, m) => n + m.total, 0)).toBe(8);
  });

  it('when residents subscribed, then coverage counts the reachable ones per topic and district', () => {
    const employment = report.coverage.rows.find((r) => r.topic === 'employment_subsidy')!;
    expect(employment).toMatchObject({ topicName: '就业创业补贴', total: 3, byDistrict: { jingkou: 2, '': 1 } });
    expect(report.coverage.rows.find((r) => r.topic === 'social_insurance')).toMatchObject({ total: 1, byDistrict: { jingkou: 1 } });
    expect(report.coverage.subscribers).toBe(3);
  });

  it('when a push was sent, then its reach is delivered ÷ targeted as in its statistics, per push and per month', async () => {
    const push = report.reach.pushes.find((p) => p.id === ids.sent)!;
    const stats = (await json<{ stats: { targeted: number; delivered: number; reachRate: number } }>(await editor.call('GET', `/pushes/${ids.sent}`))).stats;
    expect(push).toMatchObject({ targeted: stats.targeted, delivered: stats.delivered, reachRate: stats.reachRate, month: '2026-11' });
    // Targeted: the three subscribers and the one who unfollowed (skipped); delivered: the follower and the credit holder.
    expect(push).toMatchObject({ targeted: 4, delivered: 2, reachRate: 0.5 });
    expect(report.reach.months.find((m) => m.month === '2026-11')).toEqual({ month: '2026-11', pushes: 1, targeted: 4, delivered: 2, reachRate: 0.5 });
  });

  it('when pushes are scheduled, then those of the next 7 days are listed', () => {
    expect(report.upcoming.map((u) => [u.id, u.sendAt])).toEqual([[ids.soon, new Date('2026-11-30T15:00:00+08:00').toISOString()]]);
  });

  it('when no year is given, then it is this year in Beijing time; a bad year or no session is refused', async () => {
    expect((await json<OpennessReport>(await editor.call('GET', '/openness'))).year).toBe(2026);
    expect((await editor.call('GET', '/openness?year=abc')).status).toBe(400);
    expect((await callAdmin(t, 'GET', '/openness', undefined, {})).status).toBe(401);
    expect((await callAdmin(t, 'GET', '/openness/reach.csv', undefined, {})).status).toBe(401);
  });
});

describe('the CSV exports for the annual report', () => {
  const csv = async (section: string) => {
    const res = await editor.call('GET', `/openness/${section}.csv?year=2026`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`filename="openness-${section}-2026.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    // UTF-8 byte-order mark, so Excel reads the Chinese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return bytes.subarray(3).toString('utf8').split('\r\n');
  };

  it('when the interpretations are exported, then each policy is a row with its due day and state, and a title cannot become a formula', async () => {
    const lines = await csv('interpretations');
    expect(lines[0]).toBe('政策文件,文号,政策发布时间,解读应发布日期,解读标题,解读发布时间,状态');
    expect(lines).toContain('关于调整失业保险金标准的通知,镇人社发〔2026〕11号,2026-11-02 10:00,2026-11-05,失业保险金标准调整解读,2026-11-04 10:00,按时发布');
    expect(lines).toContain("'+关于就业补贴的通知,镇人社发〔2026〕12号,2026-11-09 10:00,2026-11-12,就业补贴解读,2026-11-16 10:00,逾期发布");
    expect(lines).toContain('关于人才项目申报的通知,镇人社发〔2026〕15号,2026-11-12 10:00,2026-11-17,,,无解读（已逾期）');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 5 + 1);
  });

  it('when the other sections are exported, then their figures match the dashboard', async () => {
    const published = await csv('published');
    expect(published[0]).toBe('月份,就业创业,社会保障,人事人才,劳动保障,财政预决算,其他,合计');
    expect(published).toContain('2026-11,1,1,2,1,1,2,7');
    const coverage = await csv('coverage');
    expect(coverage[0]).toBe('主题,京口区,润州区,丹徒区,镇江新区(经开区),丹阳市,扬中市,句容市,未填地区,合计');
    expect(coverage).toContain('就业创业补贴,2,0,0,0,0,0,0,1,3');
    const reach = await csv('reach');
    expect(reach[0]).toBe('推送,状态,开始发送时间,目标人数,送达人数,到达率');
    expect(reach.some((l) => l.endsWith(',4,2,50.00%'))).toBe(true);
    expect(reach).toContain('2026-11 月度合计（1 次推送）,,,4,2,50.00%');
    const upcoming = await csv('upcoming');
    expect(upcoming).toHaveLength(3);
    expect(upcoming[1]).toContain('2026-11-30 15:00');
    expect((await editor.call('GET', '/openness/secrets.csv')).status).toBe(400);
  });
});
