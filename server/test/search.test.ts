import type { SearchPage } from '@zj/shared';
import { putSynonym } from '../src/content/search-dictionary';
import { describeFigures, loadResidentQuestions, measureChat, measureSearch } from './support/resident-questions';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ seed: true });
});
afterAll(() => t.close());

async function search(q: string, extra = ''): Promise<SearchPage> {
  const res = await t.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchPage;
}

describe('search in residents’ words', () => {
  it('when a question has words no item contains, then the items matching the rest come back, the best first', async () => {
    const page = await search('怎么申请一次性创业补贴');
    expect(page.items[0]).toMatchObject({ kind: 'subsidy', title: '一次性创业补贴' });
  });

  it('when a result comes back, then it says its kind and links its API page and its mini-program page', async () => {
    const [first] = (await search('创业担保贷款')).items;
    expect(first).toMatchObject({ kind: 'subsidy', path: `/api/v1/subsidies/${first!.id}`, miniProgramPath: `pages/subsidy/detail?id=${first!.id}` });
    expect((await t.get(first!.path)).status).toBe(200);
    // Every kind links the app's page for it (the wage standard's is pages/wage, not the kind's name).
    const [wage] = (await search('最低工资标准', '&kind=wage_standard')).items;
    expect(wage!.miniProgramPath).toBe(`pages/wage/detail?id=${wage!.id}`);
  });

  it('when a district is named in the question, then results are filtered to it and the response says so', async () => {
    const page = await search('丹阳最低工资');
    expect(page.district).toBe('danyang');
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) expect(item.districts.length === 0 || item.districts.includes('danyang')).toBe(true);
  });

  it('when several wage standards match, then the one in force comes before older ones', async () => {
    const wages = (await search('最低工资标准', '&kind=wage_standard&limit=10')).items.filter((i) => i.kind === 'wage_standard');
    const dates = wages.map((w) => (w.kind === 'wage_standard' ? w.brief.effectiveFrom : ''));
    const inForce = dates.filter((d) => d <= '2026-11-27').sort().at(-1);
    expect(dates[0]).toBe(inForce);
  });

  it('when nothing matches, then the answer suggests what to try', async () => {
    const page = await search('怎么办');
    expect(page.items).toEqual([]);
    expect(page.suggestions.length).toBeGreaterThan(0);
  });

  it('when an editor adds a synonym, then the next search uses it', async () => {
    expect((await search('铺子')).items).toEqual([]);
    await putSynonym(t.connection.db, { term: '铺子', expansions: ['创业担保贷款'] });
    t.system.content.contentChanged();
    expect((await search('铺子')).items[0]?.title).toContain('创业担保贷款');
  });
});

describe('acceptance: residents’ questions (dev set)', () => {
  const questions = loadResidentQuestions();

  it('when each question is searched, then an expected item is in the first 3 results for at least 90%', async () => {
    const f = await measureSearch(t, questions);
    const misses = f.outcomes.filter((o) => o.rank === null || o.rank > 3).map((o) => `${o.q} → ${o.seen}`);
    expect({ figures: describeFigures('search', f), misses, ok: f.hit3 / f.total >= 0.9 }).toMatchObject({ ok: true });
  });

  it('when each question is sent to the chat, then the reply names an expected item (not the fallback) for at least 90%', async () => {
    const f = await measureChat(t, questions);
    const misses = f.outcomes.filter((o) => o.rank === null).map((o) => `${o.q} → ${o.seen}`);
    expect({ figures: describeFigures('chat', f), misses, ok: f.hit1 / f.total >= 0.9 }).toMatchObject({ ok: true });
  });
});
