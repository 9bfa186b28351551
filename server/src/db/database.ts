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

interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
}

/**
 * Runs a hot statement that PostgreSQL keeps prepared under `name` on each connection: parsed and planned
 * once there rather than on every call. Planning was a fifth of the time of the batch statements a push
 * runs thousands of times a minute (pg_stat_statements: 0.7 ms of 4.3 for the worker's begin). The text
 * must be the same on every call, values only as parameters: node-postgres refuses one name for two
 * texts. PGlite runs it as any statement.
 */
export async function preparedRows<T>(db: Database, name: string, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const result = (await session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as { rows: T[] };
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
