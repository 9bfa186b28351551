import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import { queryRows, type Database } from '../../db/database';
import { WechatApiError } from './api-errors';
import { wechatTokens } from './tables';

export interface FetchedToken {
  accessToken: string;
  /** Remaining lifetime as WeChat reports it (stable_token may return ~300, not 7200: §1.6). */
  expiresInSeconds: number;
}

/**
 * Where access tokens are kept. `obtain` returns a usable token: the cached one, unless it is missing,
 * expired or equal to `rejected` (the token an API call just refused), in which case `fetchToken` runs
 * once for everyone sharing the store and the result is kept.
 */
export interface TokenStore {
  /** The cached token if it is still valid; a cheap read without any lock. */
  peek(appId: string): Promise<string | null>;
  obtain(appId: string, fetchToken: () => Promise<FetchedToken>, rejected?: string): Promise<string>;
}

/** Cache for the returned lifetime minus a margin of 10 %, at most 60 s, so no call leaves with a token about to lapse. */
export function cacheUntil(now: Date, expiresInSeconds: number): Date {
  const margin = Math.min(60, Math.floor(expiresInSeconds / 10));
  return new Date(now.getTime() + Math.max(0, expiresInSeconds - margin) * 1000);
}

export interface DbTokenStoreDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /**
   * How long a refresh may take before another caller may take it over: the client's worst case for
   * one stable_token fetch (timeout × attempts + backoff) plus a margin. A holder that crashed blocks
   * refreshes for at most this long.
   */
  leaseMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The table `wechat_tokens`, shared by every instance. No transaction or lock is held while WeChat is
 * called (on PGlite's single session that would stall every other query for the whole fetch):
 * 1. one atomic statement takes a lease on the appid's row, only if the stored token is missing,
 *    expired or the rejected one, and nobody else holds an unexpired lease;
 * 2. the holder fetches outside any transaction;
 * 3. a compare-and-set stores the new token and clears the lease only if the holder still owns it.
 * Everyone else re-reads the row every 50–200 ms until a new token appears, or takes the lease over
 * once it has expired. The old token stays until the new one replaces it, never leaving a gap (WxJava
 * #324). The lease runs on the database's clock, the one clock every instance shares.
 */
export function createDbTokenStore(deps: DbTokenStoreDeps): TokenStore {
  const { db, clock, leaseMs } = deps;
  const log = deps.logger.child({ module: 'wechat-token' });
  const usable = (row: { accessToken: string | null; expiresAt: Date | null } | undefined, rejected?: string): string | null =>
    row?.accessToken && row.expiresAt && row.expiresAt.getTime() > clock.now().getTime() && row.accessToken !== rejected ? row.accessToken : null;

  async function read(appId: string) {
    const [row] = await db.select({ accessToken: wechatTokens.accessToken, expiresAt: wechatTokens.expiresAt }).from(wechatTokens).where(eq(wechatTokens.appId, appId));
    return row;
  }

  /** True when this caller now holds the lease. The conditions are checked on the row's latest version, so two callers never both win. */
  async function takeLease(appId: string, owner: string, rejected: string | undefined): Promise<boolean> {
    const rows = await queryRows<{ app_id: string }>(
      db,
      sql`insert into wechat_tokens (app_id, refresh_owner, refresh_until)
          values (${appId}, ${owner}, now() + ${leaseMs}::integer * interval '1 millisecond')
          on conflict (app_id) do update set refresh_owner = excluded.refresh_owner, refresh_until = excluded.refresh_until
          where (wechat_tokens.refresh_until is null or wechat_tokens.refresh_until <= now())
            and (wechat_tokens.expires_at is null or wechat_tokens.expires_at <= ${clock.now().toISOString()}::timestamptz
                 or wechat_tokens.access_token = ${rejected ?? null}::text)
          returning app_id`,
    );
    return rows.length === 1;
  }

  async function refresh(appId: string, owner: string, fetchToken: () => Promise<FetchedToken>): Promise<string> {
    const ours = and(eq(wechatTokens.appId, appId), eq(wechatTokens.refreshOwner, owner));
    let fresh: FetchedToken;
    try {
      fresh = await fetchToken();
    } catch (err) {
      // Let the next caller try at once instead of waiting out the lease (which still ends it if this fails).
      await db
        .update(wechatTokens)
        .set({ refreshOwner: null, refreshUntil: null })
        .where(ours)
        .catch((releaseErr: unknown) => log.warn({ appId, err: releaseErr }, 'could not release the token refresh lease'));
      throw err;
    }
    const now = clock.now();
    const stored = await db
      .update(wechatTokens)
      .set({ accessToken: fresh.accessToken, expiresAt: cacheUntil(now, fresh.expiresInSeconds), fetchedAt: now, refreshOwner: null, refreshUntil: null })
      .where(ours)
      .returning({ appId: wechatTokens.appId });
    // The token is still good (stable_token hands every caller the same one); only the row belongs to the taker now.
    if (stored.length === 0) log.warn({ appId, leaseMs }, 'token fetch outlived its lease; another caller took over the refresh');
    return fresh.accessToken;
  }

  return {
    async peek(appId) {
      return usable(await read(appId));
    },
    async obtain(appId, fetchToken, rejected) {
      // Real time, not the injected clock: the lease it waits for runs on the database's clock.
      const started = performance.now();
      for (let polls = 0; ; polls += 1) {
        const owner = randomUUID();
        if (await takeLease(appId, owner, rejected)) return refresh(appId, owner, fetchToken);
        const current = usable(await read(appId), rejected);
        if (current !== null) return current;
        // Takeovers in a row (every holder slower than its lease) are the only way to get here.
        if (performance.now() - started > 2 * leaseMs) {
          throw new WechatApiError({ api: 'stable_token', kind: 'timeout', errmsg: `no token: another caller's refresh did not finish within ${2 * leaseMs} ms`, transient: true });
        }
        await sleep(Math.min(200, 50 * 1.5 ** polls));
      }
    },
  };
}

/** For one-shot processes (scripts/menu-sync.ts) that must not open the server's database. */
export function createMemoryTokenStore(deps: { clock: Clock }): TokenStore {
  const tokens = new Map<string, { accessToken: string; expiresAt: Date }>();
  const valid = (appId: string) => {
    const entry = tokens.get(appId);
    return entry && entry.expiresAt.getTime() > deps.clock.now().getTime() ? entry.accessToken : null;
  };
  return {
    peek: async (appId) => valid(appId),
    async obtain(appId, fetchToken, rejected) {
      const current = valid(appId);
      if (current !== null && current !== rejected) return current;
      const fresh = await fetchToken();
      tokens.set(appId, { accessToken: fresh.accessToken, expiresAt: cacheUntil(deps.clock.now(), fresh.expiresInSeconds) });
      return fresh.accessToken;
    },
  };
}
