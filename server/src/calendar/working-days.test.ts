import { CALENDAR_SEED, type CalendarYear } from './holidays';
import {
  CalendarDataError,
  CalendarYearNotLoadedError,
  InvalidCalendarDateError,
  WorkingDayCalendar,
  createWorkingDayCalendar,
  validateCalendarYear,
} from './working-days';

const cal = createWorkingDayCalendar(CALENDAR_SEED);

/** Date helpers for the tests only, independent of the module's day-number arithmetic. */
const nextDate = (d: string): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
};
const prevDate = (d: string): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};
const weekdayOf = (d: string): number => new Date(`${d}T00:00:00Z`).getUTCDay();
const datesFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDate(d)) out.push(d);
  return out;
};

/** Naive reference straight from the seed rows. */
const seedRows = CALENDAR_SEED.flatMap((y) => y.days);
const refHoliday = new Set(seedRows.filter((r) => r.kind === 'holiday').map((r) => r.date));
const refWorkday = new Set(seedRows.filter((r) => r.kind === 'workday').map((r) => r.date));
const refIsWorking = (d: string): boolean =>
  refWorkday.has(d) || (!refHoliday.has(d) && weekdayOf(d) !== 0 && weekdayOf(d) !== 6);

const ALL_DAYS = datesFrom('2025-01-01', '2026-12-31');

