import { sql } from 'drizzle-orm';
import { createSendBudget } from '../src/pushes/send-budget';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** A wall clock the test moves; `sleep` moves it instead of waiting, and records how long was asked. */
function fakeTime() {
  let now = Date.parse('2026-12-02T02:00:00Z');
  const slept: number[] = [];
  return {
    wallClock: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    slept,
  };
}

describe('push send budget', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.db.execute(sql`delete from push_send_budget`);
  });

  it('when the bucket is full, then tokens come in grains of 25 ms of the rate, at most 50, until a second’s worth is spent', async () => {
    const time = fakeTime();
    const budget = createSendBudget({ db: db.db, perSecond: 2000, ...time });
    let taken = 0;
    for (let i = 0; i < 40; i++) taken += await budget.take(50);
    expect(taken).toBe(2000);
    expect(time.slept).toEqual([]);
    // Empty: the next grain waits for its 50 tokens (25 ms), without polling in between.
    expect(await budget.take(50)).toBe(50);
    expect(time.slept).toEqual([25]);
    expect(await createSendBudget({ db: db.db, perSecond: 100, ...time }).take(50)).toBe(2);
  });

  it('when fewer are wanted than a grain, then only those are taken', async () => {
    const budget = createSendBudget({ db: db.db, perSecond: 2000, ...fakeTime() });
    expect(await budget.take(3)).toBe(3);
  });

  it('when two instances share the bucket, then together they never exceed the rate plus one second’s burst', async () => {
    const time = fakeTime();
    const a = createSendBudget({ db: db.db, perSecond: 200, ...time });
    const b = createSendBudget({ db: db.db, perSecond: 200, ...time });
    const start = time.wallClock();
    let taken = 0;
    while (time.wallClock() - start < 3_000) taken += (await a.take(50)) + (await b.take(50));
    const seconds = (time.wallClock() - start) / 1000;
    expect(taken).toBeLessThanOrEqual(200 * seconds + 200);
    expect(taken).toBeGreaterThanOrEqual(200 * seconds);
  });
});
