import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/database';
import { aNotice } from './support/builders';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * Shipped sample items reach a demo database once; a newer release corrects them only where nobody has
 * touched them since (a stale sample, say self-check rules of an older shape, must not linger there).
 */
let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const shipped = (slug: string, summary: string) => ({ ...aNotice({ slug, summary }), status: 'published' as const, publishedAt: '2026-11-01T00:00:00+08:00' });
const summaryOf = async (slug: string) =>
  (await queryRows<{ summary: string; version: number }>(t.connection.db, sql`select summary, version from content_items where slug = ${slug}`))[0];

describe('loading the shipped content again', () => {
  it('when a shipped item changed and nobody touched it, then it is brought up to date as a new version by the seed', async () => {
    await t.system.content.importSeed([shipped('refresh-untouched', '旧的摘要')]);
    const result = await t.system.content.importSeed([shipped('refresh-untouched', '更正后的摘要')]);
    expect(result).toEqual({ inserted: 0, refreshed: 1, kept: 0 });
    expect(await summaryOf('refresh-untouched')).toEqual({ summary: '更正后的摘要', version: 2 });
    const versions = await queryRows<{ action: string; actor: string }>(
      t.connection.db,
      sql`select v.action, v.actor from content_versions v join content_items c on c.id = v.content_id where c.slug = 'refresh-untouched' order by v.version`,
    );
    expect(versions).toEqual([
      { action: 'seed', actor: 'system:seed' },
      { action: 'seed_refresh', actor: 'system:seed' },
    ]);
  });

  it('when an editor has changed the item, then the shipped version does not overwrite it', async () => {
    const [row] = await queryRows<{ id: number }>(t.connection.db, sql`select id from content_items where slug = 'refresh-untouched'`);
    await t.system.content.changeStatus(row!.id, 'archived', { actor: t.actors.reviewer, expectedVersion: 2 });
    const result = await t.system.content.importSeed([shipped('refresh-untouched', '又一次更正')]);
    expect(result).toEqual({ inserted: 0, refreshed: 0, kept: 1 });
    expect((await summaryOf('refresh-untouched'))!.summary).toBe('更正后的摘要');
  });

  it('when the row was changed outside the workflow, then it is kept as it is', async () => {
    await t.system.content.importSeed([shipped('refresh-direct', '原摘要')]);
    await t.connection.db.execute(sql`update content_items set summary = '运维直接修改' where slug = 'refresh-direct'`);
    const result = await t.system.content.importSeed([shipped('refresh-direct', '新摘要')]);
    expect(result.refreshed).toBe(0);
    expect((await summaryOf('refresh-direct'))!.summary).toBe('运维直接修改');
  });

  it('when nothing changed, then nothing is written', async () => {
    const before = await summaryOf('refresh-direct');
    expect(await t.system.content.importSeed([shipped('refresh-direct', '新摘要')])).toMatchObject({ refreshed: 0 });
    expect(await summaryOf('refresh-direct')).toEqual(before);
  });
});
