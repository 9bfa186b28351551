import type Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import getRawBody from 'raw-body';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors';
import type { ReadCache } from './read-cache';
import type { AppState } from './state';
import { parseOrThrow, queryOf, refuseQuery } from './validate';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * One API operation: its contract (zod schemas, used for validation and for the OpenAPI document) and
 * its handler, which only calls a service. Cacheable reads are served from the read cache with an ETag.
 */
export interface ApiRoute<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  C = unknown,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: Schema;
  /** Published-content reads: cached until content changes, answered 304 to a matching If-None-Match. */
  cacheable?: boolean;
  errors?: number[];
  /** A session token (Authorization: Bearer) is required, or read when given; documented in OpenAPI. */
  auth?: 'required' | 'optional';
  /**
   * Runs before the request is parsed (authentication, rate limits); its result is the handler's
   * `caller`. A cacheable route answers a caller other than null from the handler, never from the cache.
   */
  guard?(ctx: ParameterizedContext<AppState>): Promise<C>;
  handler(input: { params: Out<P>; query: Out<Q>; body: Out<B>; caller: C }): Promise<unknown>;
}

/** Keeps each route's own schema types while collecting routes of different shapes in one list. */
export function defineRoute<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, C = undefined>(route: ApiRoute<P, Q, B, C>): ApiRoute {
  return route as unknown as ApiRoute;
}

const JSON_BODY_LIMIT = '64kb';
export const CACHE_CONTROL = 'public, max-age=30';

/**
 * RFC 9110 §13.1.2 weak comparison. Koa's `ctx.fresh` is not used: it never matches when the request
 * carries `Cache-Control: no-cache`, which fetch() adds to every conditional request.
 */
export function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header === '') return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

export async function readJson(ctx: ParameterizedContext): Promise<unknown> {
  if (!ctx.is('application/json')) throw new AppError(415, 'unsupported_media_type', '请求体必须是 JSON（Content-Type: application/json）');
  const text = await getRawBody(ctx.req, { limit: JSON_BODY_LIMIT, encoding: 'utf8' });
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('请求体不是有效的 JSON');
  }
}

export function mountRoutes(router: Router<AppState>, prefix: string, routes: readonly ApiRoute[], cache: ReadCache): void {
  for (const route of routes) {
    const template = `${prefix}${route.path}`;
    router[route.method](template, async (ctx) => {
      ctx.state.route = template;
      if (route.auth) ctx.vary('Authorization');
      const caller = route.guard ? await route.guard(ctx) : undefined;
      const params = route.params ? parseOrThrow(route.params, ctx.params) : undefined;
      const query = route.query ? parseOrThrow(route.query, queryOf(ctx)) : undefined;
      if (!route.query) refuseQuery(ctx);
      const body = route.body ? parseOrThrow(route.body, await readJson(ctx), '请求体') : undefined;
      const input = { params, query, body, caller } as Parameters<ApiRoute['handler']>[0];
      const personal = caller !== undefined && caller !== null;
      if (!route.cacheable || personal) {
        if (route.guard) ctx.set('Cache-Control', 'private, no-store');
        ctx.body = await route.handler(input);
        return;
      }
      const key = `${template}\n${JSON.stringify(params ?? null)}\n${JSON.stringify(query ?? null)}`;
      const cached = await cache.get(key, () => route.handler(input));
      ctx.status = 200;
      ctx.set('ETag', cached.etag);
      ctx.set('Cache-Control', CACHE_CONTROL);
      if (matchesIfNoneMatch(ctx.get('If-None-Match'), cached.etag)) {
        ctx.status = 304;
        return;
      }
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = cached.body;
    });
  }
}
