/** Beijing time has no daylight saving: a fixed UTC+8 offset. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Quiet hours as minutes after Beijing midnight; start > end spans midnight (22:00–08:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { startMinute: 22 * 60, endMinute: 8 * 60 };

/** "22:00-08:00" → QuietHours; "" or "off" → null (no quiet hours). */
export function parseQuietHours(text: string): QuietHours | null {
  if (text === '' || text === 'off') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new RangeError(`quiet hours must look like 22:00-08:00, not ${JSON.stringify(text)}`);
  const [, sh, sm, eh, em] = m.map(Number) as [number, number, number, number, number];
  // Equal ends could mean "never" or "always": say `off` for the one, nothing sends during the other.
  if (sh === eh && sm === em) throw new RangeError(`quiet hours must start and end at different times, not ${JSON.stringify(text)}`);
  return { startMinute: sh * 60 + sm, endMinute: eh * 60 + em };
}

/** When the quiet hours around `now` end, or null when `now` is outside them. */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || quiet.startMinute === quiet.endMinute) return null;
  const local = now.getTime() + BEIJING_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - midnight) / 60_000;
  const spansMidnight = quiet.startMinute > quiet.endMinute;
  const inside = spansMidnight ? minute >= quiet.startMinute || minute < quiet.endMinute : minute >= quiet.startMinute && minute < quiet.endMinute;
  if (!inside) return null;
  const endToday = midnight + quiet.endMinute * 60_000;
  const end = spansMidnight && minute >= quiet.startMinute ? endToday + DAY_MS : endToday;
  return new Date(end - BEIJING_OFFSET_MS);
}

/** The next Beijing midnight, when WeChat's daily quotas reset (45009). */
export function nextBeijingMidnight(now: Date): Date {
  const local = now.getTime() + BEIJING_OFFSET_MS;
  return new Date(Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - BEIJING_OFFSET_MS);
}

/** Exponential backoff with equal jitter for the n-th retry of a delivery. */
export function retryDelayMs(attempt: number, policy: { baseMs: number; maxMs: number }, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
