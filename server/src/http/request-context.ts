import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { lazyChild } from '../logger';
import type { HttpMetrics } from './metrics';
import type { AppState } from './state';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (kept from a trusted proxy's X-Request-Id when well-formed), a child logger,
 * one access-log line and its metrics.
 */
export function requestContext(deps: { logger: Logger; metrics: HttpMetrics }): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = lazyChild(deps.logger, () => ({ requestId }));
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = ctx.state.route ?? 'unmatched';
      deps.metrics.observe(ctx.method, route, ctx.status, seconds);
      ctx.state.log.debug({ method: ctx.method, route, status: ctx.status, ms: Math.round(seconds * 1e4) / 10 }, 'request');
    }
  };
}
