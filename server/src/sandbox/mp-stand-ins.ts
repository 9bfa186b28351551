import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { AppError } from '../errors';
import type { AppState } from '../http/state';
import { parseOrThrow } from '../http/validate';

/**
 * What WeChat's own client does for a mini-program, for its H5 build in a browser, where `wx.login` and
 * `wx.requestSubscribeMessage` do not exist (Taro answers them with「暂时不支持 API」):
 * - POST /sandbox/_mp/login gives a one-time js_code of a named demo resident (`fake-code-<name>.<nonce>`),
 *   which the app sends to POST /api/v1/session like a real code: the server checks it with the sandbox's
 *   jscode2session, and a second use fails as on WeChat;
 * - POST /sandbox/_mp/subscribe records the resident's answer to the subscribe request the way WeChat
 *   does (each accept lets one subscribe message through) and answers what requestSubscribeMessage
 *   resolves with, which the app then reports to POST /api/v1/me/subscribe-results.
 * JSON bodies only, so a form on another site cannot drive them.
 */

const Resident = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '应为 1–40 个字母、数字、下划线或连字符');
const LoginBody = z.object({ resident: Resident }).strict();
const SubscribeBody = z
  .object({
    resident: Resident,
    /** The resident's choice per template, as the WeChat popup would record it. */
    results: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '不是有效的模板 ID'), z.enum(['accept', 'reject'])).refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 3, '一次可请求 1–3 个模板'),
  })
  .strict();

export interface MiniProgramStandInDeps {
  openidForCode(code: string): string | null;
  grantSubscribeCredit(openid: string, templateId: string, count?: number): Promise<void>;
}

async function jsonBody(ctx: ParameterizedContext<AppState>): Promise<unknown> {
  if (!ctx.is('application/json')) throw new AppError(415, 'unsupported_media_type', '请求体必须是 application/json');
  const text = await getRawBody(ctx.req, { limit: '16kb', encoding: 'utf8' });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_request', '请求体不是有效的 JSON');
  }
}

export function mountMiniProgramStandIns(router: Router<AppState>, deps: MiniProgramStandInDeps, prefix: string): void {
  const route = (path: string) => [
    `/_mp${path}`,
    (ctx: ParameterizedContext<AppState>, next: () => Promise<unknown>) => {
      ctx.state.route = `${prefix}/_mp${path}`;
      ctx.set('Cache-Control', 'no-store');
      return next();
    },
  ] as const;
  const openidOf = (resident: string) => deps.openidForCode(`fake-code-${resident}`)!;

  router.post(...route('/login'), async (ctx) => {
    const { resident } = parseOrThrow(LoginBody, await jsonBody(ctx));
    const code = `fake-code-${resident}.${randomBytes(9).toString('base64url')}`;
    ctx.body = { code, openid: openidOf(resident) };
  });

  router.post(...route('/subscribe'), async (ctx) => {
    const { resident, results } = parseOrThrow(SubscribeBody, await jsonBody(ctx));
    const openid = openidOf(resident);
    for (const [templateId, answer] of Object.entries(results)) {
      if (answer === 'accept') await deps.grantSubscribeCredit(openid, templateId, 1);
    }
    ctx.body = { errMsg: 'requestSubscribeMessage:ok', ...results };
  });
}
