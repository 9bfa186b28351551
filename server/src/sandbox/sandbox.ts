import { createHash, randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { AppState } from '../http/state';
import { WECHAT_ERRCODES as E } from '../wechat/client/api-errors';
import { Menu } from '../wechat/client/menu';
import { findViolations } from '../wechat/client/message-limits';
import { CustomBody, errorAnswer, json, menuErrcode, QrBody, SubscribeBody, TemplateBody, TokenBody, type ApiInput, type SandboxAnswer } from './answers';
import { jobFinishXml, signedPush } from './job-callback';
import { createResidentChat, type ResidentChat } from './resident-chat';
import { sandboxRouter } from './routes';

/**
 * A local stand-in for api.weixin.qq.com (docs/ARCHITECTURE.md, WeChat): the same paths, JSON and
 * errcodes as the real platform for every call our client makes, with state in memory, an inspectable
 * log, and knobs for the failures tests need (expiring tokens, rate limits, latency, injected errors).
 */

export type SandboxApi = 'stable_token' | 'template_send' | 'subscribe_send' | 'custom_send' | 'menu_create' | 'menu_get' | 'jscode2session' | 'qrcode_create';

export interface SandboxConfig {
  officialAccount: { appId: string; appSecret: string; token: string; aesKey: string | null };
  miniProgram: { appId: string; secret: string };
  /** 原始ID of the 服务号, ToUserName of the pushes the sandbox sends. */
  originalId?: string;
  /** Lifetime of issued tokens (WeChat: 7200 s). */
  tokenTtlSeconds?: number;
  /** stable_token renews a token this long before it expires; until then it returns the same one (300 s). */
  tokenRenewSeconds?: number;
  /** Business calls per minute before 45009; null = unlimited. */
  rateLimitPerMinute?: number | null;
  latencyMs?: number;
}

export interface SandboxCall {
  seq: number;
  at: string;
  api: SandboxApi;
  appId: string | null;
  /** 0 for success; -2 for an injected HTTP failure. */
  errcode: number;
  httpStatus: number;
  /** stable_token only: whether the caller asked for force_refresh (our client never should). */
  forceRefresh?: boolean;
}

export interface SandboxMessage {
  seq: number;
  at: string;
  kind: 'template' | 'subscribe' | 'custom';
  appId: string;
  touser: string;
  msgid: string | null;
  templateId: string | null;
  data: Record<string, string>;
  url?: string;
  miniprogram?: { appid: string; pagepath: string };
  page?: string;
  miniprogramState?: string;
  clientMsgId?: string;
  content?: string;
}

export interface SandboxFollower {
  openid: string;
  followedAt: string;
  /** Refuses the account's template messages: sends succeed, the job reports 'failed:user block'. */
  blocked: boolean;
  lastInteractionAt: string;
}

export interface SandboxJobReport {
  msgid: string;
  openid: string;
  status: string;
  /** HTTP status of the callback endpoint's answer, or null when it could not be reached. */
  httpStatus: number | null;
  answer: string | null;
  error?: string;
}

export interface SandboxQrCode {
  ticket: string;
  scene: string;
  permanent: boolean;
  expiresAt: string | null;
}

export interface ErrorInjection {
  api: SandboxApi;
  /** Answer this errcode… */
  errcode?: number;
  errmsg?: string;
  /** …or this HTTP status with a non-JSON body (a gateway error). */
  httpStatus?: number;
  /** Wait this long first (then still answer, like a slow platform whose caller gave up). */
  delayMs?: number;
  /** How many matching calls it affects (1). */
  times?: number;
}

export interface Sandbox {
  /** The routes under /sandbox: the API, /sandbox/_inspect/… for developers, and the resident chat page. */
  router(): Router<AppState>;
  /** Residents following, writing and pressing menu buttons: pushes to our /wechat as WeChat sends them. */
  readonly chat: ResidentChat;
  readonly calls: readonly SandboxCall[];
  readonly messages: readonly SandboxMessage[];
  readonly jobReports: readonly SandboxJobReport[];
  readonly qrCodes: readonly SandboxQrCode[];
  callsTo(api: SandboxApi): SandboxCall[];
  messagesTo(openid: string): SandboxMessage[];
  follow(openid: string): void;
  unfollow(openid: string): void;
  /** The follower refuses template messages from the account (accepted, then reported failed). */
  block(openid: string): void;
  /** A message or click from the user: opens the 48-hour customer-service window. */
  touch(openid: string): void;
  followers(): SandboxFollower[];
  grantSubscribeCredit(openid: string, templateId: string, count?: number): void;
  subscribeCredit(openid: string, templateId: string): number;
  /** The openid jscode2session gives for `code` (null for a code it refuses). */
  openidForCode(code: string): string | null;
  /** Revokes the current tokens (as a force_refresh elsewhere would): they answer 40001 from now on. */
  invalidateTokens(appId?: string): void;
  setRateLimit(perMinute: number | null): void;
  setLatency(ms: number): void;
  injectError(rule: ErrorInjection): void;
  /** The next `times` template jobs report `status` (default 'failed: system failed') instead of success. */
  failTemplateJobs(status?: string, times?: number): void;
  menu(): Menu | null;
  /** Resolves once every TEMPLATESENDJOBFINISH posted so far has been answered or has failed. */
  settled(): Promise<void>;
  /** Forgets logs, followers, credits, menus, chats, injections and limits; issued tokens stay valid. */
  reset(): void;
}

export interface SandboxDeps {
  clock: Clock;
  logger: Logger;
  config: SandboxConfig;
  /** Where TEMPLATESENDJOBFINISH goes (our /wechat); none = no callbacks. A function when known only after listen. */
  callbackUrl?: string | (() => string);
  fetch?: typeof fetch;
}

/** The openid jscode2session returns for the code 'h5-fake-code' used by the H5 build of the mini-program. */
export const SANDBOX_TEST_OPENID = 'oSbxH5TestUser0000000000001';
export const SANDBOX_H5_CODE = 'h5-fake-code';
const NAMED_CODE = /^fake-code-([A-Za-z0-9_-]{1,40})$/;
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const TEMPLATE_ID = /^[A-Za-z0-9_-]{6,64}$/;
const PAGE = /^[A-Za-z0-9_\-/.]+(?:\?[\x21-\x7E]*)?$/;

const CUSTOMER_SERVICE_WINDOW_MS = 48 * 3600_000;
const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSandbox(deps: SandboxDeps): Sandbox {
  const { clock, config } = deps;
  const log = deps.logger.child({ module: 'sandbox' });
  const fetchImpl = deps.fetch ?? fetch;
  const oa = config.officialAccount;
  const mp = config.miniProgram;
  const apps = new Map<string, { secret: string; kind: 'oa' | 'mp' }>([
    [oa.appId, { secret: oa.appSecret, kind: 'oa' }],
    [mp.appId, { secret: mp.secret, kind: 'mp' }],
  ]);
  const ttlMs = (config.tokenTtlSeconds ?? 7200) * 1000;
  const renewMs = Math.min((config.tokenRenewSeconds ?? 300) * 1000, ttlMs / 2);
  const originalId = config.originalId ?? 'gh_5a9d0c3e7f1b';

  const tokens = new Map<string, { appId: string; expiresAt: number; revoked: boolean }>();
  const currentToken = new Map<string, string>();
  let calls: SandboxCall[] = [];
  let messages: SandboxMessage[] = [];
  let jobReports: SandboxJobReport[] = [];
  let qrCodes: SandboxQrCode[] = [];
  let followers = new Map<string, SandboxFollower>();
  let credits = new Map<string, number>();
  let menus = new Map<string, Menu>();
  let sentByClientMsgId = new Map<string, { msgid: string; at: number }>();
  let injections: (ErrorInjection & { times: number })[] = [];
  let jobFailures: { status: string; times: number }[] = [];
  let rateLimit = config.rateLimitPerMinute ?? null;
  let latencyMs = config.latencyMs ?? 0;
  let recentCalls: number[] = [];
  const pendingCallbacks = new Set<Promise<void>>();
  let seq = 0;
  // Over 2^53 on purpose, so every consumer has to keep msgids as strings (§1.7).
  let nextMsgid = 3_487_542_469_355_618_313n;

  const now = () => clock.now().getTime();
  const iso = () => clock.now().toISOString();
  const creditKey = (openid: string, templateId: string) => `${openid}\n${templateId}`;
  const newMsgid = () => String(nextMsgid++);
  const callbackTarget = () => (typeof deps.callbackUrl === 'function' ? deps.callbackUrl() : deps.callbackUrl);

  function checkOpenid(openid: string): void {
    if (!OPENID.test(openid)) throw new Error(`sandbox: invalid openid ${JSON.stringify(openid)}`);
  }

  /** The app a token belongs to, or the errcode WeChat would answer. */
  function authorize(query: Record<string, string>, kind: 'oa' | 'mp'): { appId: string } | SandboxAnswer {
    const token = query.access_token;
    if (!token) return errorAnswer(E.accessTokenMissing, null);
    const issued = tokens.get(token);
    if (!issued || issued.revoked) return errorAnswer(E.invalidCredential, null);
    if (issued.expiresAt <= now()) return errorAnswer(E.accessTokenExpired, issued.appId);
    if (apps.get(issued.appId)?.kind !== kind) return errorAnswer(E.apiUnauthorized, issued.appId);
    return { appId: issued.appId };
  }

  function issueToken(appId: string): string {
    const token = randomBytes(48).toString('base64url');
    tokens.set(token, { appId, expiresAt: now() + ttlMs, revoked: false });
    currentToken.set(appId, token);
    return token;
  }

  function violation(data: Record<string, { value: string }>, kind: 'template' | 'subscribe', appId: string): SandboxAnswer | null {
    const flat = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.value]));
    const first = findViolations(flat, kind)[0];
    return first ? errorAnswer(E.argumentInvalid, appId, `argument invalid! data.${first.key}.value invalid`) : null;
  }

  function postJobFinish(openid: string, msgid: string): void {
    const failure = jobFailures[0];
    let status = 'success';
    if (followers.get(openid)?.blocked) status = 'failed:user block';
    else if (failure) {
      status = failure.status;
      if (--failure.times <= 0) jobFailures.shift();
    }
    const target = callbackTarget();
    if (!target) return;
    const xml = jobFinishXml({ originalId, openid, msgid, status, now: clock.now() });
    const request = signedPush({ url: target, token: oa.token, appId: oa.appId, aesKey: oa.aesKey }, { xml, toUser: originalId, openid, now: clock.now() });
    const report: SandboxJobReport = { msgid, openid, status, httpStatus: null, answer: null };
    jobReports.push(report);
    const done = (async () => {
      try {
        const res = await fetchImpl(request.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: request.body, signal: AbortSignal.timeout(5000) });
        report.httpStatus = res.status;
        report.answer = await res.text();
      } catch (err) {
        report.error = (err as Error).message;
        log.warn({ msgid, err: report.error }, 'TEMPLATESENDJOBFINISH could not be delivered');
      }
    })();
    pendingCallbacks.add(done);
    void done.finally(() => pendingCallbacks.delete(done));
  }

  const handlers: Record<SandboxApi, (input: ApiInput) => SandboxAnswer> = {
    stable_token({ body }) {
      const parsed = TokenBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, null);
      const { grant_type, appid, secret, force_refresh } = parsed.data;
      if (grant_type !== 'client_credential') return errorAnswer(40002, appid);
      const app = apps.get(appid);
      if (!app) return errorAnswer(E.invalidAppId, null);
      if (app.secret !== secret) return errorAnswer(E.invalidAppSecret, appid);
      const current = currentToken.get(appid);
      const issued = current ? tokens.get(current) : undefined;
      if (force_refresh && issued) issued.revoked = true;
      // Normal mode: the same token while it has more than the renewal window left; old and new then overlap.
      if (!force_refresh && current && issued && !issued.revoked && issued.expiresAt - now() > renewMs) {
        return json({ access_token: current, expires_in: Math.floor((issued.expiresAt - now()) / 1000) }, appid);
      }
      return json({ access_token: issueToken(appid), expires_in: Math.floor(ttlMs / 1000) }, appid);
    },

    template_send({ query, body }) {
      const auth = authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = TemplateBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const m = parsed.data;
      if (!OPENID.test(m.touser)) return errorAnswer(E.invalidOpenId, auth.appId);
      if (!TEMPLATE_ID.test(m.template_id)) return errorAnswer(E.invalidTemplateId, auth.appId);
      if (!followers.has(m.touser)) return errorAnswer(E.requireSubscribe, auth.appId);
      const invalid = violation(m.data, 'template', auth.appId);
      if (invalid) return invalid;
      if (m.client_msg_id !== undefined) {
        const earlier = sentByClientMsgId.get(`${m.touser}\n${m.client_msg_id}`);
        if (earlier && now() - earlier.at < CLIENT_MSG_ID_WINDOW_MS) return json({ errcode: 0, errmsg: 'ok' }, auth.appId, earlier.msgid);
      }
      const msgid = newMsgid();
      if (m.client_msg_id !== undefined) sentByClientMsgId.set(`${m.touser}\n${m.client_msg_id}`, { msgid, at: now() });
      messages.push({
        seq: ++seq,
        at: iso(),
        kind: 'template',
        appId: auth.appId,
        touser: m.touser,
        msgid,
        templateId: m.template_id,
        data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, v.value])),
        ...(m.url !== undefined ? { url: m.url } : {}),
        ...(m.miniprogram ? { miniprogram: m.miniprogram } : {}),
        ...(m.client_msg_id !== undefined ? { clientMsgId: m.client_msg_id } : {}),
      });
      postJobFinish(m.touser, msgid);
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId, msgid);
    },

    subscribe_send({ query, body }) {
      const auth = authorize(query, 'mp');
      if ('status' in auth) return auth;
      const parsed = SubscribeBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const m = parsed.data;
      if (!OPENID.test(m.touser)) return errorAnswer(E.invalidOpenId, auth.appId);
      if (!TEMPLATE_ID.test(m.template_id)) return errorAnswer(E.invalidTemplateId, auth.appId);
      if (m.page !== undefined && !PAGE.test(m.page)) return errorAnswer(E.invalidPage, auth.appId);
      const invalid = violation(m.data, 'subscribe', auth.appId);
      if (invalid) return invalid;
      const key = creditKey(m.touser, m.template_id);
      const credit = credits.get(key) ?? 0;
      if (credit < 1) return errorAnswer(E.userRefused, auth.appId);
      credits.set(key, credit - 1);
      const msgid = newMsgid();
      messages.push({
        seq: ++seq,
        at: iso(),
        kind: 'subscribe',
        appId: auth.appId,
        touser: m.touser,
        msgid,
        templateId: m.template_id,
        data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, v.value])),
        ...(m.page !== undefined ? { page: m.page } : {}),
        miniprogramState: m.miniprogram_state ?? 'formal',
      });
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId, msgid);
    },

    custom_send({ query, body }) {
      const auth = authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = CustomBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const follower = followers.get(parsed.data.touser);
      if (!follower) return errorAnswer(E.requireSubscribe, auth.appId);
      if (now() - Date.parse(follower.lastInteractionAt) > CUSTOMER_SERVICE_WINDOW_MS) return errorAnswer(E.outOfCustomerServiceWindow, auth.appId);
      messages.push({
        seq: ++seq,
        at: iso(),
        kind: 'custom',
        appId: auth.appId,
        touser: parsed.data.touser,
        msgid: null,
        templateId: null,
        data: {},
        content: parsed.data.text.content,
      });
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId);
    },

    menu_create({ query, body }) {
      const auth = authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = Menu.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return errorAnswer(menuErrcode(issue), auth.appId, `invalid menu: ${issue.path.join('.')} ${issue.message}`);
      }
      menus.set(auth.appId, parsed.data);
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId);
    },

    menu_get({ query }) {
      const auth = authorize(query, 'oa');
      if ('status' in auth) return auth;
      const menu = menus.get(auth.appId);
      if (!menu) return errorAnswer(E.menuMissing, auth.appId);
      // As WeChat answers: every button carries sub_button, empty on leaves.
      const withSubs = (b: object) => ('sub_button' in b ? { ...b, sub_button: (b.sub_button as object[]).map((s) => ({ ...s, sub_button: [] })) } : { ...b, sub_button: [] });
      return json({ menu: { button: menu.button.map(withSubs) } }, auth.appId);
    },

    jscode2session({ query }) {
      const app = apps.get(query.appid ?? '');
      if (!app || app.kind !== 'mp') return errorAnswer(E.invalidAppId, null);
      if (app.secret !== query.secret) return errorAnswer(E.invalidAppSecret, query.appid!);
      if (query.grant_type !== 'authorization_code') return errorAnswer(40002, query.appid!);
      const openid = sandbox.openidForCode(query.js_code ?? '');
      if (openid === null) return errorAnswer(E.invalidCode, query.appid!);
      return json({ openid, session_key: randomBytes(16).toString('base64') }, query.appid!);
    },

    qrcode_create({ query, body }) {
      const auth = authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = QrBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const q = parsed.data;
      const permanent = q.action_name.startsWith('QR_LIMIT');
      const scene = 'scene_id' in q.action_info.scene ? String(q.action_info.scene.scene_id) : q.action_info.scene.scene_str;
      const expire = 'expire_seconds' in q ? (q.expire_seconds ?? 30) : null;
      const ticket = randomBytes(24).toString('base64');
      qrCodes.push({ ticket, scene, permanent, expiresAt: expire === null ? null : new Date(now() + expire * 1000).toISOString() });
      const url = `http://weixin.qq.com/q/${randomBytes(12).toString('base64url')}`;
      return json({ ticket, ...(expire === null ? {} : { expire_seconds: expire }), url }, auth.appId);
    },
  };

  /** Latency, injected failures and the rate limit come first, as they would at WeChat's edge. */
  async function call(api: SandboxApi, input: ApiInput): Promise<SandboxAnswer> {
    if (latencyMs > 0) await sleep(latencyMs);
    const rule = injections.find((r) => r.api === api);
    if (rule && --rule.times <= 0) injections = injections.filter((r) => r !== rule);
    if (rule?.delayMs) await sleep(rule.delayMs);
    let answer: SandboxAnswer;
    if (rule?.httpStatus !== undefined) {
      answer = { status: rule.httpStatus, body: '<html><body>502 Bad Gateway</body></html>', errcode: -2, appId: null };
    } else if (rule?.errcode !== undefined) {
      answer = errorAnswer(rule.errcode, null, rule.errmsg);
    } else if (api !== 'stable_token' && rateLimit !== null && recentCalls.filter((t) => t > now() - 60_000).length >= rateLimit) {
      answer = errorAnswer(E.apiQuota, null);
    } else {
      if (api !== 'stable_token') recentCalls = [...recentCalls.filter((t) => t > now() - 60_000), now()];
      answer = handlers[api](input);
    }
    const forceRefresh = api === 'stable_token' ? { forceRefresh: (input.body as { force_refresh?: unknown } | undefined)?.force_refresh === true } : {};
    calls.push({ seq: ++seq, at: iso(), api, appId: answer.appId, errcode: answer.errcode, httpStatus: answer.status, ...forceRefresh });
    log.debug({ api, errcode: answer.errcode }, 'sandbox call');
    return answer;
  }

  const chat = createResidentChat({
    clock,
    logger: deps.logger,
    fetch: fetchImpl,
    officialAccount: oa,
    originalId,
    miniProgramAppId: mp.appId,
    callbackUrl: callbackTarget,
    nextSeq: () => ++seq,
    platform: {
      isFollowing: (openid) => followers.has(openid),
      followers: () => sandbox.followers(),
      follow: (openid) => sandbox.follow(openid),
      unfollow: (openid) => sandbox.unfollow(openid),
      touch: (openid) => sandbox.touch(openid),
      menu: () => sandbox.menu(),
      messagesTo: (openid) => sandbox.messagesTo(openid),
    },
  });

  const sandbox: Sandbox = {
    router: () => sandboxRouter({ sandbox, call }),
    chat,
    get calls() {
      return calls;
    },
    get messages() {
      return messages;
    },
    get jobReports() {
      return jobReports;
    },
    get qrCodes() {
      return qrCodes;
    },
    callsTo: (api) => calls.filter((c) => c.api === api),
    messagesTo: (openid) => messages.filter((m) => m.touser === openid),
    follow(openid) {
      checkOpenid(openid);
      const existing = followers.get(openid);
      followers.set(openid, { openid, followedAt: existing?.followedAt ?? iso(), blocked: false, lastInteractionAt: iso() });
    },
    unfollow(openid) {
      followers.delete(openid);
    },
    block(openid) {
      const follower = followers.get(openid);
      if (!follower) throw new Error(`sandbox: ${openid} does not follow the account`);
      follower.blocked = true;
    },
    touch(openid) {
      const follower = followers.get(openid);
      if (follower) follower.lastInteractionAt = iso();
    },
    followers: () => [...followers.values()].map((f) => ({ ...f })),
    grantSubscribeCredit(openid, templateId, count = 1) {
      checkOpenid(openid);
      credits.set(creditKey(openid, templateId), (credits.get(creditKey(openid, templateId)) ?? 0) + count);
    },
    subscribeCredit: (openid, templateId) => credits.get(creditKey(openid, templateId)) ?? 0,
    openidForCode(code) {
      if (code === SANDBOX_H5_CODE) return SANDBOX_TEST_OPENID;
      const name = NAMED_CODE.exec(code)?.[1];
      if (name === undefined) return null;
      // Stable per name and app, shaped like a real openid (28 characters).
      return `o${createHash('sha256').update(`${mp.appId}:${name}`).digest('base64url').slice(0, 27)}`;
    },
    invalidateTokens(appId) {
      for (const issued of tokens.values()) if (appId === undefined || issued.appId === appId) issued.revoked = true;
    },
    setRateLimit(perMinute) {
      rateLimit = perMinute;
      recentCalls = [];
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    injectError(rule) {
      injections.push({ ...rule, times: rule.times ?? 1 });
    },
    failTemplateJobs(status = 'failed: system failed', times = 1) {
      jobFailures.push({ status, times });
    },
    menu: () => menus.get(oa.appId) ?? null,
    async settled() {
      while (pendingCallbacks.size > 0) await Promise.all([...pendingCallbacks]);
    },
    reset() {
      calls = [];
      messages = [];
      jobReports = [];
      qrCodes = [];
      followers = new Map();
      credits = new Map();
      menus = new Map();
      sentByClientMsgId = new Map();
      injections = [];
      jobFailures = [];
      rateLimit = config.rateLimitPerMinute ?? null;
      latencyMs = config.latencyMs ?? 0;
      recentCalls = [];
      chat.reset();
    },
  };
  return sandbox;
}
