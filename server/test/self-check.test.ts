import { ContentDetail, ContentPage, EligibilityCheckResponse } from '@zj/shared';
import { DEFAULT_TODAY, SUBSIDY_PERSONAS } from './support/subsidy-personas';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
const idOf: Record<string, number> = {};
beforeAll(async () => {
  t = await startTestSystem({ seed: true, now: `${DEFAULT_TODAY}T09:00:00+08:00` });
  const page = ContentPage.parse(await (await t.get('/api/v1/subsidies?limit=50')).json());
  for (const item of page.items) idOf[item.slug] = item.id;
});
afterAll(() => t.close());

async function ask(slug: string, answers: unknown) {
  const res = await t.post(`/api/v1/subsidies/${idOf[slug]}/check`, answers);
  expect(res.status).toBe(200);
  return EligibilityCheckResponse.parse(await res.json()).result;
}

describe('subsidy self-check over HTTP (seeded subsidies)', () => {
  it('when the sample content is loaded, then every seeded subsidy has a persona table', () => {
    expect(Object.keys(idOf).sort()).toEqual(Object.keys(SUBSIDY_PERSONAS).sort());
  });

  describe.each(Object.entries(SUBSIDY_PERSONAS))('%s', (slug, personas) => {
    it.each(personas.map((p) => [p.who, p] as const))('when asked by %s, then the answer is as expected', async (_who, p) => {
      t.clock.set(`${p.today ?? DEFAULT_TODAY}T09:00:00+08:00`);
      const r = await ask(slug, p.answers);
      expect(r.outcome).toBe(p.outcome);
      expect(r.eligible).toBe(p.outcome === 'eligible');
      expect(r.failed.map((f) => f.condition)).toEqual(p.failed ?? []);
      const text = [r.message, ...r.failed.map((f) => f.reason)].join('\n');
      for (const words of p.says ?? []) expect(text).toContain(words);
    });
  });

  it('when a resident opens 一次性创业补贴, then the questions say which are required and which may be left blank', async () => {
    const detail = ContentDetail.parse(await (await t.get(`/api/v1/subsidies/${idOf['subsidy-one-time-startup']}`)).json());
    if (detail.kind !== 'subsidy') throw new Error('not a subsidy');
    expect(detail.questions.map((q) => [q.field, q.required])).toEqual([
      ['district', true],
      ['isStudent', false],
      ['education', false],
      ['graduationYear', false],
      ['isHardToEmploy', false],
      ['isVeteran', false],
      ['isReturnee', false],
      ['enterpriseType', true],
      ['businessMonths', true],
      ['insuredMonths', true],
    ]);
    expect(detail.questions.find((q) => q.field === 'graduationYear')!.label).toBe('您的毕业年份（在校生填预计毕业年份；可不填，不填按不符合此项判断）');
    expect(detail.questions.find((q) => q.field === 'businessMonths')!.label).toBe('创业实体已登记注册并经营多少个月（必填）');
  });

  it('when a resident sends an answer that is not an option, then it is refused with a Chinese message', async () => {
    const res = await t.post(`/api/v1/subsidies/${idOf['subsidy-vocational-training']}/check`, { hukou: 'zhenjiang_hukou' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('when the OpenAPI document is read, then the nested rule schema is a component every $ref resolves to', async () => {
    const doc = (await (await t.get('/api/v1/openapi.json')).json()) as { components: { schemas: Record<string, unknown> } };
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toEqual(expect.arrayContaining(['EligibilityRule']));
    for (const name of new Set(refs)) expect(doc.components.schemas).toHaveProperty([name]);
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });
});
