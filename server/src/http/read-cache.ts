import { createHash } from 'node:crypto';

export interface CachedResponse {
  /** UTF-8 JSON, kept as bytes so each hit is written without measuring and encoding the text again. */
  body: Buffer;
  etag: string;
}

export interface ReadCache {
  /** The cached response for `key`, computing it once even when many requests miss at the same time. */
  get(key: string, compute: () => Promise<unknown>): Promise<CachedResponse>;
  /** Drops everything, e.g. after content was written here or another instance's write was noticed. */
  invalidate(): void;
  readonly size: number;
}

/**
 * Serialised responses of published content, which is read far more often than it changes. Entries
 * expire after `ttlMs` as well, because derived fields (recruitment status, the current wage standard)
 * move with the clock, not with writes. For `staleMs` after that, an expired entry is still served while
 * one refresh runs in the background: otherwise every request for it waited on the database at each
 * expiry, which at 1,000 WeChat pushes a second was the slowest moment of the minute. Writes
 * (`invalidate`) drop entries outright: content an editor changed is never served stale.
 */
export function createReadCache(options: {
  ttlMs: number;
  maxEntries: number;
  staleMs?: number;
  /**
   * Each entry's TTL is shortened by a random share up to this (0–1), so entries filled together (the
   * WeChat answers, at the first pushes after a start) do not all refresh at the same moment: on PGlite a
   * refresh holds the event loop for its queries. Default 0.
   */
  ttlJitter?: number;
  now?: () => number;
  random?: () => number;
}): ReadCache {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const staleMs = options.staleMs ?? options.ttlMs;
  const ttlFor = () => options.ttlMs * (1 - (options.ttlJitter ?? 0) * random());
  const entries = new Map<string, CachedResponse & { expires: number }>();
  const pending = new Map<string, Promise<CachedResponse>>();
  let epoch = 0;

  function refresh(key: string, compute: () => Promise<unknown>): Promise<CachedResponse> {
    const inflight = pending.get(key);
    if (inflight) return inflight;
    const startedIn = epoch;
    const promise = compute()
      .then((value) => {
        const body = Buffer.from(JSON.stringify(value), 'utf8');
        const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, expires: now() + ttlFor() };
        if (startedIn === epoch) {
          if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
          entries.delete(key);
          entries.set(key, entry);
        }
        return entry;
      })
      .finally(() => {
        if (pending.get(key) === promise) pending.delete(key);
      });
    pending.set(key, promise);
    return promise;
  }

  return {
    get size() {
      return entries.size;
    },
    invalidate() {
      entries.clear();
      pending.clear();
      epoch++;
    },
    async get(key, compute) {
      const hit = entries.get(key);
      const t = now();
      if (hit && hit.expires > t) return hit;
      if (hit && hit.expires + staleMs > t) {
        // A failed refresh leaves the stale entry; a caller after staleMs computes and sees the error.
        refresh(key, compute).catch(() => undefined);
        return hit;
      }
      return refresh(key, compute);
    },
  };
}
