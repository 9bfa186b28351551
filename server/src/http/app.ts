import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../errors';
import { mountRoutes, type ApiRoute } from './api-route';
import { errorHandler } from './error-handler';
import { metricsAccess, type HttpMetrics } from './metrics';
import { buildOpenApi } from './openapi';
import type { ReadCache } from './read-cache';
import { requestContext } from './request-context';
import type { AppState } from './state';
import { landingPage } from './landing-page';

// User-facing validation messages are Chinese.
z.config(z.locales.zhCN());

export interface AppDeps {
  logger: Logger;
  metrics: HttpMetrics;
  readCache: ReadCache;
  apiRoutes: readonly ApiRoute[];
  /** Further routers mounted as they are (e.g. the WeChat sandbox at /sandbox). */
  extraRouters?: readonly Router<AppState>[];
  /** Middleware mounted ahead of every router (e.g. the POST /wechat fast path). */
  extraMiddleware?: readonly Middleware<AppState>[];
  /** Readiness: resolves when the database answers. */
  checkDatabase(): Promise<void>;
  /** The WeChat sandbox is mounted at /sandbox, so the front door links to it. */
  sandboxMounted?: boolean;
  /** Opens /metrics to other hosts as `Authorization: Bearer <token>`; absent = loopback only. */
  metricsToken?: string | null;
  /**
   * Behind a reverse proxy: take the client address and scheme from the nearest proxy's X-Forwarded-For
   * and X-Forwarded-Proto. Off, those headers are anyone's to write, so they are ignored.
   */
  trustProxy?: boolean;
}

export const API_PREFIX = '/api/v1';

/** Builds the Koa app; it never listens (main.ts and tests do). */
export function createApp(deps: AppDeps): Koa<AppState> {
  // maxIpsCount 1: only the address the nearest proxy appended, never what the client wrote before it.
  const app = new Koa<AppState>(deps.trustProxy ? { proxy: true, maxIpsCount: 1 } : { proxy: false });
  app.silent = true;

  const router = new Router<AppState>();
  mountRoutes(router, API_PREFIX, deps.apiRoutes, deps.readCache);

  const openapi = JSON.stringify(
    buildOpenApi(
      { title: '镇江智慧人社 API', version: '1.0.0', description: 'Published content of the Zhenjiang HRSS bureau for the mini-program.' },
      API_PREFIX,
      deps.apiRoutes,
    ),
  );
  router.get(`${API_PREFIX}/openapi.json`, (ctx) => {
    ctx.state.route = `${API_PREFIX}/openapi.json`;
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = openapi;
  });

  router.get('/healthz', async (ctx) => {
    ctx.state.route = '/healthz';
    ctx.set('Cache-Control', 'no-store');
    try {
      await deps.checkDatabase();
      ctx.body = { status: 'ok', database: 'ok' };
    } catch (err) {
      ctx.state.log.warn({ err }, 'health check: database unavailable');
      ctx.status = 503;
      ctx.body = { status: 'unavailable', database: 'unreachable' };
    }
  });

  const mayReadMetrics = metricsAccess(deps.metricsToken ?? null);
  router.get('/metrics', async (ctx) => {
    ctx.state.route = '/metrics';
    // ctx.ip would follow X-Forwarded-For (with TRUST_PROXY): only the socket's peer says who is asking.
    if (!mayReadMetrics(ctx.req.socket.remoteAddress, ctx.get('Authorization'))) {
      throw new AppError(403, 'forbidden', '监控指标仅对本机或持有访问令牌的请求开放');
    }
    ctx.type = deps.metrics.registry.contentType;
    ctx.body = await deps.metrics.registry.metrics();
  });

  router.get('/', (ctx) => {
    ctx.state.route = '/';
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = landingPage({ sandbox: deps.sandboxMounted === true });
  });

  app.use(requestContext({ logger: deps.logger, metrics: deps.metrics }));
  app.use(errorHandler());
  for (const extra of deps.extraMiddleware ?? []) app.use(extra);
  for (const extra of deps.extraRouters ?? []) app.use(extra.routes());
  app.use(router.routes());
  app.use(async (ctx, next) => {
    await next();
    if (ctx.status === 405) ctx.body = { error: { code: 'method_not_allowed', message: '不支持该请求方法' } };
  });
  app.use(router.allowedMethods());
  return app;
}
