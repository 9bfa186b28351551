import type Router from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import { parse as parseQueryString } from 'node:querystring';
import getRawBody from 'raw-body';
import type { AppState } from '../../http/state';
import { AppError } from '../../errors';
import { loggableError } from '../../logger';
import { SUCCESS, type MessageService } from './message-service';
import { PushSignatureError, type OpenedPush, type PushCodec, type PushQuery } from './push-codec';

export const WECHAT_PATH = '/wechat';

/** Real pushes are a few KB; subscribe-message reports with many items stay far below this. */
export const DEFAULT_BODY_LIMIT_BYTES = 128 * 1024;

/**
 * The query string WeChat signs (timestamp, nonce, signature…), parsed by node:querystring: Koa's
 * `ctx.query` goes through URLSearchParams and getAll per key, several times the cost, on every push.
 * Repeated keys still come as arrays, which the codec refuses.
 */
function pushQuery(querystring: string): PushQuery {
  return parseQueryString(querystring);
}

export interface WechatRouteDeps {
  codec: PushCodec;
  messages: MessageService;
  bodyLimitBytes?: number;
}

/**
 * GET /wechat (URL verification) and POST /wechat (messages and events). The body is read raw here, and
 * only here, because signatures and decryption work on the exact bytes (research/wechat.md §1.12).
 */
export function mountWechatRoutes(router: Router<AppState>, deps: WechatRouteDeps): Middleware<AppState> {
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  router.get(WECHAT_PATH, (ctx) => {
    ctx.state.route = WECHAT_PATH;
    ctx.set('Cache-Control', 'no-store');
    const echostr = deps.codec.verifyUrl(pushQuery(ctx.querystring));
    if (echostr === null) {
      ctx.state.log.warn('WeChat URL verification refused: signature missing or wrong');
      throw new PushSignatureError();
    }
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = echostr;
  });

  const receive = async (ctx: ParameterizedContext<AppState>): Promise<void> => {
    // The reply budget counts from here: WeChat's 5 s include reading the body and every step after.
    const arrivedAt = Date.now();
    ctx.state.route = WECHAT_PATH;
    ctx.set('Cache-Control', 'no-store');
    const length = ctx.get('Content-Length');
    const body = await getRawBody(ctx.req, { limit, length: length === '' ? undefined : length, encoding: 'utf8' });
    // Made only when needed: a child logger per push was a visible share of the CPU per message.
    const log = () => ctx.state.log.child({ module: 'wechat' });
    const query = pushQuery(ctx.querystring);
    let opened: OpenedPush;
    try {
      opened = deps.codec.open(query, body);
    } catch (err) {
      log().warn({ code: (err as { code?: string }).code }, 'WeChat push refused');
      throw err;
    }
    let reply: string;
    try {
      reply = await deps.messages.receive(opened.fields, { log: ctx.state.log, passive: opened.format === 'xml', arrivedAt, guard: opened.guard });
    } catch (err) {
      if (err instanceof AppError) throw err;
      // Typically the database is unreachable: WeChat retries a failed push, and the claim dedupes it later.
      log().error({ err: loggableError(err) }, 'WeChat push could not be processed');
      throw new AppError(503, 'unavailable', '服务暂时不可用，请稍后再试');
    }
    if (reply === SUCCESS) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = SUCCESS;
      return;
    }
    const nonce = query.nonce;
    ctx.type = 'application/xml; charset=utf-8';
    ctx.body = opened.encrypted ? deps.codec.seal(reply, typeof nonce === 'string' ? nonce : undefined) : reply;
  };
  router.post(WECHAT_PATH, receive);
  // Returned for mounting ahead of the routers: the pushes are nearly all the traffic, and router dispatch
  // (matching every route, composing the matched layers) was a visible share of the CPU per push.
  return (ctx, next) => (ctx.method === 'POST' && ctx.path === WECHAT_PATH ? receive(ctx) : next());
}
