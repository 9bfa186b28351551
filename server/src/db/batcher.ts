/**
 * Group commit: calls made while the event loop is busy (one tick, or while earlier batches are still
 * running) go to the database as one statement. Each statement costs far more than each extra row in it,
 * most of all on PGlite, which runs one query at a time on the main thread (research/storage.md §5).
 */
export interface BatcherOptions<In, Out> {
  /** Most items in one `run`. */
  maxBatch: number;
  /** Most `run`s in flight at once; items queue meanwhile and go in the next batch. Default 1. */
  maxConcurrent?: number;
  /**
   * Holds a batch back until it has `minBatch` items or its first item has waited `maxWaitMs`: under load
   * batches then grow (fewer statements per item). A call that follows a quiet spell (no call in the last
   * `maxWaitMs`) does not wait: company is not coming. Default: none, a batch goes as soon as the event
   * loop is free.
   */
  linger?: { minBatch: number; maxWaitMs: number };
  /** Runs one batch; returns one result per item, in the order of `items`. */
  run(items: readonly In[]): Promise<Out[]>;
}

export type Batcher<In, Out> = (item: In) => Promise<Out>;

export function createBatcher<In, Out>(options: BatcherOptions<In, Out>): Batcher<In, Out> {
  const maxConcurrent = options.maxConcurrent ?? 1;
  const queue: Array<{ item: In; resolve: (out: Out) => void; reject: (err: unknown) => void; at: number; afterQuiet: boolean }> = [];
  let lastCallAt = -Infinity;
  let running = 0;
  let scheduled = false;
  let lingering: NodeJS.Timeout | null = null;

  /** ms the head of the queue should still wait for company; 0 = go now. */
  function lingerFor(): number {
    const linger = options.linger;
    if (!linger || queue.length >= linger.minBatch || queue[0]!.afterQuiet) return 0;
    return Math.max(0, linger.maxWaitMs - (performance.now() - queue[0]!.at));
  }

  function schedule(): void {
    if (lingering && lingerFor() === 0) {
      clearTimeout(lingering);
      lingering = null;
      scheduled = false;
    }
    if (scheduled || running >= maxConcurrent || queue.length === 0) return;
    scheduled = true;
    const wait = lingerFor();
    if (wait > 0) {
      lingering = setTimeout(flush, wait);
      return;
    }
    // setImmediate, not a microtask: requests whose bytes arrived in the same poll phase join this batch.
    setImmediate(flush);
  }

  function flush(): void {
    scheduled = false;
    lingering = null;
    while (running < maxConcurrent && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      running++;
      void Promise.resolve()
        .then(() => options.run(batch.map((b) => b.item)))
        .then((outs) => {
          if (outs.length !== batch.length) throw new Error(`batch of ${batch.length} returned ${outs.length} results`);
          batch.forEach((b, i) => b.resolve(outs[i]!));
        })
        .catch((err: unknown) => batch.forEach((b) => b.reject(err)))
        .finally(() => {
          running--;
          schedule();
        });
    }
  }

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      const at = performance.now();
      queue.push({ item, resolve, reject, at, afterQuiet: at - lastCallAt > (options.linger?.maxWaitMs ?? 0) });
      lastCallAt = at;
      schedule();
    });
}
