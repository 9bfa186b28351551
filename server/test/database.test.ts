import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connect, MIGRATIONS_FOLDER, type DatabaseConnection } from '../src/db/connect';
import { bigintArray, preparedRows, queryRows } from '../src/db/database';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './support/test-database';

/** The error and its causes in one string: drizzle wraps the driver's error as `cause`. */
function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) parts.push(`${e.message} ${(e as { code?: string }).code ?? ''}`);
  return parts.join(' | ');
}

async function failure(work: Promise<unknown>): Promise<{ ms: number; error: string }> {
  const started = Date.now();
  try {
    await work;
  } catch (err) {
    return { ms: Date.now() - started, error: describeError(err) };
  }
  throw new Error('expected the query to fail');
}

// Pool and session settings, and the advisory lock, exist only on PostgreSQL; PGlite is one in-process session.
const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('PostgreSQL timeouts', () => {
  let database: TestDatabase;
  const opened: DatabaseConnection[] = [];
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    await database.close();
  });
  const open = async (timeouts: { connectMs: number; statementMs: number }) => {
    const c = await connect({ databaseUrl: database.url!, poolSize: 1, timeouts });
    opened.push(c);
    return c;
  };

  it('when the only pooled connection stays busy, then the next query fails after the connect timeout with a clear error', async () => {
    const { db } = await open({ connectMs: 300, statementMs: 10_000 });
    // Drizzle queries start when awaited: start this one, and let it take the connection.
    const busy = Promise.resolve(db.execute(sql`select pg_sleep(1.5)`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { ms, error } = await failure(db.execute(sql`select 1`));
    expect(error).toContain('timeout exceeded when trying to connect');
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_200);
    await busy;
  });

  it('when a statement runs longer than the statement timeout, then the database cancels it and the connection stays usable', async () => {
    const { db } = await open({ connectMs: 1_000, statementMs: 200 });
    const { ms, error } = await failure(db.execute(sql`select pg_sleep(3)`));
    expect(error).toContain('57014');
    expect(error).toContain('statement timeout');
    expect(ms).toBeLessThan(1_500);
    expect(await queryRows<{ one: number }>(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });
});

onPostgres('migrations on PostgreSQL', () => {
  it('when two instances start together on one fresh database, then both come up and the schema is migrated once', async () => {
    const database = await createTestDatabase({ migrated: false });
    const instances = await Promise.all([0, 1].map(() => connect({ databaseUrl: database.url!, poolSize: 2 })));
    try {
      await Promise.all(instances.map((i) => i.migrate()));
      const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
      const [applied] = await queryRows<{ n: number }>(instances[0]!.db, sql`select count(*)::int n from drizzle.__drizzle_migrations`);
      expect(applied!.n).toBe(journal.entries.length);
      const [tables] = await queryRows<{ n: number }>(instances[1]!.db, sql`select count(*)::int n from pg_tables where tablename = 'content_items'`);
      expect(tables!.n).toBe(1);
    } finally {
      for (const i of instances) await i.close();
      await database.close();
    }
  });
});

describe('prepared statements', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(() => database.close());

  it('when a named statement runs with different values, then each run answers for its own values', async () => {
    const sum = (ids: number[], plus: number) =>
      preparedRows<{ total: number }>(database.db, 'test_prepared_sum', sql`select (sum(v) + ${plus})::int as total from unnest(${bigintArray(ids)}) as v`);
    expect(await sum([1, 2, 3], 10)).toEqual([{ total: 16 }]);
    expect(await sum([40], 2)).toEqual([{ total: 42 }]);
  });

  it('when a named statement fails, then the error is the database\'s and the next run answers', async () => {
    const ratio = (a: number, b: number) => preparedRows<{ q: number }>(database.db, 'test_prepared_ratio', sql`select (${a}::int / ${b}::int) as q`);
    expect((await failure(ratio(1, 0))).error).toMatch(/division by zero/);
    expect(await ratio(84, 2)).toEqual([{ q: 42 }]);
  });

  it('when a named statement reads values, then they come back as from any raw query: null, text, json, timestamps as text', async () => {
    const values = sql`select ${null}::text as nothing, ${'镇江'}::text as city, ${JSON.stringify({ a: [1] })}::jsonb as doc, ${'2026-12-03T08:00:00.000Z'}::timestamptz as at`;
    expect(await preparedRows(database.db, 'test_prepared_values', values)).toEqual(await queryRows(database.db, values));
  });

  it('when a transaction is open, then a named statement waits for it and does not see its rows', async () => {
    await database.db.execute(sql`create table if not exists prepared_probe (v int)`);
    let release!: () => void;
    let inserted!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    const rolledBack = database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into prepared_probe values (1)`);
        inserted();
        await held;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await insertedNow;
    const counted = preparedRows<{ n: number }>(database.db, 'test_prepared_probe', sql`select count(*)::int as n from prepared_probe where v = ${1}`);
    setTimeout(release, 50);
    expect(await rolledBack).toBe('rolled back');
    expect(await counted).toEqual([{ n: 0 }]);
  });
});

// PGlite is one session: the statement prepared by name is visible to any query on it.
(TEST_DATABASE_URL ? describe.skip : describe)('prepared statements on PGlite', () => {
  it('when a named statement runs twice, then it is prepared once under that name', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      for (const n of [1, 2]) expect(await preparedRows(database.db, 'test_prepared_once', sql`select ${n}::int as n`)).toEqual([{ n }]);
      const kept = await queryRows<{ statement: string }>(database.db, sql`select statement from pg_prepared_statements where name = 'test_prepared_once'`);
      expect(kept).toEqual([{ statement: 'select $1::int as n' }]);
    } finally {
      await database.close();
    }
  });
});

// preparedRows reaches into Drizzle's session (prepareQuery with a name): an upgrade that stops passing the
// name on would silently plan the hot statements at every call again.
onPostgres('prepared statements on PostgreSQL', () => {
  it('when a named statement runs, then the session keeps it prepared under that name', async () => {
    const database = await createTestDatabase({ migrated: false });
    const single = await connect({ databaseUrl: database.url!, poolSize: 1 });
    try {
      await preparedRows(single.db, 'test_prepared_kept', sql`select ${1}::int as one`);
      const kept = await queryRows<{ statement: string }>(single.db, sql`select statement from pg_prepared_statements where name = 'test_prepared_kept'`);
      expect(kept).toHaveLength(1);
      expect(kept[0]!.statement).toContain('select $1::int as one');
    } finally {
      await single.close();
      await database.close();
    }
  });
});
