import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connect, type DatabaseConnection } from '../../src/db/connect';

/** Set by scripts/test.mjs for the PostgreSQL pass; absent = the PGlite pass. */
// eslint-disable-next-line n/no-process-env
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `url` lets a test open a second connection, as a second server instance would (null on PGlite). */
export type TestDatabase = DatabaseConnection & { url: string | null };

/**
 * A fresh database for one test file, migrated unless `migrated: false` (tests of migrations): an
 * in-memory PGlite, or a new database on the PostgreSQL server (dropped again on close), so files never
 * see each other's rows.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (!TEST_DATABASE_URL) {
    const conn = await connect({ dataDir: null });
    if (migrated) await conn.migrate();
    return { ...conn, url: null };
  }
  const name = `zj_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(TEST_DATABASE_URL, name);
  const conn = await connect({ databaseUrl: url, poolSize: 5 });
  if (migrated) await conn.migrate();
  return {
    ...conn,
    url,
    async close() {
      await conn.close();
      const drop = new Client({ connectionString: TEST_DATABASE_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    },
  };
}

