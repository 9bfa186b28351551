import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Every validation message a client sees reads 「参数 <name> <phrase>」, or 「不支持的参数 <name>」.
 * This map writes the phrase for zod's own checks; a message a schema sets itself (`.regex(re, '必须是正整数')`)
 * outranks it (zod's precedence) and must be a phrase too, since the parameter name is put in front of it.
 */
const phraseOf: z.core.$ZodErrorMap = (issue) => {
  // A missing enum value is an invalid_value, a missing string an invalid_type: either way it was not given.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return '不能为空';
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_PHRASES[issue.expected] ?? '的类型不正确';
    case 'too_small':
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false);
    case 'too_big':
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false);
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${String(issue.values[0])}` : `的值无效，可选：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return FORMAT_PHRASES[issue.format] ?? '的格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    default:
      return '的值无效';
  }
};

const TYPE_PHRASES: Partial<Record<string, string>> = {
  string: '应为文本',
  number: '应为数字',
  int: '应为整数',
  boolean: '应为 true 或 false',
  object: '应为 JSON 对象',
  array: '应为数组',
};

const FORMAT_PHRASES: Partial<Record<string, string>> = {
  date: '应为日期，格式如 2026-01-31',
  datetime: '应为带时区的时间，格式如 2026-01-31T09:00:00+08:00',
  url: '应为网址',
};

function tooSmall(origin: string, min: number, inclusive: boolean): string {
  if (origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
  if (origin === 'array' || origin === 'set') return `至少 ${min} 项`;
  return inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
}

function tooBig(origin: string, max: number, inclusive: boolean): string {
  if (origin === 'string') return `不能超过 ${max} 个字`;
  if (origin === 'array' || origin === 'set') return `最多 ${max} 项`;
  return inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

/** 「参数 q」 reads with a space before a Chinese phrase; 「请求体」 without. */
function join(subject: string, phrase: string): string {
  return /[\x21-\x7e]$/.test(subject) ? `${subject} ${phrase}` : `${subject}${phrase}`;
}

/**
 * One sentence per issue. `whole` names the value itself when it has no path of its own (a path
 * parameter parsed alone, or a body that is not an object).
 */
function describeIssue(issue: z.core.$ZodIssue, whole: string): string {
  const at = pathText(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `不支持的参数 ${issue.keys.map((k) => (at ? `${at}.${k}` : k)).join('、')}`;
  }
  return join(at ? `参数 ${at}` : whole, issue.message);
}

/**
 * Parses one part of a request with its schema, or throws a 400 naming every problem. `whole` is what
 * to call the value when an issue is about all of it (e.g. 「参数 openid」 for a path parameter).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, whole = '请求参数'): z.output<S> {
  const result = schema.safeParse(value, { error: phraseOf });
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({ path: i.path, message: describeIssue(i, whole) }));
    throw new ValidationError(problems.map((p) => p.message).join('；'), problems);
  }
  return result.data;
}

/** Koa's query object, with a key given twice (…?topic=a&topic=b) refused rather than silently merged. */
export function queryOf(ctx: ParameterizedContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.query)) {
    if (Array.isArray(value)) throw new ValidationError(`参数 ${key} 只能出现一次`, [{ path: [key], message: `参数 ${key} 只能出现一次` }]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** For a route that takes no query: every key is refused by name, as a schema's unknown key would be. */
export function refuseQuery(ctx: ParameterizedContext): void {
  const keys = Object.keys(ctx.query);
  if (keys.length > 0) throw new ValidationError(`不支持的参数 ${keys.join('、')}`, [{ path: [], message: `不支持的参数 ${keys.join('、')}` }]);
}
