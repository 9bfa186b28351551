import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
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

export type ConnectOptions =
  | { databaseUrl: string; poolSize?: number; logger?: Logger }
  | { dataDir: string | null; logger?: Logger };

/**
 * Embedded mode bounds the WAL (it would otherwise grow to 1 GB) and takes a lock file, because two
 * processes on one PGlite folder silently lose writes (research/storage.md §8). `dataDir: null` is an
 * in-memory database, used by tests.
 */
export async function connect(options: ConnectOptions): Promise<DatabaseConnection> {
  if ('databaseUrl' in options) {
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', (err) => options.logger?.error({ err }, 'idle PostgreSQL client failed'));
    const db = drizzlePg(pool, { schema });
    return {
      db: db as unknown as Database,
      engine: 'postgres',
      migrate: (migrationsFolder = MIGRATIONS_FOLDER) => migratePg(db, { migrationsFolder }),
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
      postgresqlconf: 'max_wal_size = 64MB\nmin_wal_size = 32MB',
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
