import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Client, Pool } from 'pg';
import type { Logger } from 'pino';
import * as schema from './schema';
import type { Database } from './database';
import { acquireDataDirLock } from './data-dir-lock';

export const MIGRATIONS_FOLDER = path.join(__dirname, 'migrations');

export interface DatabaseConnection {
  db: Database;
  engine: 'pglite' | 'postgres';
  /** Apply pending migrations (of another folder only in tests of migrations); a no-op when the schema is current. */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL only: the wait for a pooled connection and the statement_timeout of every session. */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
}

/** The config defaults (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS), for callers without a config. */
const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5_000, statementMs: 15_000 };

export type ConnectOptions =
  | { databaseUrl: string; poolSize?: number; timeouts?: DatabaseTimeouts; logger?: Logger }
  | { dataDir: string | null; logger?: Logger };

/**
 * Instances starting together on one database would both find the schema missing and collide on
 * CREATE TABLE. The migration runs on its own session, which holds a database-wide advisory lock and has
 * no statement timeout: the waiting instance must outlast a slow migration, then finds nothing to do.
 */
async function migrateSerialised(databaseUrl: string, timeouts: DatabaseTimeouts, migrationsFolder: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeouts.connectMs });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('zj:migrations'))");
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
  } finally {
    // Ending the session releases the lock too, also when the migration failed half-way.
    await client.end();
  }
}

/**
 * Embedded mode bounds the WAL (it would otherwise grow to 1 GB) and takes a lock file, because two
 * processes on one PGlite folder silently lose writes (research/storage.md §8). The bound is 256 MB, not
 * the 64 MB measured there: PGlite checkpoints on the server's own thread, and a push going out at 2,000
 * messages a second filled 64 MB every few seconds. Full-page writes are off: they guard against pages
 * torn by an OS crash or power loss, which PGlite (fsync off) does not survive anyway; a killed process
 * leaves its writes in the OS's cache. Together, in bench/push-fanout: 0.60 → 0.54 ms of server CPU per
 * send, 1,602 → 1,738–1,784 sends a second. `dataDir: null` is an in-memory database, used by tests.
 */
export async function connect(options: ConnectOptions): Promise<DatabaseConnection> {
  if ('databaseUrl' in options) {
    const timeouts = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
    // A stalled database must fail a request within the reply budget rather than queue it for ever.
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
    });
    pool.on('error', (err) => options.logger?.error({ err }, 'idle PostgreSQL client failed'));
    const db = drizzlePg(pool, { schema });
    return {
      db: db as unknown as Database,
      engine: 'postgres',
      migrate: (migrationsFolder = MIGRATIONS_FOLDER) => migrateSerialised(options.databaseUrl, timeouts, migrationsFolder),
      close: () => pool.end(),
    };
  }

  let releaseLock = () => {};
  let dataPath: string | undefined;
  if (options.dataDir !== null) {
    mkdirSync(options.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(options.dataDir);
    dataPath = path.join(options.dataDir, 'pglite');
  }
  try {
    const pglite = await PGlite.create(dataPath, {
      postgresqlconf: 'max_wal_size = 256MB\nmin_wal_size = 32MB\nfull_page_writes = off',
    } as Parameters<typeof PGlite.create>[1]);
    const db = drizzlePglite(pglite, { schema });
    return {
      db: db as unknown as Database,
      engine: 'pglite',
      migrate: (migrationsFolder = MIGRATIONS_FOLDER) => migratePglite(db, { migrationsFolder }),
      close: async () => {
        await pglite.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}
