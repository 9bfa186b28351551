import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expandPage } from '/work/main/server/src/audience/targeting';
const captured: { sql: string; params: unknown[] }[] = [];
const fakeDb = { execute: async (q: any) => { captured.push(new PgDialect().sqlToQuery(q)); return { rows: [{ last: null }] }; } } as any;
void (async () => {
const after = Number(process.argv[2] ?? 500000);
await expandPage(fakeDb, { pushId: 999, targeting: { topics: ['employment_subsidy','social_insurance','wage_standard'], districts: ['jingkou','runzhou','dantu','xinqu','danyang'], audiences: ['individual','enterprise','graduate'], channels: { oa: true, mp: { templateId: 'BENCH_SUB_fanout' } }, pushId: 999 }, after, pageSize: 5000, now: new Date() });
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/' + process.argv[3] });
await c.connect();
await c.query('begin');
const r = await c.query('explain (analyze, buffers off) ' + captured[0]!.sql, captured[0]!.params as any[]);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
await c.query('rollback');
await c.end();

})();
