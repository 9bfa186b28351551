import { sql } from 'drizzle-orm';
import type { Database } from '../../server/src/db/database';

/**
 * The seeded population, written with generate_series (a million rows in seconds, not one statement per
 * row), and the push that targets about 30 % of it. Subscriber i (1…n): a follower of the 服务号 (oa) when
 * i % 3 ≠ 0, else a mini-program user (mp); district i % 7 of the seeded districts; one audience
 * (i / 7) % 4; topic i % 6, and for one in five a second topic (i + 3) % 6. The push names topics 0–2,
 * districts 0–4 and audiences 0–2: 0.6 × 5/7 × 3/4 ≈ 32 % targeted. One follower in 50 unfollowed and one
 * mini-program user in 10 without a credit are targeted but skipped with their reason.
 */

export const SUBSCRIBE_TEMPLATE = 'BENCH_SUB_fanout';
export const TEMPLATE = 'BENCH_TPL_fanout';

export const openidSql = (i: string) => `case when ${i} % 3 = 0 then 'm' else 'o' end || lpad(${i}::text, 27, '0')`;

export interface Targeting {
  topics: string[];
  districts: string[];
  audiences: string[];
}

async function codes(db: Database, table: 'districts' | 'audiences' | 'topics'): Promise<string[]> {
  const result = await db.execute(sql.raw(`select code from ${table} order by sort_order, code`));
  const rows = (Array.isArray(result) ? result : (result as { rows: { code: string }[] }).rows) as { code: string }[];
  return rows.map((r) => r.code);
}

/** Subscribers, subscriptions and credits of our database; returns the push's targeting. */
export async function seedAudience(db: Database, n: number): Promise<Targeting> {
  const [districts, audiences, topics] = [await codes(db, 'districts'), await codes(db, 'audiences'), await codes(db, 'topics')];
  if (districts.length < 7 || audiences.length < 4 || topics.length < 6) throw new Error('the reference data has fewer than 7 districts, 4 audiences or 6 topics');
  const arr = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]::text[]`;
  const [d, a, t] = [arr(districts.slice(0, 7)), arr(audiences.slice(0, 4)), arr(topics.slice(0, 6))];
  await db.execute(
    sql.raw(`insert into subscribers (channel, openid, following, district, audiences, last_seen_at, created_at)
      select case when i % 3 = 0 then 'mp' else 'oa' end, ${openidSql('i')}, not (i % 3 <> 0 and i % 50 = 1),
             (${d})[i % 7 + 1], array[(${a})[(i / 7) % 4 + 1]], now(), now()
      from generate_series(1, ${n}) i order by i`),
  );
  // Subscriber ids follow i (a fresh identity), but the join keeps it right whatever they are.
  await db.execute(
    sql.raw(`insert into subscriptions (subscriber_id, topic, created_at)
      select s.id, (${t})[k.topic + 1], now()
      from generate_series(1, ${n}) i
      join subscribers s on s.openid = ${openidSql('i')}
      cross join lateral (select i % 6 as topic union all select (i + 3) % 6 where i % 5 = 0) k`),
  );
  await db.execute(
    sql.raw(`insert into subscribe_credits (subscriber_id, template_id, remaining, updated_at)
      select s.id, '${SUBSCRIBE_TEMPLATE}', 1, now() from subscribers s where s.channel = 'mp' and right(s.openid, 2)::int % 10 <> 1`),
  );
  await settle(db, ['subscribers', 'subscriptions', 'subscribe_credits']);
  return { topics: topics.slice(0, 3), districts: districts.slice(0, 5), audiences: audiences.slice(0, 3) };
}

/**
 * After a bulk load, as a database in service would be: vacuumed (hint bits and visibility map set, so the
 * push's first reads of a million rows do not rewrite their pages) and checkpointed (so the sends do not
 * pay for flushing the load's WAL and for a full-page image of every page they touch first).
 */
async function settle(db: Database, tables: string[]): Promise<void> {
  for (const table of tables) await db.execute(sql.raw(`vacuum analyze ${table}`));
  await db.execute(sql.raw('checkpoint'));
}

/** The sandbox's side: who follows the 服务号 and who granted a subscribe credit (everyone we reach and more). */
export async function seedPlatform(db: Database, n: number): Promise<void> {
  await db.execute(
    sql.raw(`insert into sandbox_followers (openid, followed_at, last_interaction_at)
      select ${openidSql('i')}, now(), now() from generate_series(1, ${n}) i where i % 3 <> 0 and i % 50 <> 1`),
  );
  // Those who unfollowed are still the account's users: user/info answers them subscribe 0, not 40003.
  await db.execute(
    sql.raw(`insert into sandbox_residents (openid, since)
      select ${openidSql('i')}, now() from generate_series(1, ${n}) i where i % 3 <> 0 and i % 50 = 1`),
  );
  await db.execute(
    sql.raw(`insert into sandbox_subscribe_credits (openid, template_id, remaining)
      select ${openidSql('i')}, '${SUBSCRIBE_TEMPLATE}', 1 from generate_series(1, ${n}) i where i % 3 = 0 and i % 10 <> 1`),
  );
  await settle(db, ['sandbox_followers', 'sandbox_residents', 'sandbox_subscribe_credits']);
}
