/**
 * Dates relative to the moment the seed is built, in China Standard Time (UTC+8, no DST).
 * Sample items whose status depends on the clock (e.g. a recruitment "正在报名") use these so that
 * they stay upcoming/open/closed whenever the system is first started.
 */
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD' (Asia/Shanghai) of the day `days` after `now` (negative = before). */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 instant with +08:00 at wall-clock `time` ('HH:MM') on the day `days` after `now`. */
export function atFrom(now: Date, days: number, time = '09:00'): string {
  return `${dayFrom(now, days)}T${time}:00+08:00`;
}

/** Calendar year (Asia/Shanghai) of the day `days` after `now`. */
export function yearFrom(now: Date, days = 0): number {
  return Number(dayFrom(now, days).slice(0, 4));
}
