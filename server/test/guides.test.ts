import { ContentDetail, ContentPage, ErrorBody, GUIDE_THEMES } from '@zj/shared';
import { startTestSystem, type TestSystem } from './support/test-system';
import { parsedJson } from './support/http';

/** The 办事指南 residents read: loaded with the sample content, listed by theme, read one by one and found by search. */

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ seed: true });
});
afterAll(() => t.close());

const guides = async (query = '') => parsedJson(await t.get(`/api/v1/guides?limit=50${query}`), ContentPage);

describe('service guides', () => {
  it('when residents list guides, then the sample guides come back as guides, each marked as sample', async () => {
    const page = await guides();
    expect(page.items.length).toBeGreaterThanOrEqual(12);
    expect(new Set(page.items.map((i) => i.kind))).toEqual(new Set(['guide']));
    expect(page.items.every((i) => i.isSample)).toBe(true);
    const benefit = page.items.find((i) => i.title === '失业保险金申领')!;
    expect(benefit.kind === 'guide' && benefit.brief).toMatchObject({ theme: 'social_insurance', themeName: '社会保险', fees: '不收费', online: true });
  });

  it('when filtered by theme, then only guides of that theme come back, and together the themes cover the list', async () => {
    const all = await guides();
    let total = 0;
    for (const theme of GUIDE_THEMES) {
      const page = await guides(`&theme=${theme}`);
      expect(page.items.length).toBeGreaterThan(0);
      expect(new Set(page.items.map((i) => i.kind === 'guide' && i.brief.theme))).toEqual(new Set([theme]));
      total += page.items.length;
    }
    expect(total).toBe(all.items.length);
    const arbitration = await guides('&theme=labour_relations');
    expect(arbitration.items.map((i) => i.title)).toContain('劳动人事争议仲裁申请');
  });

  it('when a guide is read, then it has its conditions, materials, steps, places, time limit, fees, legal basis and what is unconfirmed', async () => {
    const id = (await guides()).items.find((i) => i.title === '工伤认定')!.id;
    const detail = await parsedJson(await t.get(`/api/v1/guides/${id}`), ContentDetail);
    if (detail.kind !== 'guide') throw new Error(`expected a guide, got ${detail.kind}`);
    expect(detail.themeName).toBe('社会保险');
    expect(detail.details.conditions.length).toBeGreaterThan(0);
    expect(detail.details.materials.map((m) => m.name)).toContain('工伤认定申请表');
    expect(detail.details.materials.every((m) => m.count >= 1 && ['original', 'copy', 'original_and_copy', 'electronic'].includes(m.form))).toBe(true);
    expect(detail.details.steps.length).toBeGreaterThan(0);
    expect(detail.details.locations.length).toBeGreaterThan(0);
    expect(detail.details.timeLimit.statutory).toContain('60日');
    expect(detail.details.legalBasis.map((b) => `${b.law}${b.article}`)).toEqual(expect.arrayContaining(['《工伤保险条例》第十七条', '《工伤保险条例》第二十条']));
    expect(detail.isSample).toBe(true);
    expect(detail.sourceNote).toMatch(/未与.*核对/);
  });

  it('when a guide id is unknown or belongs to another kind, then it is 404', async () => {
    expect((await parsedJson(await t.get('/api/v1/guides/999999'), ErrorBody, 404)).error.code).toBe('not_found');
    const subsidy = (await parsedJson(await t.get('/api/v1/subsidies'), ContentPage)).items[0]!;
    expect((await t.get(`/api/v1/guides/${subsidy.id}`)).status).toBe(404);
  });

  it('when the theme is not one of the list, then it is 400 naming the parameter', async () => {
    const body = await parsedJson(await t.get('/api/v1/guides?theme=weather'), ErrorBody, 400);
    expect(body.error.message).toMatch(/^参数 theme 的值无效，可选：employment/);
  });

  it.each([['工伤认定'], ['失业保险金'], ['劳动人事争议仲裁']])('when residents search for %s, then the guide is found with its kind', async (q) => {
    const page = await parsedJson(await t.get(`/api/v1/search?q=${encodeURIComponent(q)}&kind=guide`), ContentPage);
    expect(page.items.some((i) => i.kind === 'guide' && i.title.includes(q))).toBe(true);
  });

  it('when residents search for a material or a law named only inside a guide, then the guide is found', async () => {
    const page = await parsedJson(await t.get(`/api/v1/search?q=${encodeURIComponent('工伤认定申请表')}`), ContentPage);
    expect(page.items.map((i) => i.title)).toContain('工伤认定');
  });

  it('when the API description is read, then both guide routes are documented', async () => {
    const doc = (await (await t.get('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/guides', '/api/v1/guides/{id}']));
  });
});
