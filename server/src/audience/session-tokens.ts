import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { desc, inArray } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { mpSessionKeys } from './tables';

export interface SessionTokenOptions {
  /** How long a token is valid; the mini-program logs in again (wx.login) after it. */
  ttlMs: number;
  /** How long signing keys are cached before the newest is read again (a rotation by another instance). */
  keyRefreshMs: number;
}

export const DEFAULT_SESSION_TOKENS: SessionTokenOptions = { ttlMs: 24 * 3600_000, keyRefreshMs: 5 * 60_000 };

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export type VerifiedToken = { ok: true; subscriberId: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

interface Payload {
  /** key id */
  k: number;
  /** subscriber id */
  s: number;
  /** expiry, seconds since the epoch */
  e: number;
}

const TOKEN = /^([A-Za-z0-9_-]{10,200})\.([A-Za-z0-9_-]{43})$/;

/**
 * Session tokens of mini-program users: `base64url(payload).base64url(HMAC-SHA256)`. The keys live in the
 * database (table mp_session_keys), so every instance verifies what another issued and no deployment
 * setting is needed; `rotate()` adds a key that signs from then on while older keys still verify until
 * `prune` drops those whose tokens have all expired.
 */
export function createSessionTokens(deps: { db: Database; clock: Clock; options?: Partial<SessionTokenOptions> }) {
  const { db, clock } = deps;
  const options = { ...DEFAULT_SESSION_TOKENS, ...deps.options };
  let keys = new Map<number, Buffer>();
  let newest: number | null = null;
  let loadedAt = -Infinity;

  async function load(): Promise<void> {
    const rows = await db.select().from(mpSessionKeys).orderBy(desc(mpSessionKeys.id));
    keys = new Map(rows.map((r) => [r.id, Buffer.from(r.secret, 'base64')]));
    newest = rows[0]?.id ?? null;
    loadedAt = clock.now().getTime();
  }

  async function addKey(): Promise<void> {
    await db.insert(mpSessionKeys).values({ secret: randomBytes(32).toString('base64'), createdAt: clock.now() });
    await load();
  }

  async function signingKey(): Promise<number> {
    if (newest === null || clock.now().getTime() - loadedAt >= options.keyRefreshMs) await load();
    // Two instances starting together may both add a first key: harmless, the newest signs, both verify.
    if (newest === null) await addKey();
    return newest!;
  }

  const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();

  return {
    async issue(subscriberId: number): Promise<IssuedToken> {
      const k = await signingKey();
      const expiresAt = new Date(clock.now().getTime() + options.ttlMs);
      const payload: Payload = { k, s: subscriberId, e: Math.floor(expiresAt.getTime() / 1000) };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { token: `${body}.${mac(keys.get(k)!, body).toString('base64url')}`, expiresAt };
    },

    async verify(token: string): Promise<VerifiedToken> {
      const m = TOKEN.exec(token);
      if (!m) return { ok: false, reason: 'malformed' };
      let payload: Payload;
      try {
        payload = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as Payload;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (payload === null || typeof payload !== 'object' || !Number.isSafeInteger(payload.k) || !Number.isSafeInteger(payload.s) || !Number.isSafeInteger(payload.e)) {
        return { ok: false, reason: 'malformed' };
      }
      // A key another instance added since this one last looked.
      if (!keys.has(payload.k) && payload.k > (newest ?? 0)) await load();
      const key = keys.get(payload.k);
      if (!key) return { ok: false, reason: 'bad_signature' };
      const expected = mac(key, m[1]!);
      const given = Buffer.from(m[2]!, 'base64url');
      // timingSafeEqual throws on unequal lengths; the length of a MAC is no secret.
      if (given.length !== expected.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
      if (payload.e * 1000 <= clock.now().getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, subscriberId: payload.s };
    },

    /** A new signing key; tokens signed with the older ones stay valid until they expire. */
    rotate: (): Promise<void> => addKey(),

    /** Drops keys replaced more than a token's lifetime ago: nothing they signed is valid any more. */
    async prune(): Promise<number> {
      const rows = await db.select({ id: mpSessionKeys.id, createdAt: mpSessionKeys.createdAt }).from(mpSessionKeys).orderBy(desc(mpSessionKeys.id));
      const now = clock.now().getTime();
      // rows[i - 1] replaced rows[i]: it signs every token issued after it was created.
      const retired = rows.filter((_, i) => i > 0 && rows[i - 1]!.createdAt.getTime() + options.ttlMs <= now).map((r) => r.id);
      if (retired.length > 0) await db.delete(mpSessionKeys).where(inArray(mpSessionKeys.id, retired));
      await load();
      return retired.length;
    },
  };
}

export type SessionTokens = ReturnType<typeof createSessionTokens>;
