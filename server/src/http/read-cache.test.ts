import { createReadCache } from './read-cache';

describe('read cache', () => {
  it('when many requests miss at once, then the value is computed once', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 10 });
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return { a: 1 };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', compute)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.etag)).size).toBe(1);
    expect(results[0]!.body.toString()).toBe('{"a":1}');
  });

  it('when content is invalidated during a computation, then that stale result is not kept', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 10 });
    let release!: () => void;
    const slow = cache.get('k', () => new Promise((r) => (release = () => r({ v: 'old' }))));
    cache.invalidate();
    release();
    expect((await slow).body.toString()).toBe('{"v":"old"}');
    expect((await cache.get('k', async () => ({ v: 'new' }))).body.toString()).toBe('{"v":"new"}');
  });

  it('when an entry is older than its ttl, then it is served once more while one refresh runs, and the refresh serves the rest', async () => {
    let t = 0;
    const cache = createReadCache({ ttlMs: 100, maxEntries: 10, now: () => t });
    await cache.get('k', async () => 1);
    t = 99;
    expect((await cache.get('k', async () => 2)).body.toString()).toBe('1');
    t = 100;
    let release: () => void = () => {};
    let refreshes = 0;
    const slowRefresh = () => {
      refreshes++;
      return new Promise<number>((resolve) => (release = () => resolve(3)));
    };
    expect((await cache.get('k', slowRefresh)).body.toString()).toBe('1');
    expect((await cache.get('k', slowRefresh)).body.toString()).toBe('1');
    expect(refreshes).toBe(1);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.get('k', async () => 4)).body.toString()).toBe('3');
  });

  it('when an entry is older than its ttl plus the stale window, then callers wait for a fresh value', async () => {
    let t = 0;
    const cache = createReadCache({ ttlMs: 100, staleMs: 50, maxEntries: 10, now: () => t });
    await cache.get('k', async () => 1);
    t = 150;
    expect((await cache.get('k', async () => 2)).body.toString()).toBe('2');
  });

  it('when a background refresh fails, then the stale entry stays until its window ends and the error then reaches the caller', async () => {
    let t = 0;
    const cache = createReadCache({ ttlMs: 100, staleMs: 50, maxEntries: 10, now: () => t });
    await cache.get('k', async () => 1);
    t = 120;
    expect((await cache.get('k', async () => Promise.reject(new Error('db down')))).body.toString()).toBe('1');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await cache.get('k', async () => Promise.reject(new Error('db down')))).body.toString()).toBe('1');
    t = 150;
    await expect(cache.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  });

  it('when content is invalidated, then an expired entry is not served stale', async () => {
    let t = 0;
    const cache = createReadCache({ ttlMs: 100, maxEntries: 10, now: () => t });
    await cache.get('k', async () => 1);
    t = 120;
    cache.invalidate();
    expect((await cache.get('k', async () => 2)).body.toString()).toBe('2');
  });

  it('when a TTL jitter is set, then each entry expires after its own share of the TTL, never later than the TTL', async () => {
    let t = 0;
    const draws = [0, 0.5, 1];
    const cache = createReadCache({ ttlMs: 100, ttlJitter: 0.2, maxEntries: 10, now: () => t, random: () => draws.shift() ?? 0 });
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    const refreshed: string[] = [];
    const touch = async (...keys: string[]) => {
      for (const k of keys) await cache.get(k, async () => (refreshed.push(k), k));
    };
    t = 79;
    await touch('a', 'b', 'c');
    expect(refreshed).toEqual([]);
    t = 81;
    await touch('a', 'b', 'c');
    expect(refreshed).toEqual(['c']); // 100 × (1 − 0.2 × 1)
    t = 91;
    await touch('a', 'b');
    expect(refreshed).toEqual(['c', 'b']); // 100 × (1 − 0.2 × 0.5)
    t = 101;
    await touch('a');
    expect(refreshed).toEqual(['c', 'b', 'a']);
  });

  it('keeps at most maxEntries, evicting the oldest', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => 'A')).body.toString()).toBe('"A"');
  });

  it('does not keep a failed computation', async () => {
    const cache = createReadCache({ ttlMs: 1000, maxEntries: 10 });
    await expect(cache.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await cache.get('k', async () => 'ok')).body.toString()).toBe('"ok"');
  });
});
