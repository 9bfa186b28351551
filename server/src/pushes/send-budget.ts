import { sql } from 'drizzle-orm';
import { preparedRows, type Database } from '../db/database';

/**
 * The send rate of every instance together: a token bucket in one database row, refilled at `perSecond`
 * up to one second's worth. Tokens are taken in grains of about 25 ms of the rate (at most 50), so the row
 * is written once per grain, not once per message, and the sends of a grain are begun together. Time is
 * wall time (not the business clock): it measures rate, not schedules.
 */
export interface SendBudget {
  /** Waits until a grain's worth of tokens (or `wanted`, if fewer) is free, then takes it; returns how many it took. */
  take(wanted: number): Promise<number>;
}

const BUCKET = 'push_send';
const GRAIN_SECONDS = 0.025;
const MAX_GRAIN = 50;

export function createSendBudget(deps: { db: Database; perSecond: number; wallClock?: () => number; sleep?: (ms: number) => Promise<void> }): SendBudget {
  const { db, perSecond } = deps;
  const wallClock = deps.wallClock ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, perSecond);
  const grain = Math.max(1, Math.min(MAX_GRAIN, Math.floor(perSecond * GRAIN_SECONDS)));

  /** Takes `want` tokens if that many are free, in one statement (the row lock orders instances); returns what it took and what was free. */
  async function grant(want: number): Promise<{ granted: number; available: number } | null> {
    const now = new Date(wallClock()).toISOString();
    const [row] = await preparedRows<{ granted: number; available: number }>(
      db,
      'push_send_budget_take',
      sql`with bucket as (
            select least(${capacity}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at))) * ${perSecond}::float8) as available
            from push_send_budget where name = ${BUCKET} for update
          ), taken as (
            select available, case when available >= ${want} then ${want} else 0 end as granted from bucket
          )
          update push_send_budget b set tokens = t.available - t.granted, refilled_at = greatest(b.refilled_at, ${now}::timestamptz)
          from taken t where b.name = ${BUCKET}
          returning t.granted::float8 as granted, t.available::float8 as available`,
    );
    return row ? { granted: Number(row.granted), available: Number(row.available) } : null;
  }

  return {
    async take(wanted) {
      const want = Math.max(1, Math.min(wanted, grain));
      for (;;) {
        const result = await grant(want);
        if (result === null) {
          await db.execute(sql`insert into push_send_budget (name, tokens, refilled_at) values (${BUCKET}, ${capacity}, ${new Date(wallClock()).toISOString()}::timestamptz) on conflict (name) do nothing`);
          continue;
        }
        if (result.granted > 0) return result.granted;
        // Until the missing tokens have been refilled: no polling of the row meanwhile.
        await sleep(Math.max(1, Math.ceil(((want - result.available) * 1000) / perSecond)));
      }
    },
  };
}
