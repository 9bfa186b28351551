import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { escapeLiteral } from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** One handle type for both drivers: PGlite in-process and node-postgres against a server. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Runs raw SQL and returns its rows; the two drivers' result objects differ but both carry `rows`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs one statement whose values are already inlined as literals (see `textLiteral`) over the simple
 * query protocol. A parameterised statement costs PGlite six calls into its wasm (parse, describe, sync,
 * bind, execute, sync), which made the per-push insert of the message server its largest cost; this is
 * one. Only for hot, machine-built statements: everything else keeps bound parameters.
 */
export async function simpleQueryRows<T>(db: Database, text: string): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    const results = await client.exec(text);
    return (results.at(-1)?.rows ?? []) as T[];
  }
  // node-postgres sends a query without values over the simple protocol too.
  const result = await (client as { query(text: string): Promise<{ rows: T[] }> }).query(text);
  return result.rows;
}

/** A text literal for `simpleQueryRows`. PostgreSQL text cannot hold NUL, so NUL becomes U+FFFD. */
export function textLiteral(value: string | null): string {
  if (value === null) return 'null';
  return escapeLiteral(value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value);
}

/** A timestamptz literal for `simpleQueryRows`. */
export function timestampLiteral(value: Date | null): string {
  return value === null ? 'null' : `'${value.toISOString()}'::timestamptz`;
}

/**
 * A bound text[] / bigint[] parameter (one parameter, not one per element as Drizzle expands a JS array),
 * for `= any(…)` and `unnest(…)` over many rows in one statement.
 */
export const textArray = (values: readonly string[]): SQL => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
export const bigintArray = (values: readonly number[]): SQL => sql`${`{${values.join(',')}}`}::bigint[]`;
