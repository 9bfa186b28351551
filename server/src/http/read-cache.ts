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
 * move with the clock, not with writes.
 */
export function createReadCache(options: { ttlMs: number; maxEntries: number; now?: () => number }): ReadCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CachedResponse & { expires: number }>();
  const pending = new Map<string, Promise<CachedResponse>>();
  let epoch = 0;

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
      if (hit && hit.expires > now()) return hit;
      const inflight = pending.get(key);
      if (inflight) return inflight;
      const startedIn = epoch;
      const promise = compute()
        .then((value) => {
          const body = Buffer.from(JSON.stringify(value), 'utf8');
          const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, expires: now() + options.ttlMs };
          // A write during the computation may have made it stale: serve it to this request, keep it not.
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
    },
  };
}
