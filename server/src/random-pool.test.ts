import { createRandomPool } from './random-pool';

describe('createRandomPool', () => {
  it('hands out the bytes asked for, different each time, refilling when the pool runs out', () => {
    const random = createRandomPool(64);
    const seen = new Set<string>();
    // 100 draws of 24 bytes go through the 64-byte pool many times.
    for (let i = 0; i < 100; i++) {
      const bytes = random(24);
      expect(bytes).toHaveLength(24);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(100);
  });

  it('refuses more bytes than the pool holds', () => {
    expect(() => createRandomPool(16)(17)).toThrow(RangeError);
  });
});
