import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { AppError } from '../errors';
import type { AppState } from '../http/state';
import { parseOrThrow } from '../http/validate';
import type { ApiInput, SandboxAnswer } from './answers';
import { chatPage } from './chat-page';
import { mountMiniProgramStandIns } from './mp-stand-ins';
import { ChatAction, NewResident, type ResidentChat } from './resident-chat';
import type { SandboxApi, SandboxInspection } from './types';

export const SANDBOX_PREFIX = '/sandbox';

/** The platform paths, exactly as on api.weixin.qq.com, under /sandbox. */
const API_ROUTES: readonly { method: 'get' | 'post'; path: string; api: SandboxApi }[] = [
  { method: 'post', path: '/cgi-bin/stable_token', api: 'stable_token' },
  { method: 'post', path: '/cgi-bin/message/template/send', api: 'template_send' },
  { method: 'post', path: '/cgi-bin/message/subscribe/send', api: 'subscribe_send' },
  { method: 'post', path: '/cgi-bin/message/custom/send', api: 'custom_send' },
  { method: 'post', path: '/cgi-bin/menu/create', api: 'menu_create' },
  { method: 'get', path: '/cgi-bin/menu/get', api: 'menu_get' },
  { method: 'get', path: '/sns/jscode2session', api: 'jscode2session' },
  { method: 'post', path: '/cgi-bin/qrcode/create', api: 'qrcode_create' },
  { method: 'get', path: '/cgi-bin/user/info', api: 'user_info' },
  { method: 'post', path: '/cgi-bin/user/info/batchget', api: 'user_info_batchget' },
];

const Openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '格式不正确');
const CreditGrant = z.object({ openid: Openid, templateId: z.string().min(1), count: z.number().int().min(1).max(1000).default(1) });
const ChatSend = z.object({ openid: Openid });
const ResidentName = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '只能包含字母、数字、下划线和连字符（1–40 个）');
const TimelineQuery = z.object({ after: z.coerce.number().int().min(0).default(0) });

