import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { bigintArray, queryRows, textArray, type Database } from '../db/database';
import { loggableError, maskOpenId } from '../logger';
import { USER_INFO_BATCH_MAX, type UserInfo, type WechatClient } from '../wechat/client/api-client';
import { WECHAT_ERRCODES, WechatApiError } from '../wechat/client/api-errors';

/**
 * The unionid of official-account followers, from cgi-bin/user/info: what links a follower to the same
 * person's mini-program login (jscode2session gives that side its unionid), so a push reaches a person once.
 *
 * Looked up in the background, never while answering a resident (the 5-second reply window): every
 * scheduler tick asks for followers without one (new followers and first contacts within a minute, older
 * rows lazily), claimed in the database so that instances do not ask twice, at most `perRun` a tick.
 */
export interface UnionIdSettings {
  /** Followers looked up per run at most (batches of 100). */
  perRun: number;
  /** A claimed lookup that did not finish (crash, WeChat failing) is tried again after this. */
  retryMs: number;
  /** An account not bound to the open platform answers without unionids: ask again after this. */
  unboundRetryMs: number;
  /** An openid WeChat says is not the account's (40003): ask again after this. */
  invalidRetryMs: number;
}

export const DEFAULT_UNIONID_SETTINGS: UnionIdSettings = {
  perRun: 500,
  retryMs: 10 * 60_000,
  unboundRetryMs: 7 * 86_400_000,
  invalidRetryMs: 30 * 86_400_000,
};

export type UnionIdResolver = ReturnType<typeof createUnionIdResolver>;

export function createUnionIdResolver(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  oa: Pick<WechatClient, 'userInfo' | 'userInfoBatch'>;
  settings?: Partial<UnionIdSettings>;
}) {
  const { db, clock, oa } = deps;
  const settings = { ...DEFAULT_UNIONID_SETTINGS, ...deps.settings };
  const log = deps.logger.child({ module: 'unionids' });
  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  /** Up to `limit` followers due for a lookup, held for `retryMs` so that no other instance asks meanwhile. */
  async function claim(limit: number): Promise<{ id: number; openid: string }[]> {
    const now = clock.now().toISOString();
    const rows = await queryRows<{ id: string | number; openid: string }>(
      db,
      sql`update subscribers set unionid_lookup_at = ${later(settings.retryMs).toISOString()}::timestamptz
          where id in (
            select id from subscribers
            where channel = 'oa' and unionid is null and (unionid_lookup_at is null or unionid_lookup_at <= ${now}::timestamptz)
            order by unionid_lookup_at nulls first, id
            limit ${limit}
            for update skip locked
          )
          returning id, openid`,
    );
    return rows.map((r) => ({ id: Number(r.id), openid: r.openid }));
  }

  /**
   * Stores what a lookup found, for a whole batch in two statements (a tick asks for up to 500): the
   * unionids found, and when to ask again for those without one (`retryAfterMs`). Rows that got a unionid
   * meanwhile (a login linked them) are left alone. Returns how many unionids were stored.
   */
  async function settle(found: readonly { id: number; unionid: string }[], without: readonly number[], retryAfterMs: number): Promise<number> {
    let stored = 0;
    if (found.length > 0) {
      const rows = await queryRows<{ id: string | number }>(
        db,
        sql`update subscribers s set unionid = v.unionid, unionid_lookup_at = null
            from unnest(${bigintArray(found.map((f) => f.id))}, ${textArray(found.map((f) => f.unionid))}) as v(id, unionid)
            where s.id = v.id and s.unionid is null
            returning s.id`,
      );
      stored = rows.length;
    }
    if (without.length > 0) {
      await db.execute(
        sql`update subscribers set unionid_lookup_at = ${later(retryAfterMs).toISOString()}::timestamptz
            where id = any(${bigintArray(without)}) and unionid is null`,
      );
    }
    return stored;
  }

  /**
   * One batch: batchget, or one user/info per openid when the batch is refused for an openid that is not
   * the account's (40003 fails the whole batch), so one bad row does not hold up the others.
   */
  async function lookUp(batch: { id: number; openid: string }[]): Promise<number> {
    let infos: UserInfo[] | null = null;
    try {
      infos = batch.length === 1 ? [await oa.userInfo(batch[0]!.openid)] : await oa.userInfoBatch(batch.map((b) => b.openid));
    } catch (err) {
      if (!(err instanceof WechatApiError && err.errcode === WECHAT_ERRCODES.invalidOpenId)) throw err;
      if (batch.length === 1) {
        log.warn({ openid: maskOpenId(batch[0]!.openid) }, 'user/info: not an openid of this account');
        await settle([], [batch[0]!.id], settings.invalidRetryMs);
        return 0;
      }
    }
    if (infos === null) {
      let found = 0;
      for (const one of batch) found += await lookUp([one]);
      return found;
    }
    const byOpenid = new Map(infos.map((i) => [i.openid, i]));
    const found: { id: number; unionid: string }[] = [];
    const unbound: number[] = [];
    // An openid the answer left out stays claimed: asked again after `retryMs`.
    for (const b of batch) {
      const info = byOpenid.get(b.openid);
      if (info?.unionid) found.push({ id: b.id, unionid: info.unionid });
      else if (info) unbound.push(b.id);
    }
    return settle(found, unbound, settings.unboundRetryMs);
  }

  return {
    /**
     * Looks up the unionids of followers without one (at most `perRun`). A WeChat failure ends the run;
     * the rows it held are asked again after `retryMs`.
     */
    async resolvePending(): Promise<{ asked: number; found: number }> {
      let asked = 0;
      let found = 0;
      while (asked < settings.perRun) {
        const batch = await claim(Math.min(USER_INFO_BATCH_MAX, settings.perRun - asked));
        if (batch.length === 0) break;
        asked += batch.length;
        try {
          found += await lookUp(batch);
        } catch (err) {
          log.warn({ err: loggableError(err), batch: batch.length }, 'user/info failed; these followers are asked again later');
          break;
        }
      }
      if (asked > 0) log.info({ asked, found }, 'follower unionids looked up');
      return { asked, found };
    },
  };
}
