import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
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

/**
 * The table `wechat_tokens`, shared by every instance. A refresh runs inside a transaction holding an
 * advisory lock on the appid, and the cache is read again once the lock is held, so instances racing
 * for an expired token cause one stable_token call; the others wait and take the stored token. The old
 * row stays until the new token replaces it (a compare-and-replace), never leaving a gap (WxJava #324).
 * PGlite has one session and serialises transactions, which gives the same guarantee in one process.
 */
export function createDbTokenStore(deps: { db: Database; clock: Clock }): TokenStore {
  const { db, clock } = deps;
  const valid = (row: { expiresAt: Date } | undefined) => row !== undefined && row.expiresAt.getTime() > clock.now().getTime();

  return {
    async peek(appId) {
      const [row] = await db.select().from(wechatTokens).where(eq(wechatTokens.appId, appId));
      return valid(row) ? row!.accessToken : null;
    },
    async obtain(appId, fetchToken, rejected) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wechat_token:${appId}`}))`);
        const [row] = await tx.select().from(wechatTokens).where(eq(wechatTokens.appId, appId));
        if (valid(row) && row!.accessToken !== rejected) return row!.accessToken;
        const fresh = await fetchToken();
        const now = clock.now();
        const values = { accessToken: fresh.accessToken, expiresAt: cacheUntil(now, fresh.expiresInSeconds), fetchedAt: now };
        await tx
          .insert(wechatTokens)
          .values({ appId, ...values })
          .onConflictDoUpdate({ target: wechatTokens.appId, set: values });
        return fresh.accessToken;
      });
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
