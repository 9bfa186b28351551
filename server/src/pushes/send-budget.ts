import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';

/**
 * The send rate of every instance together: a token bucket in one database row, refilled at `perSecond`
 * up to one second's worth. Tokens are taken in small batches, so the row is written once per batch, not
 * once per message. Time is wall time (not the business clock): it measures rate, not schedules.
 */
export interface SendBudget {
  /** Waits until at least one token is free, then takes up to `wanted`; returns how many it took. */
  take(wanted: number): Promise<number>;
}

const BUCKET = 'push_send';

export function createSendBudget(deps: { db: Database; perSecond: number; wallClock?: () => number; sleep?: (ms: number) => Promise<void> }): SendBudget {
  const { db, perSecond } = deps;
  const wallClock = deps.wallClock ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, perSecond);

  async function grant(wanted: number): Promise<number> {
    const now = new Date(wallClock()).toISOString();
    return db.transaction(async (tx) => {
      await tx.execute(sql`insert into push_send_budget (name, tokens, refilled_at) values (${BUCKET}, ${capacity}, ${now}::timestamptz) on conflict (name) do nothing`);
      const [row] = await queryRows<{ available: number }>(
        tx as unknown as Database,
        sql`select least(${capacity}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at))) * ${perSecond}::float8) as available
            from push_send_budget where name = ${BUCKET} for update`,
      );
      const available = Number(row!.available);
      const granted = Math.min(wanted, Math.floor(available));
      await tx.execute(
        sql`update push_send_budget set tokens = ${available - granted}, refilled_at = greatest(refilled_at, ${now}::timestamptz) where name = ${BUCKET}`,
      );
      return granted;
    });
  }

  return {
    async take(wanted) {
      for (;;) {
        const granted = await grant(wanted);
        if (granted > 0) return granted;
        await sleep(Math.max(1, Math.ceil(1000 / perSecond)));
      }
    },
  };
}