describe('push-cms.md §4.5 test vectors', () => {
  it.each([
    ['2025-09-30', 3, '2025-10-11'], // across the 8-day 国庆, due on a 调休 Saturday
    ['2025-04-30', 3, '2025-05-08'], // across 劳动节
    ['2025-12-31', 3, '2026-01-06'], // across years; 2026-01-04 (Sun) is a workday
    ['2026-02-13', 3, '2026-02-25'], // 2/14 (Sat) workday, then the 9-day 春节
    ['2026-09-18', 3, '2026-09-22'], // 9/20 (Sun) makeup workday
    ['2025-01-20', 20, '2025-02-21'], // 依申请公开 base period across 春节
    ['2025-01-20', 40, '2025-03-21'], // base + maximum extension
    ['2025-03-20', 20, '2025-04-18'], // 补正 restart; 清明 4/4 is a Friday
  ])('%s + %i working days = %s', (start, n, due) => {
    expect(cal.addWorkingDays(start, n)).toBe(due);
    expect(cal.workingDaysBetween(start, due)).toBe(n);
  });

  it('does not depend on the host time zone', () => {
    /* eslint-disable n/no-process-env -- the test changes the host time zone on purpose */
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        expect(cal.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
        expect(cal.addWorkingDays('2025-12-31', 3)).toBe('2026-01-06');
        expect(cal.isWorkingDay('2026-01-04')).toBe(true);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    /* eslint-enable n/no-process-env */
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-01', false], // 元旦 (Wed)
    ['2025-01-28', false], // 除夕 (Tue)
    ['2025-02-01', false], // Saturday inside 春节
    ['2025-10-08', false], // last day of 国庆+中秋 (Wed)
    ['2026-02-23', false], // last day of 春节 (Mon)
    ['2026-04-06', false], // 清明 (Mon)
    ['2026-09-25', false], // 中秋 (Fri)
    ['2025-01-26', true], // 调休 Sunday
    ['2025-02-08', true], // 调休 Saturday
    ['2025-04-27', true], // 调休 Sunday
    ['2025-09-28', true], // 调休 Sunday
    ['2025-10-11', true], // 调休 Saturday
    ['2026-01-04', true], // 调休 Sunday
    ['2026-02-14', true], // 调休 Saturday
    ['2026-02-28', true], // 调休 Saturday
    ['2026-05-09', true], // 调休 Saturday
    ['2026-09-20', true], // 调休 Sunday
    ['2026-10-10', true], // 调休 Saturday
    ['2025-03-15', false], // ordinary Saturday
    ['2025-03-16', false], // ordinary Sunday
    ['2025-03-17', true], // ordinary Monday
    ['2026-12-31', true], // ordinary Thursday
  ])('%s → %s', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it('matches a naive reference on every day of 2025–2026', () => {
    for (const d of ALL_DAYS) expect([d, cal.isWorkingDay(d)]).toEqual([d, refIsWorking(d)]);
  });

  it('counts the expected number of working days per year', () => {
    // 2025: 261 weekdays − 18 weekday holidays + 5 makeup = 248; 2026: 261 − 19 + 6 = 248.
    expect(ALL_DAYS.filter((d) => d.startsWith('2025') && cal.isWorkingDay(d))).toHaveLength(248);
    expect(ALL_DAYS.filter((d) => d.startsWith('2026') && cal.isWorkingDay(d))).toHaveLength(248);
  });
});

describe('addWorkingDays', () => {
  it('never counts the start day and lands on makeup Saturdays/Sundays', () => {
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26'); // Fri → 调休 Sun
    expect(cal.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08'); // Fri → 调休 Sat
    expect(cal.addWorkingDays('2026-02-27', 1)).toBe('2026-02-28'); // Fri → 调休 Sat
    expect(cal.addWorkingDays('2026-05-08', 1)).toBe('2026-05-09'); // Fri → 调休 Sat
    expect(cal.addWorkingDays('2025-03-17', 1)).toBe('2025-03-18'); // working start day is skipped
    expect(cal.addWorkingDays('2025-03-15', 1)).toBe('2025-03-17'); // Sat → Mon
    expect(cal.addWorkingDays('2025-01-27', 1)).toBe('2025-02-05'); // eve of 春节 → first day after
  });

  it('returns the start date for n = 0 and rejects negative or non-integer n', () => {
    expect(cal.addWorkingDays('2025-02-01', 0)).toBe('2025-02-01');
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => cal.addWorkingDays('2025-03-17', n)).toThrow(RangeError);
    }
  });

  it('handles a few hundred working days', () => {
    expect(cal.addWorkingDays('2025-01-01', 248)).toBe('2025-12-31');
    // 1 January is a holiday in both years, so it does not matter that it is not counted.
    expect(cal.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(248);
    expect(cal.addWorkingDays('2025-01-01', 496)).toBe('2026-12-31');
  });
});

describe('workingDaysBetween', () => {
  it('is 0 when to ≤ from and counts from < d ≤ to', () => {
    expect(cal.workingDaysBetween('2025-03-17', '2025-03-17')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-18', '2025-03-17')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-17', '2025-03-18')).toBe(1);
    expect(cal.workingDaysBetween('2025-03-14', '2025-03-16')).toBe(0); // Fri → Sun
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-10')).toBe(2); // 10/9, 10/10
  });

  it('is consistent with addWorkingDays for every start date in 2025–2026', () => {
    for (const start of ALL_DAYS) {
      for (const n of [0, 1, 2, 3, 7, 20, 40]) {
        let due: string;
        try {
          due = cal.addWorkingDays(start, n);
        } catch (e) {
          // Late-2026 starts whose count runs into 2027 must be refused, nothing else.
          expect(e).toBeInstanceOf(CalendarYearNotLoadedError);
          expect((e as CalendarYearNotLoadedError).year).toBe(2027);
          continue;
        }
        expect(cal.workingDaysBetween(start, due)).toBe(n);
        if (n > 0) {
          expect(due > start).toBe(true);
          expect(cal.isWorkingDay(due)).toBe(true);
          // due is the first date reaching n: the day before it has only n − 1.
          expect(cal.workingDaysBetween(start, prevDate(due))).toBe(n - 1);
        }
      }
    }
  });
});

describe('unloaded years', () => {
  const expectNotLoaded = (fn: () => unknown, year: number): void => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarYearNotLoadedError);
      expect(e).toBeInstanceOf(Error);
      expect((e as CalendarYearNotLoadedError).year).toBe(year);
      expect((e as Error).message).toBe(`${year} 年的节假日安排尚未录入,无法计算工作日`);
      return;
    }
    throw new Error('expected CalendarYearNotLoadedError');
  };

  it('lists the loaded years', () => {
    expect(cal.loadedYears()).toEqual([2025, 2026]);
  });

  it('refuses 2024 and 2027 dates', () => {
    expectNotLoaded(() => cal.isWorkingDay('2024-12-31'), 2024);
    expectNotLoaded(() => cal.isWorkingDay('2027-01-04'), 2027);
    expectNotLoaded(() => cal.addWorkingDays('2024-12-31', 1), 2024);
    expectNotLoaded(() => cal.addWorkingDays('2027-01-01', 0), 2027);
    expectNotLoaded(() => cal.workingDaysBetween('2024-12-31', '2025-01-10'), 2024);
    expectNotLoaded(() => cal.workingDaysBetween('2026-12-01', '2027-01-10'), 2027);
    expectNotLoaded(() => cal.workingDaysBetween('2027-01-10', '2026-12-01'), 2027);
  });

  it('refuses a count that walks into an unloaded year', () => {
    expect(cal.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expectNotLoaded(() => cal.addWorkingDays('2026-12-30', 2), 2027);
    expectNotLoaded(() => cal.addWorkingDays('2026-12-01', 40), 2027);
  });

  it('refuses a gap year between loaded years', () => {
    const y2025 = CALENDAR_SEED.find((y) => y.year === 2025)!;
    const gappy = new WorkingDayCalendar([y2025, { year: 2027, source: 'test', days: [] }]);
    expect(gappy.loadedYears()).toEqual([2025, 2027]);
    expectNotLoaded(() => gappy.addWorkingDays('2025-12-30', 5), 2026);
    expectNotLoaded(() => gappy.workingDaysBetween('2025-12-30', '2027-01-05'), 2026);
  });
});

