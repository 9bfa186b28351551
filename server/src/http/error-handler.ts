import type { Middleware } from 'koa';
import { AppError } from '../errors';
import { loggableError } from '../logger';
import type { AppState } from './state';

/**
 * The first middleware: turns any error into `{ error: { code, message } }`. 4xx messages are shown as
 * they are; 5xx are logged once here, with the request id, and answered with a generic message.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: '请求的地址不存在' } };
      }
    } catch (err) {
      const known = err instanceof AppError;
      const httpErr = err as { status?: number; expose?: boolean; message?: string };
      const status = known ? err.status : typeof httpErr.status === 'number' && httpErr.status >= 400 ? httpErr.status : 500;
      if (status >= 500) ctx.state.log.error({ err: loggableError(err) }, 'request failed');
      const code = known ? err.code : status === 413 ? 'payload_too_large' : status >= 500 ? 'internal' : 'invalid_request';
      const message =
        status >= 500 ? `服务暂时不可用，请稍后再试（请求编号 ${ctx.state.requestId}）` : (httpErr.message ?? '请求无效');
      ctx.status = status;
      ctx.body = { error: { code, message, ...(known && err.details !== undefined ? { details: err.details } : {}) } };
      ctx.remove('ETag');
      ctx.remove('Cache-Control');
    }
  };
}
