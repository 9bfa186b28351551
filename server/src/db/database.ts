import { PGlite, parse, protocol } from '@electric-sql/pglite';
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

type Parsers = Record<number, (value: string) => unknown>;

interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): DrizzlePreparedQuery };
}

interface DrizzlePreparedQuery {
  execute(): Promise<unknown>;
  /** On PGlite: the PGlite instance, or the transaction the statement runs in. */
  client?: unknown;
}

/** Drizzle's prepared query on PGlite, whose raw config keeps dates and intervals as text. */
interface PglitePreparedQuery {
  queryString: string;
  params: unknown[];
  rawQueryConfig: { parsers: Parsers };
}

/**
 * Runs a hot statement that the database keeps prepared under `name`: parsed once, and planned once its
 * generic plan is as good as a fresh one, rather than both on every call. Planning was a fifth of the time
 * of the batch statements a push runs thousands of times a minute (pg_stat_statements: 0.7 ms of 4.3 for
 * the worker's begin). The text must be the same on every call, values only as parameters: node-postgres
 * refuses one name for two texts. Inside a PGlite transaction it runs as any statement.
 */
export async function preparedRows<T>(db: Database, name: string, query: SQL): Promise<T[]> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const prepared = session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false);
  if (prepared.client instanceof PGlite) return pgliteNamedRows<T>(prepared.client, name, prepared as unknown as PglitePreparedQuery);
  const result = (await prepared.execute()) as { rows: T[] };
  return result.rows;
}

/** Per PGlite instance: the parameter types of the statements prepared on it so far, and its result parsers. */
const pgliteSessions = new WeakMap<PGlite, { statements: Map<string, number[]>; parsers: Parsers }>();

/**
 * PGlite's own `query` takes six calls into its wasm for every statement (parse, describe, bind, describe,
 * execute, sync) and parses and plans it each time. A named statement is parsed once; each call after is
 * one batch of bind, describe, execute and sync: one call, no parsing, and PostgreSQL's plan cache.
 */
async function pgliteNamedRows<T>(client: PGlite, name: string, prepared: PglitePreparedQuery): Promise<T[]> {
  // The same locks `query` takes: never inside another caller's transaction, never between its messages.
  return client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      let session = pgliteSessions.get(client);
      // Parsed as `query` would with Drizzle's raw config: PGlite's parsers, then Drizzle's over them.
      if (!session) pgliteSessions.set(client, (session = { statements: new Map(), parsers: { ...client.parsers, ...prepared.rawQueryConfig.parsers } }));
      let paramTypes = session.statements.get(name);
      if (!paramTypes) {
        const described = await client.execProtocol(Buffer.concat([protocol.serialize.parse({ name, text: prepared.queryString }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]));
        paramTypes = parse.parseDescribeStatementResults(described.messages);
        session.statements.set(name, paramTypes);
      }
      const values = prepared.params.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = client.serializers[paramTypes[i]!];
        return serializer ? serializer(value) : String(value);
      });
      const { messages } = await client.execProtocol(
        Buffer.concat([protocol.serialize.bind({ statement: name, values }), protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()]),
      );
      return parse.parseResults(messages, session.parsers, { rowMode: 'object' })[0]!.rows as T[];
    }),
  );
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
