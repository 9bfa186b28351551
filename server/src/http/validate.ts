import type { ParameterizedContext } from 'koa';
import type { z } from 'zod';
import { ValidationError } from '../errors';

function firstMessage(issues: z.core.$ZodIssue[]): string {
  const i = issues[0];
  if (!i) return '请求参数无效';
  const where = i.path.length > 0 ? `参数 ${i.path.join('.')}: ` : '';
  return `${where}${i.message}`;
}

/** Parses one part of a request with its schema, or throws a 400 listing every issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ValidationError(
      firstMessage(result.error.issues),
      result.error.issues.map((i) => ({ path: i.path, message: i.message })),
    );
  }
  return result.data;
}

/** Koa's query object, with a key given twice (…?topic=a&topic=b) refused rather than silently merged. */
export function queryOf(ctx: ParameterizedContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.query)) {
    if (Array.isArray(value)) throw new ValidationError(`参数 ${key} 只能出现一次`, [{ path: [key], message: 'given more than once' }]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
