/**
 * Keyword value rules of subscribe messages and 服务号 类目模板 (research/wechat.md §1.7, §1.8). WeChat
 * answers 47003 "data.<key>.value invalid" for a value that breaks them, after the send was counted;
 * checking first turns that into a precise local error. Lengths count Unicode code points.
 */

export const KEYWORD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
  'const',
  'enum',
] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

export interface KeywordViolation {
  /** The data key, e.g. `thing1`. */
  key: string;
  /** Its type from the key prefix; null for keys without a typed prefix (old-style `keyword1`). */
  type: KeywordType | null;
  reason: string;
}

/** Thrown before sending; the push pipeline records it like WeChat's 47003. */
export class MessageLimitError extends Error {
  override readonly name = 'MessageLimitError';
  constructor(readonly violations: readonly KeywordViolation[]) {
    super(violations.map((v) => `data.${v.key}.value invalid: ${v.reason}`).join('; '));
  }
}

const HAN = /\p{Script=Han}/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

const DATE = String.raw`(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2})`;
const TIME = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`);
const TIME_VALUE = range(`(?:${DATE}\\s*)?${TIME}`);
const DATE_VALUE = range(`${DATE}(?:\\s*${TIME})?`);
const AMOUNT = /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/;
const CAR_NUMBER = /^(?:\p{Script=Han}|[A-Z0-9])[A-Z0-9]{0,7}\p{Script=Han}?$/u;

const length = (value: string) => [...value].length;

/** The type of a key from its prefix: `thing12` → thing, `character_string3` → character_string. */
export function keywordType(key: string): KeywordType | null {
  const prefix = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  return (KEYWORD_TYPES as readonly string[]).includes(prefix ?? '') ? (prefix as KeywordType) : null;
}

/** Why `value` breaks the rule of `type`, or null when it is fine. */
export function checkKeywordValue(type: KeywordType, value: string): string | null {
  if (value.length === 0) return 'is empty';
  if (LINE_BREAK.test(value)) return 'contains a line break';
  // How WeChat counts emoji is undocumented (§1.8), so they are refused rather than guessed.
  if (EMOJI.test(value)) return 'contains an emoji';
  const n = length(value);
  switch (type) {
    case 'thing':
    case 'const':
    case 'enum':
      return n <= 20 ? null : `longer than 20 characters (${n})`;
    case 'number':
      return n <= 32 && /^\d+(?:\.\d+)?$/.test(value) ? null : 'must be at most 32 digits, decimals allowed';
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? null : 'must be at most 32 letters';
    case 'symbol':
      return n <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value) ? null : 'must be at most 5 symbols';
    case 'character_string':
      if (HAN.test(value)) return 'must not contain Chinese characters';
      return n <= 32 && /^[\x20-\x7E]+$/.test(value) ? null : 'must be at most 32 letters, digits or symbols';
    case 'time':
      return TIME_VALUE.test(value) ? null : 'must be a 24-hour time, optionally with a date (15:01, 2026年10月1日 15:01)';
    case 'date':
      return DATE_VALUE.test(value) ? null : 'must be a date, optionally with a 24-hour time (2026年10月1日)';
    case 'amount':
      return AMOUNT.test(value) ? null : 'must be an amount such as ¥300.00 or 300元 (at most 10 digits)';
    case 'phone_number':
      return n <= 17 && /^[0-9+\-() ]+$/.test(value) && /\d/.test(value) ? null : 'must be at most 17 digits or symbols';
    case 'car_number':
      return n <= 8 && CAR_NUMBER.test(value) ? null : 'must be a plate number of at most 8 characters';
    case 'name':
      if (HAN.test(value)) return n <= 10 ? null : 'must be at most 10 characters when it contains Chinese';
      return n <= 20 ? null : 'must be at most 20 letters or symbols';
    case 'phrase':
      return /^\p{Script=Han}{1,5}$/u.test(value) ? null : 'must be at most 5 Chinese characters, nothing else';
  }
}

/**
 * Subscribe messages: every key must carry a known type prefix. 服务号 template messages: typed keys
 * of 类目模板 follow the same table; other keys get the 2023 rule for every field (≤ 20 characters,
 * no line breaks), and `first`/`remark` are refused because WeChat dropped them on 2023-05-04.
 */
export function findViolations(data: Readonly<Record<string, string>>, kind: 'subscribe' | 'template'): KeywordViolation[] {
  const violations: KeywordViolation[] = [];
  const entries = Object.entries(data);
  if (entries.length === 0) violations.push({ key: '(data)', type: null, reason: 'has no keywords' });
  for (const [key, value] of entries) {
    const type = keywordType(key);
    let reason: string | null;
    if (typeof value !== 'string') reason = 'must be a string';
    else if (type !== null) reason = checkKeywordValue(type, value);
    else if (kind === 'subscribe') reason = 'has no known keyword type prefix (thing, number, time…)';
    else if (key === 'first' || key === 'remark') reason = 'was removed from template messages on 2023-05-04';
    else reason = checkKeywordValue('thing', value);
    if (reason !== null) violations.push({ key, type, reason });
  }
  return violations;
}

export function assertWithinLimits(data: Readonly<Record<string, string>>, kind: 'subscribe' | 'template'): void {
  const violations = findViolations(data, kind);
  if (violations.length > 0) throw new MessageLimitError(violations);
}