function firstValues(ctx: ParameterizedContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** WeChat accepts any content type and answers 47001 to a body that is not JSON; so does the sandbox. */
async function readBody(ctx: ParameterizedContext): Promise<unknown> {
  const text = await getRawBody(ctx.req, { limit: '1mb', encoding: 'utf8' });
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readJson(ctx: ParameterizedContext): Promise<unknown> {
  const body = await readBody(ctx);
  return body ?? {};
}

export interface SandboxRouteDeps {
  /** Answers a platform API call as api.weixin.qq.com would. */
  call(api: SandboxApi, input: ApiInput): Promise<SandboxAnswer>;
  inspection: SandboxInspection;
  chat: ResidentChat;
  /** The openid jscode2session gives for a code (the mini-program H5 stand-ins name residents by their code). */
  openidForCode(code: string): string | null;
}

export function sandboxRouter(deps: SandboxRouteDeps): Router<AppState> {
  const sandbox = deps.inspection;
  const router = new Router<AppState>({ prefix: SANDBOX_PREFIX });

  for (const route of API_ROUTES) {
    router[route.method](route.path, async (ctx) => {
      ctx.state.route = `${SANDBOX_PREFIX}${route.path}`;
      const body = route.method === 'post' ? await readBody(ctx) : undefined;
      const answer = await deps.call(route.api, { query: firstValues(ctx), body });
      ctx.body = answer.body;
      ctx.type = answer.status === 200 ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8';
      ctx.status = answer.status;
    });
  }

  const inspect = (path: string) => {
    const template = `${SANDBOX_PREFIX}/_inspect${path}`;
    return [`/_inspect${path}`, (ctx: ParameterizedContext<AppState>, next: () => Promise<unknown>) => {
      ctx.state.route = template;
      ctx.set('Cache-Control', 'no-store');
      return next();
    }] as const;
  };

  router.get(...inspect('/calls'), (ctx) => {
    ctx.body = { calls: sandbox.calls };
  });
  router.get(...inspect('/messages'), async (ctx) => {
    const openid = firstValues(ctx).openid;
    ctx.body = { messages: openid === undefined ? await sandbox.messages() : await sandbox.messagesTo(openid) };
  });
  router.get(...inspect('/messages/:openid'), async (ctx) => {
    ctx.body = { messages: await sandbox.messagesTo(ctx.params.openid!) };
  });
  router.get(...inspect('/followers'), async (ctx) => {
    ctx.body = { followers: await sandbox.followers() };
  });
  router.put(...inspect('/followers/:openid'), async (ctx) => {
    const openid = parseOrThrow(Openid, ctx.params.openid, '参数 openid');
    await sandbox.follow(openid);
    ctx.body = { follower: (await sandbox.followers()).find((f) => f.openid === openid) };
  });
  router.delete(...inspect('/followers/:openid'), async (ctx) => {
    await sandbox.unfollow(parseOrThrow(Openid, ctx.params.openid, '参数 openid'));
    ctx.status = 204;
  });
  // A resident by name: their 服务号 openid, linked by unionid to the mini-program login fake-code-<name>.
  router.put(...inspect('/residents/:name'), async (ctx) => {
    ctx.body = await sandbox.namedResident(parseOrThrow(ResidentName, ctx.params.name, '参数 name'));
  });
  router.post(...inspect('/credits'), async (ctx) => {
    const grant = parseOrThrow(CreditGrant, await readJson(ctx));
    await sandbox.grantSubscribeCredit(grant.openid, grant.templateId, grant.count);
    ctx.body = { openid: grant.openid, templateId: grant.templateId, remaining: await sandbox.subscribeCredit(grant.openid, grant.templateId) };
  });
  router.get(...inspect('/menu'), async (ctx) => {
    ctx.body = { menu: await sandbox.menu() };
  });
  router.get(...inspect('/qrcodes'), async (ctx) => {
    ctx.body = { qrCodes: await sandbox.qrCodes() };
  });
  router.get(...inspect('/job-reports'), async (ctx) => {
    ctx.body = { jobReports: await sandbox.jobReports() };
  });

  mountChatRoutes(router, deps);
  mountMiniProgramStandIns(router, { openidForCode: deps.openidForCode, grantSubscribeCredit: (openid, templateId, count) => sandbox.grantSubscribeCredit(openid, templateId, count) }, SANDBOX_PREFIX);
  return router;
}

/**
 * The resident chat page and its API. The POSTs take JSON only, so a form on another site cannot make a
 * browser with the page open follow, unfollow or write (a cross-site JSON request needs CORS, never given).
 */
function mountChatRoutes(router: Router<AppState>, deps: SandboxRouteDeps): void {
  const { chat: residents, inspection } = deps;
  const page = chatPage();
  router.get('/', (ctx) => {
    ctx.state.route = SANDBOX_PREFIX;
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', page.contentSecurityPolicy);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  });

  const chat = (path: string) => {
    const template = `${SANDBOX_PREFIX}/_chat${path}`;
    return [`/_chat${path}`, (ctx: ParameterizedContext<AppState>, next: () => Promise<unknown>) => {
      ctx.state.route = template;
      ctx.set('Cache-Control', 'no-store');
      return next();
    }] as const;
  };
  const jsonBody = async (ctx: ParameterizedContext<AppState>) => {
    if (!ctx.is('application/json')) throw new AppError(415, 'unsupported_media_type', '请求体必须是 application/json');
    return readJson(ctx);
  };

  router.get(...chat('/residents'), async (ctx) => {
    ctx.body = { residents: await residents.residents() };
  });
  router.post(...chat('/residents'), async (ctx) => {
    const { openid } = parseOrThrow(NewResident, await jsonBody(ctx));
    ctx.status = 201;
    ctx.body = { resident: await residents.addResident(openid) };
  });
  router.get(...chat('/menu'), async (ctx) => {
    ctx.body = await residents.menu();
  });
  router.get(...chat('/timeline/:openid'), async (ctx) => {
    const openid = parseOrThrow(Openid, ctx.params.openid, '参数 openid');
    const { after } = parseOrThrow(TimelineQuery, firstValues(ctx));
    const following = (await inspection.followers()).some((f) => f.openid === openid);
    ctx.body = { openid, following, entries: await residents.timeline(openid, after) };
  });
  router.post(...chat('/send'), async (ctx) => {
    const body = await jsonBody(ctx);
    const { openid } = parseOrThrow(ChatSend, body);
    ctx.body = await residents.send(openid, parseOrThrow(ChatAction, body));
  });
}
