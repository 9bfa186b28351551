/**
 * Chinese working-day arithmetic over loaded State Council holiday calendars.
 *
 * Dates are plain 'YYYY-MM-DD' calendar dates (Asia/Shanghai). Internally each date is a
 * UTC day number (days since 1970-01-01), so the host time zone never matters.
 *
 * A computation that touches a year with no loaded calendar throws
 * CalendarYearNotLoadedError instead of silently assuming a weekends-only year.
 */
import type { CalendarYear } from './holidays';

export type { CalendarDay, CalendarDayKind, CalendarYear } from './holidays';

const MS_PER_DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CalendarYearNotLoadedError extends Error {
  override readonly name = 'CalendarYearNotLoadedError';
  constructor(readonly year: number) {
    super(`${year} 年的节假日安排尚未录入,无法计算工作日`);
  }
}

export class InvalidCalendarDateError extends Error {
  override readonly name = 'InvalidCalendarDateError';
  constructor(readonly value: unknown) {
    super(`日期格式无效:${String(value)}(应为 YYYY-MM-DD)`);
  }
}

/** Thrown by the constructor when calendar data is inconsistent; `problems` lists each issue. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  constructor(readonly problems: string[]) {
    super(`节假日数据有误:${problems.join(';')}`);
  }
}

/** Day number of a valid 'YYYY-MM-DD' string, or null if the string is not a real date. */
function tryParse(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Round-trip rejects 2025-02-30, month 13, and years < 100 (Date.UTC maps them to 19xx).
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms / MS_PER_DAY;
}

function parse(date: string): number {
  const day = tryParse(date);
  if (day === null) throw new InvalidCalendarDateError(date);
  return day;
}

function format(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const wd = weekday(day);
  return wd === 0 || wd === 6;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function lastDayOfYear(year: number): number {
  return Date.UTC(year, 11, 31) / MS_PER_DAY;
}

/** Checks one year's calendar data; returns the problems found (empty when valid). */
export function validateCalendarYear(cal: CalendarYear): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(cal.year) || cal.year < 1000 || cal.year > 9999) {
    problems.push(`年份无效:${cal.year}`);
  }
  if (!cal.source || !cal.source.trim()) problems.push(`${cal.year} 年缺少通知文号(source)`);
  const seen = new Set<string>();
  for (const d of cal.days) {
    const day = tryParse(d.date);
    if (day === null) {
      problems.push(`日期格式无效:${String(d.date)}`);
      continue;
    }
    if (yearOf(d.date) !== cal.year) problems.push(`${d.date} 不属于 ${cal.year} 年`);
    if (seen.has(d.date)) problems.push(`${d.date} 重复录入`);
    seen.add(d.date);
    if (d.kind !== 'holiday' && d.kind !== 'workday') problems.push(`${d.date} 类型无效:${String(d.kind)}`);
    if (d.kind === 'workday' && !isWeekend(day)) problems.push(`${d.date} 不是周末,不能作为调休上班日`);
    if (!d.name || !d.name.trim()) problems.push(`${d.date} 缺少名称`);
  }
  return problems;
}

export class WorkingDayCalendar {
  private readonly years: ReadonlySet<number>;
  private readonly holidays = new Set<number>();
  private readonly makeupWorkdays = new Set<number>();

  constructor(years: readonly CalendarYear[]) {
    const problems: string[] = [];
    const loaded = new Set<number>();
    for (const cal of years) {
      if (loaded.has(cal.year)) problems.push(`${cal.year} 年重复加载`);
      loaded.add(cal.year);
      problems.push(...validateCalendarYear(cal));
    }
    if (problems.length > 0) throw new CalendarDataError(problems);

    this.years = loaded;
    for (const cal of years) {
      for (const d of cal.days) {
        (d.kind === 'holiday' ? this.holidays : this.makeupWorkdays).add(parse(d.date));
      }
    }
  }

  loadedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  /** (Weekday and not a holiday) or a 调休 makeup workday. */
  isWorkingDay(date: string): boolean {
    const day = parse(date);
    this.requireYear(yearOf(date));
    return this.isWorking(day);
  }

  /**
   * The date of the n-th working day after `start`; `start` itself never counts.
   * n = 0 returns `start` unchanged (so workingDaysBetween(s, addWorkingDays(s, n)) === n
   * holds for every n ≥ 0). n must be a non-negative integer.
   * Every year from `start` to the result must be loaded.
   */
  addWorkingDays(start: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日天数必须为非负整数:${n}`);
    let day = parse(start);
    let year = yearOf(start);
    this.requireYear(year);
    let yearEnd = lastDayOfYear(year);
    for (let left = n; left > 0; ) {
      day++;
      if (day > yearEnd) {
        year++;
        this.requireYear(year);
        yearEnd = lastDayOfYear(year);
      }
      if (this.isWorking(day)) left--;
    }
    return format(day);
  }

  /**
   * Number of working days d with from < d ≤ to (0 when to ≤ from).
   * Every year from `from` to `to` must be loaded, even when the result is 0.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = parse(from);
    const b = parse(to);
    const [lo, hi] = a <= b ? [yearOf(from), yearOf(to)] : [yearOf(to), yearOf(from)];
    for (let y = lo; y <= hi; y++) this.requireYear(y);
    let count = 0;
    for (let day = a + 1; day <= b; day++) if (this.isWorking(day)) count++;
    return count;
  }

  private isWorking(day: number): boolean {
    if (this.makeupWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  private requireYear(year: number): void {
    if (!this.years.has(year)) throw new CalendarYearNotLoadedError(year);
  }
}

export function createWorkingDayCalendar(years: readonly CalendarYear[]): WorkingDayCalendar {
  return new WorkingDayCalendar(years);
}
