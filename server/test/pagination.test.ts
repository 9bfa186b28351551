import { ContentPage } from '@zj/shared';
import { aNotice, publish } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const at = (minute: number) => new Date(Date.parse('2026-11-01T08:00:00+08:00') + minute * 60_000).toISOString();

describe('keyset pagination', () => {
  it('when items are inserted while a resident pages through, then every original item is seen exactly once', async () => {
    // 45 items, some sharing a publication instant so the id breaks ties.
    for (let i = 0; i < 45; i++) {
      t.clock.set(at(Math.floor(i / 3) * 10));
      await publish(t.system.content, aNotice({ title: `原有通知 ${i}` }));
    }
    t.clock.set('2026-11-27T10:00:00+08:00');
    const original = new Set((await collect(50)).map((i) => i.id));
    expect(original.size).toBe(45);

    let inserted = 0;
    const insertLoop = (async () => {
      // New items land before the cursor (newer), after it (backdated) and on the very instants of existing ones.
      for (let i = 0; i < 30; i++) {
        const minute = [1000, -5, 35, 70, 140][i % 5]!;
        await t.system.content.importSeed([
          { ...aNotice({ title: `新插入通知 ${i}` }), status: 'published', publishedAt: at(minute) },
        ]);
        inserted++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const seen = await collect(7, () => new Promise((r) => setImmediate(r)));
    await insertLoop;

    const ids = seen.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of original) expect(ids).toContain(id);
    expect(inserted).toBe(30);
    // Order is strictly newest first by (publishedAt, id) across page boundaries.
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.id > b.id)).toBe(true);
    }
  });
});

async function collect(limit: number, between?: () => Promise<unknown>) {
  const items: ContentPage['items'] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await t.get(`/api/v1/notices?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = ContentPage.parse(await res.json());
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
    await between?.();
  }
  throw new Error('pagination did not end');
}
