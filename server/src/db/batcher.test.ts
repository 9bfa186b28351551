import { createBatcher } from './batcher';

describe('batcher', () => {
  it('when calls arrive in one tick, then they run as one batch and each caller gets its own result', async () => {
    const batches: number[][] = [];
    const double = createBatcher<number, number>({ maxBatch: 100, run: async (items) => (batches.push([...items]), items.map((i) => i * 2)) });
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('when more calls arrive than fit in a batch, then they are split at maxBatch', async () => {
    const sizes: number[] = [];
    const echo = createBatcher<number, number>({ maxBatch: 4, run: async (items) => (sizes.push(items.length), [...items]) });
    const all = Array.from({ length: 10 }, (_, i) => i);
    expect(await Promise.all(all.map(echo))).toEqual(all);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('when batches are in flight, then further calls wait and go together in the next one', async () => {
    const sizes: number[] = [];
    const releases: Array<() => void> = [];
    const echo = createBatcher<number, number>({
      maxBatch: 100,
      maxConcurrent: 1,
      run: (items) => new Promise((resolve) => (sizes.push(items.length), releases.push(() => resolve([...items])))),
    });
    const first = echo(0);
    await new Promise((r) => setImmediate(r));
    const later = [1, 2, 3].map(echo);
    await new Promise((r) => setImmediate(r));
    expect(sizes).toEqual([1]);
    releases[0]!();
    expect(await first).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    releases[1]!();
    expect(await Promise.all(later)).toEqual([1, 2, 3]);
    expect(sizes).toEqual([1, 3]);
  });

  it('when a batch fails, then every caller of that batch gets the error and later batches still run', async () => {
    let fail = true;
    const echo = createBatcher<number, number>({
      maxBatch: 100,
      run: async (items) => {
        if (fail) throw new Error('connection lost');
        return [...items];
      },
    });
    const results = await Promise.allSettled([1, 2].map(echo));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await echo(3)).toBe(3);
  });

  it('when run returns the wrong number of results, then the callers get an error instead of a wrong answer', async () => {
    const broken = createBatcher<number, number>({ maxBatch: 100, run: async () => [] });
    await expect(broken(1)).rejects.toThrow('batch of 1 returned 0 results');
  });
});

describe('batcher with linger', () => {
  it('when fewer calls than minBatch arrive, then they go together once the first has waited maxWaitMs', async () => {
    const batches: Array<{ size: number; at: number }> = [];
    const started = performance.now();
    const echo = createBatcher<number, number>({
      maxBatch: 100,
      linger: { minBatch: 5, maxWaitMs: 20 },
      run: async (items) => (batches.push({ size: items.length, at: performance.now() - started }), [...items]),
    });
    await echo(0); // after a quiet spell: at once, alone
    const first = echo(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await Promise.all([first, echo(2)])).toEqual([1, 2]);
    expect(batches.map((b) => b.size)).toEqual([1, 2]);
    expect(batches[0]!.at).toBeLessThan(15);
    // Timers fire to the millisecond, not below: well past an immediate flush, about maxWaitMs.
    expect(batches[1]!.at - batches[0]!.at).toBeGreaterThanOrEqual(15);
  });

  it('when a lone call follows a quiet spell, then it goes at once', async () => {
    const started = performance.now();
    let ranAt = 0;
    const echo = createBatcher<number, number>({
      maxBatch: 100,
      linger: { minBatch: 5, maxWaitMs: 1000 },
      run: async (items) => ((ranAt = performance.now() - started), [...items]),
    });
    expect(await echo(1)).toBe(1);
    expect(ranAt).toBeLessThan(500);
  });

  it('when minBatch calls are queued, then they go at once without waiting', async () => {
    const batches: Array<{ size: number; at: number }> = [];
    const started = performance.now();
    const echo = createBatcher<number, number>({
      maxBatch: 100,
      linger: { minBatch: 3, maxWaitMs: 1000 },
      run: async (items) => (batches.push({ size: items.length, at: performance.now() - started }), [...items]),
    });
    await echo(0);
    const first = echo(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await Promise.all([first, echo(2), echo(3)])).toEqual([1, 2, 3]);
    expect(batches.map((b) => b.size)).toEqual([1, 3]);
    expect(batches[1]!.at).toBeLessThan(500);
  });
});
