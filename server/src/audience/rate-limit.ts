import { lt, sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { queryRows, type Database } from '../db/database';
import { AppError } from '../errors';
import { apiRateLimits } from './tables';

/** Requests allowed per window to one key (an IP address or a user). */
export interface RateLimits {
  windowMs: number;
  perIp: number;
  perUser: number;
  /** Logins per IP: each one costs a jscode2session call against the app's daily quota. */
  loginsPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { windowMs: 60_000, perIp: 300, perUser: 60, loginsPerIp: 30 };

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `请求过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds });
  }
}

/**
 * Fixed-window counters in the database (table api_rate_limits), so every instance behind the load
 * balancer counts the same requests: one statement per request counts all its keys at once.
 */
export function createRateLimiter(deps: { db: Database; clock: Clock; limits?: Partial<RateLimits> }) {
  const { db, clock } = deps;
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.limits };
  return {
    limits,
    /** Counts one request against each key; throws RateLimitedError when any key is over its limit. */
    async hit(keys: ReadonlyArray<{ key: string; limit: number }>): Promise<void> {
      const now = clock.now().getTime();
      const windowStart = now - (now % limits.windowMs);
      const json = JSON.stringify(keys.map((k) => k.key));
      const rows = await queryRows<{ key: string; hits: number }>(
        db,
        sql`insert into api_rate_limits (key, window_start, hits)
            select k, ${new Date(windowStart).toISOString()}::timestamptz, 1 from json_array_elements_text(${json}::json) as k
            order by k
            on conflict (key, window_start) do update set hits = api_rate_limits.hits + 1
            returning key, hits`,
      );
      const over = keys.some((k) => (rows.find((r) => r.key === k.key)?.hits ?? 0) > k.limit);
      if (over) throw new RateLimitedError(Math.max(1, Math.ceil((windowStart + limits.windowMs - now) / 1000)));
    },
    /** Drops the counters of windows that have ended. */
    async prune(): Promise<number> {
      const now = clock.now().getTime();
      const deleted = await db
        .delete(apiRateLimits)
        .where(lt(apiRateLimits.windowStart, new Date(now - (now % limits.windowMs))))
        .returning({ key: apiRateLimits.key });
      return deleted.length;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
