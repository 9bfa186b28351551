import { randomFillSync } from 'node:crypto';

/**
 * Random bytes handed out from a buffer refilled in bulk (cryptographically strong, like randomBytes):
 * randomBytes for a few bytes is a call into OpenSSL each time (~5 µs, with a getpid system call), which
 * thousands of messages a second notice.
 */
export function createRandomPool(poolBytes = 4096): (n: number) => Buffer {
  const pool = Buffer.allocUnsafe(poolBytes);
  let used = pool.length; // filled on first use
  return (n) => {
    if (n > pool.length) throw new RangeError(`at most ${pool.length} bytes at a time`);
    if (used + n > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    used += n;
    // A view, copied by the caller before the next call can refill the pool.
    return pool.subarray(used - n, used);
  };
}
