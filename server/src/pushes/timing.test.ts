import { DEFAULT_QUIET_HOURS, nextBeijingMidnight, parseQuietHours, quietUntil, retryDelayMs } from './timing';

describe('quiet hours in Beijing time', () => {
  it('when it is 23:30 in Beijing, then sending waits until 08:00 the next morning', () => {
    expect(quietUntil(new Date('2026-11-27T23:30:00+08:00'), DEFAULT_QUIET_HOURS)?.toISOString()).toBe(new Date('2026-11-28T08:00:00+08:00').toISOString());
  });

  it('when it is 06:00 in Beijing, then sending waits until 08:00 the same morning', () => {
    expect(quietUntil(new Date('2026-11-28T06:00:00+08:00'), DEFAULT_QUIET_HOURS)?.toISOString()).toBe(new Date('2026-11-28T08:00:00+08:00').toISOString());
  });

  it('when it is 08:00 or 21:59 in Beijing, then it is not quiet', () => {
    expect(quietUntil(new Date('2026-11-28T08:00:00+08:00'), DEFAULT_QUIET_HOURS)).toBeNull();
    expect(quietUntil(new Date('2026-11-28T21:59:00+08:00'), DEFAULT_QUIET_HOURS)).toBeNull();
  });

  it('when quiet hours do not span midnight (12:00-13:00), then only that hour is quiet', () => {
    const lunch = parseQuietHours('12:00-13:00');
    expect(quietUntil(new Date('2026-11-28T12:30:00+08:00'), lunch)?.toISOString()).toBe(new Date('2026-11-28T13:00:00+08:00').toISOString());
    expect(quietUntil(new Date('2026-11-28T23:30:00+08:00'), lunch)).toBeNull();
  });

  it('when quiet hours are "off" or malformed, then there are none or the setting is refused', () => {
    expect(parseQuietHours('off')).toBeNull();
    expect(() => parseQuietHours('22-8')).toThrow(RangeError);
    expect(() => parseQuietHours('24:00-08:00')).toThrow(RangeError);
    expect(() => parseQuietHours('08:00-08:00')).toThrow(/different times/);
  });
});

describe('the daily quota reset', () => {
  it('when it is 23:59 on the 27th in Beijing (15:59 UTC), then the quota resets at Beijing midnight of the 28th', () => {
    expect(nextBeijingMidnight(new Date('2026-11-27T23:59:00+08:00')).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });
});

describe('retry delays', () => {
  it('when retries repeat, then the delay doubles up to the ceiling with at most half of it random', () => {
    const policy = { baseMs: 1000, maxMs: 8000 };
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(3, policy, () => 1)).toBe(4000);
    expect(retryDelayMs(10, policy, () => 0.5)).toBe(6000);
  });
});