describe('date validation', () => {
  it.each([
    '2025-1-5',
    '2025/01/05',
    '20250105',
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-01-05T00:00:00Z',
    ' 2025-01-05',
    '',
    '0025-01-05',
  ])('rejects %j', (bad) => {
    expect(() => cal.isWorkingDay(bad)).toThrow(InvalidCalendarDateError);
    expect(() => cal.addWorkingDays(bad, 1)).toThrow(InvalidCalendarDateError);
    expect(() => cal.workingDaysBetween(bad, '2025-03-17')).toThrow(InvalidCalendarDateError);
    expect(() => cal.workingDaysBetween('2025-03-17', bad)).toThrow(InvalidCalendarDateError);
  });

  it('accepts a real leap day (and then refuses its unloaded year)', () => {
    expect(() => cal.isWorkingDay('2028-02-29')).toThrow(CalendarYearNotLoadedError);
  });
});

describe('calendar data (CALENDAR_SEED)', () => {
  const periodLengths: Record<number, Record<string, number>> = {
    2025: { 元旦: 1, 春节: 8, 清明节: 3, 劳动节: 5, 端午节: 3, '国庆节、中秋节': 8 },
    2026: { 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 },
  };
  const makeupDays: Record<number, string[]> = {
    2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  };

  it('has 2025 and 2026, each valid and with its State Council notice', () => {
    expect(CALENDAR_SEED.map((y) => y.year)).toEqual([2025, 2026]);
    expect(CALENDAR_SEED.find((y) => y.year === 2025)?.source).toBe('国办发明电〔2024〕12号');
    for (const y of CALENDAR_SEED) {
      expect(y.source).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
      expect(validateCalendarYear(y)).toEqual([]);
    }
  });

  it('lists no date twice and every row lies in its year', () => {
    const dates = seedRows.map((r) => r.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const y of CALENDAR_SEED) for (const r of y.days) expect(r.date.slice(0, 4)).toBe(String(y.year));
  });

  it('has makeup workdays only on Saturdays/Sundays, exactly as announced', () => {
    for (const y of CALENDAR_SEED) {
      const workdays = y.days.filter((r) => r.kind === 'workday');
      expect(workdays.map((r) => r.date).sort()).toEqual(makeupDays[y.year]);
      for (const r of workdays) {
        expect([0, 6]).toContain(weekdayOf(r.date));
        expect(r.name).toMatch(/调休上班$/);
      }
    }
  });

  it('has each holiday period as one contiguous run of the announced length', () => {
    for (const y of CALENDAR_SEED) {
      const byName = new Map<string, string[]>();
      for (const r of y.days.filter((d) => d.kind === 'holiday')) {
        byName.set(r.name, [...(byName.get(r.name) ?? []), r.date]);
      }
      const lengths = Object.fromEntries([...byName].map(([name, ds]) => [name, ds.length]));
      expect(lengths).toEqual(periodLengths[y.year]);
      for (const ds of byName.values()) {
        const sorted = [...ds].sort();
        expect(datesFrom(sorted[0]!, sorted[sorted.length - 1]!)).toEqual(sorted);
      }
    }
  });

  it('takes exactly 13 statutory days off the working week each year', () => {
    // Since 2025 there are 13 statutory holiday days; one falling on a weekend is made up
    // by a weekday, and bridge days are paid back by makeup weekends. So weekday holidays
    // minus makeup workdays is 13.
    for (const y of CALENDAR_SEED) {
      const weekdayHolidays = y.days.filter((r) => r.kind === 'holiday' && ![0, 6].includes(weekdayOf(r.date)));
      const makeups = y.days.filter((r) => r.kind === 'workday');
      expect(weekdayHolidays.length - makeups.length).toBe(13);
    }
  });

  it('never makes anyone work more than 6 days in a row', () => {
    let run = 0;
    let longest = 0;
    for (const d of ALL_DAYS) {
      run = cal.isWorkingDay(d) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(6);
  });
});

describe('loading calendar data', () => {
  const good: CalendarYear = { year: 2030, source: '测试', days: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }] };
  const load = (years: CalendarYear[]): string[] => {
    try {
      new WorkingDayCalendar(years);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarDataError);
      return (e as CalendarDataError).problems;
    }
  };

  it('accepts valid data', () => {
    expect(load([good])).toEqual([]);
  });

  it('rejects inconsistent data with a reason per problem', () => {
    expect(load([good, good])).toEqual(['2030 年重复加载']);
    expect(load([{ ...good, source: ' ' }])).toHaveLength(1);
    expect(load([{ ...good, days: [...good.days, { date: '2030-01-01', kind: 'workday', name: 'x' }] }])).toEqual(
      expect.arrayContaining(['2030-01-01 重复录入', '2030-01-01 不是周末,不能作为调休上班日']),
    );
    expect(load([{ ...good, days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }] }])).toEqual([
      '2031-01-01 不属于 2030 年',
    ]);
    expect(load([{ ...good, days: [{ date: '2030-02-30', kind: 'holiday', name: 'x' }] }])).toEqual([
      '日期格式无效:2030-02-30',
    ]);
    expect(load([{ ...good, days: [{ date: '2030-01-05', kind: 'workday', name: '' }] }])).toEqual([
      '2030-01-05 缺少名称',
    ]);
  });
});
