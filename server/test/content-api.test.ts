import { ContentDetail, ContentPage, CurrentWage, EligibilityCheckResponse, ErrorBody } from '@zj/shared';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { aNotice, aPolicy, aRecruitment, aSubsidy, aWageStandard, anInterpretation, publish } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';
import { parsedJson } from './support/http';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

/** Row counts of every content table, to prove a rejected request changed nothing. */
async function tableCounts() {
  return queryRows<Record<string, string>>(
    t.connection.db,
    sql`select (select count(*) from content_items) items, (select count(*) from content_versions) versions,
               (select max(updated_at) from content_items) updated, (select generation from content_generation) generation`,
  );
}

describe('content API', () => {
  let subsidyId: number;
  beforeAll(async () => {
    t.clock.set('2026-11-20T09:00:00+08:00');
    subsidyId = (await publish(t.system.content, aSubsidy({ title: '一次性创业补贴', districts: ['jingkou'], audiences: ['graduate'] }))).id;
    await publish(t.system.content, aSubsidy({ title: '社会保险补贴', districts: ['danyang'], audiences: ['enterprise'] }));
    await publish(t.system.content, aSubsidy({ title: '职业技能培训补贴', districts: [], audiences: ['individual'] }));
    await t.system.content.createItem(aSubsidy({ title: '尚未发布的补贴' }), t.actors.author);
    t.clock.set('2026-11-27T10:00:00+08:00');
  });

  it('when residents list subsidies by district, then items for that district and for the whole city come back, newest first', async () => {
    const page = await parsedJson(await t.get('/api/v1/subsidies?district=jingkou'), ContentPage);
    expect(page.items.map((i) => i.title)).toEqual(['职业技能培训补贴', '一次性创业补贴']);
    const all = await parsedJson(await t.get('/api/v1/subsidies'), ContentPage);
    expect(all.items.map((i) => i.title)).not.toContain('尚未发布的补贴');
  });

  it('when filtered by audience, then only items for that audience come back', async () => {
    const page = await parsedJson(await t.get('/api/v1/subsidies?audience=enterprise'), ContentPage);
    expect(page.items.map((i) => i.title)).toEqual(['社会保险补贴']);
  });

  it('when a detail is read twice with its ETag, then the second answer is 304 without a body', async () => {
    const first = await t.get(`/api/v1/subsidies/${subsidyId}`);
    const detail = await parsedJson(first, ContentDetail);
    expect(detail.kind === 'subsidy' && detail.questions.map((q) => q.field)).toEqual(['age', 'hukou']);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const second = await t.get(`/api/v1/subsidies/${subsidyId}`, { headers: { 'If-None-Match': etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
  });

  it('when content is published, then cached lists and their ETags change at once', async () => {
    const before = await t.get('/api/v1/notices');
    const etag = before.headers.get('etag')!;
    await publish(t.system.content, aNotice({ title: '春风行动专场招聘会' }));
    const after = await t.get('/api/v1/notices', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect((await parsedJson(after, ContentPage)).items.map((i) => i.title)).toEqual(['春风行动专场招聘会']);
  });

  it('when notices are filtered by category, then only that category comes back', async () => {
    const hotline = await publish(t.system.content, aNotice({ title: '12333热线服务时间调整', details: { category: 'hotline' } }));
    const page = await parsedJson(await t.get('/api/v1/notices?category=hotline'), ContentPage);
    expect(page.items.map((i) => i.id)).toEqual([hotline.id]);
    expect((await parsedJson(await t.get('/api/v1/notices?category=weather'), ErrorBody, 400)).error.code).toBe('invalid_request');
  });

  it('when the eligibility self-check is answered, then failed conditions are named in Chinese', async () => {
    const ok = await parsedJson(await t.post(`/api/v1/subsidies/${subsidyId}/check`, { age: 25, hukou: 'zhenjiang' }), EligibilityCheckResponse);
    expect(ok.result.outcome).toBe('eligible');
    const no = await parsedJson(await t.post(`/api/v1/subsidies/${subsidyId}/check`, { age: 70, hukou: 'other_province' }), EligibilityCheckResponse);
    expect(no.result.eligible).toBe(false);
    expect(no.result.failed.map((f) => f.condition)).toEqual(['年龄在16至60周岁之间', '镇江户籍']);
    const partial = await parsedJson(await t.post(`/api/v1/subsidies/${subsidyId}/check`, { age: 30 }), EligibilityCheckResponse);
    expect(partial.result.outcome).toBe('incomplete');
  });

  it.each([
    ['a bad id', '/api/v1/subsidies/abc'],
    ['a zero id', '/api/v1/subsidies/0'],
    ['an unknown district', '/api/v1/subsidies?district=nanjing'],
    ['an unknown audience', '/api/v1/subsidies?audience=alien'],
    ['a page size over the limit', '/api/v1/subsidies?limit=51'],
    ['a page size of the wrong type', '/api/v1/subsidies?limit=ten'],
    ['a negative page size', '/api/v1/subsidies?limit=-1'],
    ['a forged cursor', '/api/v1/subsidies?cursor=bm90LWEtY3Vyc29y'],
    ['an unknown parameter', '/api/v1/subsidies?sort=title'],
    ['a repeated parameter', '/api/v1/subsidies?district=jingkou&district=dantu'],
    ['an unknown recruitment status', '/api/v1/recruitments?status=maybe'],
    ['an empty search', '/api/v1/search?q=%20'],
    ['a search over 50 characters', `/api/v1/search?q=${'创'.repeat(51)}`],
    ['a current wage for an unknown district', '/api/v1/wage-standards/current?district=nanjing'],
  ])('when a request has %s, then it gets 400 with a JSON error', async (_what, path) => {
    const body = await parsedJson(await t.get(path), ErrorBody, 400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('when a topic does not exist, then the error says so', async () => {
    const body = await parsedJson(await t.get('/api/v1/subsidies?topic=no_such_topic'), ErrorBody, 400);
    expect(body.error.code).toBe('unknown_topic');
  });

  it.each([
    ['wrong answer types', { age: '二十' }, 400],
    ['an unknown answer', { age: 30, salary: 1 }, 400],
    ['a body that is not JSON', 'age=30', 400],
  ])('when a self-check has %s, then it is refused and nothing is stored', async (_what, body, status) => {
    const before = await tableCounts();
    const res = await t.post(`/api/v1/subsidies/${subsidyId}/check`, body);
    expect(res.status).toBe(status);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('invalid_request');
    expect(await tableCounts()).toEqual(before);
  });

  it('when a bad request arrives, then the database is unchanged', async () => {
    const before = await tableCounts();
    for (const path of ['/api/v1/subsidies/abc', '/api/v1/subsidies?limit=99', '/api/v1/search?q=']) await t.get(path);
    expect(await tableCounts()).toEqual(before);
  });

  it('when an unpublished or other-kind id is asked for, then it is 404', async () => {
    expect((await parsedJson(await t.get(`/api/v1/notices/${subsidyId}`), ErrorBody, 404)).error.code).toBe('not_found');
    expect((await t.get('/api/v1/subsidies/999999')).status).toBe(404);
  });
});

describe('recruitment status filter', () => {
  beforeAll(async () => {
    const at = (d: string) => `${d}T09:00:00+08:00`;
    const item = (title: string, opens: string, closes: string, examOn: string | null) =>
      publish(t.system.content, aRecruitment({ title, details: { registrationOpensAt: at(opens), registrationClosesAt: at(closes), examOn } }));
    await item('即将报名的考试', '2026-12-05', '2026-12-10', '2026-12-28');
    await item('正在报名的招聘', '2026-11-20', '2026-12-01', '2026-12-20');
    await item('报名截止待考试', '2026-11-01', '2026-11-10', '2026-12-06');
    await item('已经结束的招聘', '2026-09-01', '2026-09-10', '2026-10-01');
  });

  it.each([
    ['upcoming', '即将报名的考试'],
    ['open', '正在报名的招聘'],
    ['closed', '报名截止待考试'],
    ['finished', '已经结束的招聘'],
  ])('when asking for %s, then only that notice comes back with its derived status', async (status, title) => {
    const page = await parsedJson(await t.get(`/api/v1/recruitments?status=${status}`), ContentPage);
    expect(page.items.map((i) => i.title)).toEqual([title]);
    expect(page.items[0]!.kind === 'recruitment' && page.items[0]!.brief.status).toBe(status);
  });

  it('when time passes, then the status follows the clock', async () => {
    t.clock.set('2026-12-02T10:00:00+08:00');
    try {
      t.system.readCache.invalidate();
      const page = await parsedJson(await t.get('/api/v1/recruitments?status=closed'), ContentPage);
      expect(page.items.map((i) => i.title).sort()).toEqual(['报名截止待考试', '正在报名的招聘'].sort());
    } finally {
      t.clock.set('2026-11-27T10:00:00+08:00');
      t.system.readCache.invalidate();
    }
  });
});

describe('wage standards', () => {
  beforeAll(async () => {
    await publish(
      t.system.content,
      aWageStandard({
        title: '江苏省最低工资标准(2024年)',
        details: {
          effectiveFrom: '2024-01-01',
          docNumber: '苏人社规〔2023〕4号',
          rates: [
            { type: 'monthly_min', tier: 1, amount: 2490, unit: '元/月', districts: ['jingkou', 'runzhou', 'dantu', 'xinqu', 'danyang', 'yangzhong', 'jurong'] },
            { type: 'hourly_min', tier: 1, amount: 24, unit: '元/小时', districts: ['jingkou', 'runzhou', 'dantu', 'xinqu', 'danyang', 'yangzhong', 'jurong'] },
          ],
        },
      }),
    );
    await publish(t.system.content, aWageStandard({ title: '江苏省最低工资标准(2026年)' }));
  });

  it('when asking for the current standard of a district, then the latest effective rate of its tier comes back', async () => {
    const jurong = await parsedJson(await t.get('/api/v1/wage-standards/current?district=jurong'), CurrentWage);
    expect(jurong.districtName).toBe('句容市');
    expect(jurong.rates.map((r) => [r.type, r.amount, r.tier])).toEqual([
      ['hourly_min', 24, 2],
      ['monthly_min', 2420, 2],
    ]);
    const before = await parsedJson(await t.get('/api/v1/wage-standards/current?district=jingkou&on=2025-06-01'), CurrentWage);
    expect(before.rates.find((r) => r.type === 'monthly_min')?.amount).toBe(2490);
  });

  it('when reading an old standard, then it is history: not current, with its end date', async () => {
    const page = await parsedJson(await t.get('/api/v1/wage-standards'), ContentPage);
    const old = page.items.find((i) => i.title === '江苏省最低工资标准(2024年)')!;
    const detail = await parsedJson(await t.get(`/api/v1/wage-standards/${old.id}`), ContentDetail);
    expect(detail.kind === 'wage_standard' && [detail.isCurrent, detail.effectiveTo]).toEqual([false, '2025-12-31']);
  });
});

describe('policies and interpretations', () => {
  it('when a policy is published, then its interpretation is due 3 working days later and late ones are listed', async () => {
    t.clock.set('2026-09-30T10:00:00+08:00');
    const policy = aPolicy({ title: '关于调整失业保险金标准的通知' });
    await publish(t.system.content, policy);
    const onTime = anInterpretation(policy.slug, { title: '失业保险金标准调整解读' });
    const late = anInterpretation(policy.slug, { title: '失业保险金标准调整图解' });
    t.clock.set('2026-10-09T10:00:00+08:00');
    const onTimeRow = await publish(t.system.content, onTime);
    await t.system.content.createItem(late, t.actors.author);
    t.clock.set('2026-11-27T10:00:00+08:00');

    const detail = await parsedJson(await t.get(`/api/v1/interpretations/${onTimeRow.id}`), ContentDetail);
    // 9/30 + 3 working days skips the 10/1–10/7 holiday and 10/10 is a makeup Saturday: 10/8, 10/9, 10/10.
    expect(detail.kind === 'interpretation' && [detail.dueOn, detail.onTime, detail.policy?.title]).toEqual(['2026-10-10', true, '关于调整失业保险金标准的通知']);
    const lateList = await t.system.content.lateInterpretations();
    expect(lateList.map((l) => [l.title, l.dueOn])).toEqual([['失业保险金标准调整图解', '2026-10-10']]);
  });
});

describe('sample items are marked in every response', () => {
  it('when a sample and a confirmed item are published, then list, detail and search each say which one is the sample', async () => {
    const sample = await publish(t.system.content, aNotice({ title: '示例招聘会通知', summary: '虹膜招聘会的示例安排' }));
    const confirmed = await publish(t.system.content, aNotice({ title: '确认的招聘会通知', summary: '虹膜招聘会的正式安排', isSample: false, sourceNote: '市人社局官网' }));
    const marks = (items: Array<{ id: number; isSample: boolean }>) => Object.fromEntries(items.filter((i) => [sample.id, confirmed.id].includes(i.id)).map((i) => [i.id, i.isSample]));
    const expected = { [sample.id]: true, [confirmed.id]: false };

    expect(marks((await parsedJson(await t.get('/api/v1/notices?limit=50'), ContentPage)).items)).toEqual(expected);
    expect(marks((await parsedJson(await t.get(`/api/v1/search?q=${encodeURIComponent('虹膜招聘会')}`), ContentPage)).items)).toEqual(expected);
    expect((await parsedJson(await t.get(`/api/v1/notices/${sample.id}`), ContentDetail)).isSample).toBe(true);
    expect((await parsedJson(await t.get(`/api/v1/notices/${confirmed.id}`), ContentDetail)).isSample).toBe(false);
  });
});
