import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { WECHAT_ERRCODES, WechatApiError, errcodeError } from './api-errors';
import { Menu } from './menu';
import { assertWithinLimits } from './message-limits';
import type { SendOk } from './send-outcome';
import { CONNECT_TIMEOUT_CODE, createHttpTransport, HttpTimeoutError, type HttpTransport } from './http-transport';
import { createDbTokenStore, type FetchedToken, type TokenStore } from './token-store';

/**
 * A small typed client of the WeChat platform API (research/wechat.md §1.6–1.11, §4 (c)): only the
 * calls we use, over kept-alive node:http connections (http-transport.ts), one client per app (服务号 and 小程序 have separate appids and tokens).
 *
 * Retries never duplicate what WeChat does. A failure before the request left (connection refused, DNS)
 * is retried for any call, and so is an errcode answer saying WeChat did not act (-1 busy, 45011 the
 * per-minute limit, after a longer wait). A failure after which WeChat may have acted (timeout, lost
 * connection, HTTP 5xx) is retried only for calls that are safe to repeat: token, menu and QR calls, and
 * template messages, which always carry a `client_msg_id`. Customer-service and subscribe messages have
 * no such key: that failure is raised with `deliveryUnknown` for the caller to record as unknown.
 * code2Session is retried only if the request never left: a js_code works once. 45009 (the daily
 * quota) is never retried.
 */

export interface RetryPolicy {
  /** Attempts in total for a retryable failure, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The least wait after 45011 (the per-minute limit), longer than a busy platform's backoff. */
  minuteQuotaDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 5_000, minuteQuotaDelayMs: 2_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How long overlapping calls share one read of the stored token (see `sharedToken`). */
const TOKEN_REREAD_MS = 5_000;

export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface WechatClientOptions {
  clock: Clock;
  logger: Logger;
  /** e.g. https://api.weixin.qq.com; a function when it is known only after listen (sandbox on port 0). */
  apiBase: string | (() => string);
  appId: string;
  appSecret: string;
  /** Token cache in table wechat_tokens, shared across instances… */
  db?: Database;
  /** …or another store (scripts use an in-memory one). One of the two is required. */
  tokenStore?: TokenStore;
  /** The HTTP exchange (a kept-alive node:http transport of its own by default). */
  transport?: HttpTransport;
  /** Budget of one HTTP exchange, body included. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Default `miniprogram_state` of subscribe messages. */
  miniprogramState?: MiniprogramState;
  /** For backoff jitter; tests may pin it. */
  random?: () => number;
}

export interface TemplateMessage {
  /** The 服务号 openid of a follower. */
  touser: string;
  templateId: string;
  /** Keyword → value (sent as `{ value }`); 类目模板 keys such as thing1 are checked before sending. */
  data: Record<string, string>;
  url?: string;
  /** Opens the linked mini-program; the key is `pagepath`, not `path` (WxJava #1367). */
  miniprogram?: { appid: string; pagepath: string };
  /**
   * WeChat sends once per openid + client_msg_id within 10 minutes, so retries cannot double-send.
   * Without one, an id is derived from what is sent (`derivedClientMsgId`): the same message to the
   * same follower twice within 10 minutes then arrives once; give distinct ids to repeat it on purpose.
   */
  clientMsgId?: string;
}

export interface SubscribeMessage {
  /** The mini-program openid. */
  touser: string;
  templateId: string;
  data: Record<string, string>;
  page?: string;
  miniprogramState?: MiniprogramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export type QrCodeRequest = { scene: number | string } & ({ permanent: true } | { permanent?: false; expireSeconds?: number });

export interface QrCode {
  ticket: string;
  /** The URL encoded in the image. */
  url: string;
  /** null for permanent codes. */
  expireSeconds: number | null;
  imageUrl: string;
}

export interface Code2Session {
  openid: string;
  unionid: string | null;
  /** Server-side only: never send it to the mini-program (§1.9). */
  sessionKey: string;
}

/** A follower's basic information (cgi-bin/user/info): only what we use. */
export interface UserInfo {
  openid: string;
  /** false: not following now (WeChat then gives nothing but the openid and the unionid). */
  subscribed: boolean;
  /** Present only when the account is bound to an open-platform account. */
  unionid: string | null;
}

/** user/info/batchget takes at most this many openids per call. */
export const USER_INFO_BATCH_MAX = 100;

export interface WechatClient {
  readonly appId: string;
  sendTemplate(message: TemplateMessage): Promise<SendOk>;
  sendSubscribe(message: SubscribeMessage): Promise<SendOk>;
  /**
   * Customer-service text; only within 48 h of the user's last interaction (45015 otherwise). It has no
   * idempotency key, so a failure after which it may have arrived is raised with `deliveryUnknown`.
   */
  sendCustomText(input: { touser: string; content: string }): Promise<void>;
  createMenu(menu: Menu): Promise<void>;
  /** The current menu, or null when none is set. */
  getMenu(): Promise<Menu | null>;
  code2Session(jsCode: string): Promise<Code2Session>;
  createQrCode(request: QrCodeRequest): Promise<QrCode>;
  /** cgi-bin/user/info: 40003 for an openid that is not this account's. */
  userInfo(openid: string): Promise<UserInfo>;
  /** cgi-bin/user/info/batchget, 1–100 openids; one openid that is not this account's fails the whole call (40003). */
  userInfoBatch(openids: readonly string[]): Promise<UserInfo[]>;
}

/**
 * The `client_msg_id` of a template message that has none: a hash of everything that makes it the same
 * message (recipient, template, data, url, mini-program link), stable across processes and key order.
 */
export function derivedClientMsgId(message: Omit<TemplateMessage, 'clientMsgId'>): string {
  const data = Object.entries(message.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const link = message.miniprogram ? [message.miniprogram.appid, message.miniprogram.pagepath] : null;
  const identity = JSON.stringify([message.touser, message.templateId, data, message.url ?? null, link]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * Whether a call may be sent again after WeChat may have received it: `idempotent` calls have the same
 * effect twice; `at_most_once` ones (sends without an idempotency key) may repeat only when WeChat's
 * answer says it did not act; `single_use` ones (a js_code) never once the request left.
 */
type Repetition = 'idempotent' | 'at_most_once' | 'single_use';

/** Socket errors raised before any byte of the request was sent: nothing can have happened at WeChat. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', CONNECT_TIMEOUT_CODE]);

/** The socket error code of a failed exchange (several addresses tried: an AggregateError of them). */
function socketCode(err: unknown): string | null {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] } | null;
  const code = e?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : null;
}

/** Time for one stable_token fetch at worst: every attempt times out and every wait is the longest. */
function worstCaseFetchMs(timeoutMs: number, retry: RetryPolicy): number {
  let total = retry.attempts * timeoutMs;
  for (let n = 1; n < retry.attempts; n += 1) total += Math.max(retry.minuteQuotaDelayMs, Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (n - 1)));
  return total;
}

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
const SessionAnswer = z.object({ openid: z.string().min(1), session_key: z.string().min(1), unionid: z.string().optional() });
const QrAnswer = z.object({ ticket: z.string().min(1), url: z.string(), expire_seconds: z.number().int().optional() });
const MenuAnswer = z.object({ menu: z.object({ button: z.array(z.record(z.string(), z.unknown())) }) });
const UserInfoAnswer = z.object({ subscribe: z.union([z.literal(0), z.literal(1)]), openid: z.string().min(1), unionid: z.string().min(1).optional() });
const UserInfoListAnswer = z.object({ user_info_list: z.array(UserInfoAnswer) });
const toUserInfo = (u: z.infer<typeof UserInfoAnswer>): UserInfo => ({ openid: u.openid, subscribed: u.subscribe === 1, unionid: u.unionid ?? null });

/** JSON.parse rounds 64-bit ids (co-wechat-api #89), so msgid is read from the raw text. */
export function msgidOf(text: string): string | null {
  return /"msgid"\s*:\s*"?(\d+)"?/.exec(text)?.[1] ?? null;
}

const MAX_TEMPORARY_QR_SECONDS = 2_592_000;

function qrBody(request: QrCodeRequest): Record<string, unknown> {
  const { scene } = request;
  if (typeof scene === 'string') {
    if (scene.length < 1 || scene.length > 64) throw new RangeError('QR scene_str must be 1–64 characters');
  } else if (!Number.isInteger(scene) || scene < 1 || scene > (request.permanent ? 100_000 : 0xffff_ffff)) {
    throw new RangeError(`QR scene_id must be an integer in 1–${request.permanent ? '100000' : '4294967295'}`);
  }
  const info = { scene: typeof scene === 'string' ? { scene_str: scene } : { scene_id: scene } };
  const str = typeof scene === 'string' ? '_STR' : '';
  if (request.permanent) return { action_name: `QR_LIMIT${str}_SCENE`, action_info: info };
  // WeChat's own default is 30 s, which surprises everyone; a week is the useful default.
  const expire = request.expireSeconds ?? 604_800;
  if (!Number.isInteger(expire) || expire < 1 || expire > MAX_TEMPORARY_QR_SECONDS) {
    throw new RangeError(`QR expireSeconds must be 1–${MAX_TEMPORARY_QR_SECONDS}`);
  }
  return { expire_seconds: expire, action_name: `QR${str}_SCENE`, action_info: info };
}

/** WeChat returns leaves with `sub_button: []`; our Menu has no such field. */
function normaliseMenu(buttons: Record<string, unknown>[]): unknown {
  const strip = (b: Record<string, unknown>): Record<string, unknown> => {
    const { sub_button: subs, ...rest } = b;
    if (Array.isArray(subs) && subs.length > 0) return { name: b.name, sub_button: (subs as Record<string, unknown>[]).map(strip) };
    return rest;
  };
  return { button: buttons.map(strip) };
}

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const { appId, appSecret, clock, logger } = options;
  const transport = options.transport ?? createHttpTransport();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  // A refresh lease outlasts the slowest fetch, plus a margin for the database round trips around it.
  const leaseMs = worstCaseFetchMs(timeoutMs, retry) + 2_000;
  const store = options.tokenStore ?? (options.db ? createDbTokenStore({ db: options.db, clock, logger, leaseMs }) : undefined);
  if (!store) throw new Error('createWechatClient needs db or tokenStore');
  const random = options.random ?? Math.random;
  const base = typeof options.apiBase === 'function' ? options.apiBase : () => options.apiBase as string;
  const log = logger.child({ module: 'wechat-api', appId });

  interface Answer {
    text: string;
    json: Record<string, unknown>;
  }

  /** One HTTP exchange, every failure typed. URLs are never logged: they carry the token or the secret. */
  async function exchange(api: string, method: 'GET' | 'POST', path: string, input: { query?: Record<string, string>; body?: unknown }): Promise<Answer> {
    const url = new URL(`${base().replace(/\/$/, '')}${path}`);
    for (const [k, v] of Object.entries(input.query ?? {})) url.searchParams.set(k, v);
    const started = Date.now();
    let status: number;
    let text: string;
    try {
      ({ status, text } = await transport({
        method,
        url,
        headers: input.body === undefined ? undefined : { 'content-type': 'application/json; charset=utf-8' },
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
        timeoutMs,
      }));
    } catch (err) {
      const timedOut = err instanceof HttpTimeoutError;
      const code = socketCode(err);
      const errmsg = timedOut ? `no answer within ${timeoutMs} ms` : `${String((err as { message?: unknown } | null)?.message ?? err)}${code !== null ? ` (${code})` : ''}`;
      // A timeout may strike after WeChat acted; only a connection that never opened is known to be harmless.
      const deliveryUnknown = timedOut || code === null || !NOT_SENT_CODES.has(code);
      log.debug({ api, ms: Date.now() - started, kind: timedOut ? 'timeout' : 'network', code, deliveryUnknown }, 'WeChat call failed');
      throw new WechatApiError({ api, kind: timedOut ? 'timeout' : 'network', errmsg, transient: true, deliveryUnknown, cause: err });
    }
    log.debug({ api, ms: Date.now() - started, status }, 'WeChat call');
    if (status < 200 || status >= 300) {
      // A 5xx may come from a gateway after the platform behind it acted; a 4xx means the request was refused.
      const serverSide = status >= 500;
      throw new WechatApiError({ api, kind: 'http_status', errmsg: `HTTP ${status}`, httpStatus: status, transient: serverSide, deliveryUnknown: serverSide });
    }
    // From here WeChat answered 200: a body we cannot read may still stand for a call it carried out.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WechatApiError({ api, kind: 'bad_response', errmsg: 'answer is not JSON', transient: false, deliveryUnknown: true });
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new WechatApiError({ api, kind: 'bad_response', errmsg: 'answer is not a JSON object', transient: false, deliveryUnknown: true });
    }
    const { errcode, errmsg } = json as { errcode?: unknown; errmsg?: unknown };
    if (typeof errcode === 'number' && errcode !== 0) throw errcodeError(api, errcode, typeof errmsg === 'string' ? errmsg : '');
    return { text, json: json as Record<string, unknown> };
  }

  function parse<S extends z.ZodType>(api: string, schema: S, json: unknown): z.output<S> {
    const result = schema.safeParse(json);
    if (!result.success) throw new WechatApiError({ api, kind: 'bad_response', errmsg: `unexpected answer: ${result.error.issues[0]?.message ?? ''}`, transient: false });
    return result.data;
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so instances do not retry in step. */
  function backoffMs(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  /** Whether sending `api` again after `err` cannot make WeChat act twice (see the module comment). */
  function mayRepeat(err: WechatApiError, repetition: Repetition): boolean {
    if (!err.transient) return false;
    if (err.deliveryUnknown) return repetition === 'idempotent';
    if (err.kind === 'network') return true; // the request never left
    return repetition !== 'single_use'; // an errcode answer: WeChat did not act
  }

  async function withRetries<T>(api: string, repetition: Repetition, attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n += 1) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof WechatApiError) || n >= retry.attempts) throw err;
        if (!mayRepeat(err, repetition)) {
          if (err.transient) log.warn({ api, kind: err.kind, errcode: err.errcode, rid: err.rid, deliveryUnknown: err.deliveryUnknown }, 'WeChat failure not retried: repeating the call could make WeChat act twice');
          throw err;
        }
        const delayMs = err.errcode === WECHAT_ERRCODES.apiMinuteQuota ? Math.max(retry.minuteQuotaDelayMs, backoffMs(n)) : backoffMs(n);
        log.warn({ api, attempt: n, kind: err.kind, errcode: err.errcode, rid: err.rid, delayMs }, 'transient WeChat failure; retrying');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** stable_token in normal mode only: force_refresh invalidates the token for every instance (§1.6). */
  async function fetchToken(): Promise<FetchedToken> {
    // Normal mode hands out the same token while it is valid, so asking again changes nothing.
    const answer = await withRetries('stable_token', 'idempotent', () =>
      exchange('stable_token', 'POST', '/cgi-bin/stable_token', {
        body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false },
      }),
    );
    const parsed = parse('stable_token', TokenAnswer, answer.json);
    log.info({ expiresIn: parsed.expires_in }, 'access token fetched');
    return { accessToken: parsed.access_token, expiresInSeconds: parsed.expires_in };
  }

  // Callers of one process share one lookup (on PGlite that is the whole story); the store's lease covers other instances.
  const pending = new Map<string, Promise<string>>();
  function obtainToken(rejected?: string): Promise<string> {
    const key = rejected ?? '';
    let promise = pending.get(key);
    if (!promise) {
      promise = store!.obtain(appId, fetchToken, rejected).finally(() => pending.delete(key));
      pending.set(key, promise);
    }
    return promise;
  }

  /**
   * The token of the current busy period: calls that overlap one another (a push sending thousands a
   * second) share the token the first of them read, re-read every TOKEN_REREAD_MS, instead of reading the
   * database once per call. A call made while none is in flight reads the database, the shared source, as
   * before. A token WeChat refuses is replaced through `obtainToken`, as for any call.
   */
  let inFlight = 0;
  let shared: { token: Promise<string>; readAt: number } | null = null;
  function sharedToken(): Promise<string> {
    if (shared && performance.now() - shared.readAt < TOKEN_REREAD_MS) return shared.token;
    const entry = { token: store!.peek(appId).then((t) => t ?? obtainToken()), readAt: performance.now() };
    shared = entry;
    entry.token.catch(() => {
      if (shared === entry) shared = null;
    });
    return entry.token;
  }

  /**
   * A call with the access token. A refused token (40001/40014/42001) is replaced only if it is still
   * the stored one, then the call is retried once; a second refusal is raised, never looped (§1.6).
   */
  async function authorized(api: string, repetition: Repetition, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    inFlight += 1;
    try {
      return await authorizedCall(api, repetition, method, path, body);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) shared = null;
    }
  }

  async function authorizedCall(api: string, repetition: Repetition, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const send = (token: string) => withRetries(api, repetition, () => exchange(api, method, path, { query: { access_token: token }, body }));
    const token = await sharedToken();
    try {
      return await send(token);
    } catch (err) {
      if (!(err instanceof WechatApiError && err.isTokenError)) throw err;
      log.info({ api, errcode: err.errcode, rid: err.rid }, 'access token refused; refreshing once');
      const fresh = await obtainToken(token);
      if (inFlight > 1) shared = { token: Promise.resolve(fresh), readAt: performance.now() };
      try {
        return await send(fresh);
      } catch (again) {
        if (again instanceof WechatApiError && again.isTokenError) {
          log.error({ api, errcode: again.errcode, rid: again.rid }, 'access token refused again right after a refresh (secret rotated? forced refresh elsewhere?)');
        }
        throw again;
      }
    }
  }

  function sent(api: string, answer: Answer): SendOk {
    const msgid = msgidOf(answer.text);
    if (msgid === null) throw new WechatApiError({ api, kind: 'bad_response', errmsg: 'answer has no msgid', transient: false });
    return { ok: true, msgid };
  }

  const wrap = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }]));

  return {
    appId,

    async sendTemplate(message) {
      assertWithinLimits(message.data, 'template');
      const body = {
        touser: message.touser,
        template_id: message.templateId,
        ...(message.url !== undefined ? { url: message.url } : {}),
        ...(message.miniprogram ? { miniprogram: { appid: message.miniprogram.appid, pagepath: message.miniprogram.pagepath } } : {}),
        client_msg_id: message.clientMsgId ?? derivedClientMsgId(message),
        data: wrap(message.data),
      };
      return sent('template_send', await authorized('template_send', 'idempotent', 'POST', '/cgi-bin/message/template/send', body));
    },

    async sendSubscribe(message) {
      assertWithinLimits(message.data, 'subscribe');
      const body = {
        touser: message.touser,
        template_id: message.templateId,
        ...(message.page !== undefined ? { page: message.page } : {}),
        miniprogram_state: message.miniprogramState ?? options.miniprogramState ?? 'formal',
        lang: message.lang ?? 'zh_CN',
        data: wrap(message.data),
      };
      return sent('subscribe_send', await authorized('subscribe_send', 'at_most_once', 'POST', '/cgi-bin/message/subscribe/send', body));
    },

    async sendCustomText({ touser, content }) {
      await authorized('custom_send', 'at_most_once', 'POST', '/cgi-bin/message/custom/send', { touser, msgtype: 'text', text: { content } });
    },

    async createMenu(menu) {
      await authorized('menu_create', 'idempotent', 'POST', '/cgi-bin/menu/create', Menu.parse(menu));
    },

    async getMenu() {
      try {
        const answer = await authorized('menu_get', 'idempotent', 'GET', '/cgi-bin/menu/get');
        return parse('menu_get', Menu, normaliseMenu(parse('menu_get', MenuAnswer, answer.json).menu.button));
      } catch (err) {
        if (err instanceof WechatApiError && err.errcode === WECHAT_ERRCODES.menuMissing) return null;
        throw err;
      }
    },

    async code2Session(jsCode) {
      const query = { appid: appId, secret: appSecret, js_code: jsCode, grant_type: 'authorization_code' };
      const answer = await withRetries('jscode2session', 'single_use', () => exchange('jscode2session', 'GET', '/sns/jscode2session', { query }));
      // Some answers carry errcode 0 alongside the data: success is the presence of openid (§1.9).
      const parsed = parse('jscode2session', SessionAnswer, answer.json);
      return { openid: parsed.openid, unionid: parsed.unionid ?? null, sessionKey: parsed.session_key };
    },

    async createQrCode(request) {
      // A second ticket for the same scene is harmless, so a lost answer may be asked again.
      const answer = await authorized('qrcode_create', 'idempotent', 'POST', '/cgi-bin/qrcode/create', qrBody(request));
      const parsed = parse('qrcode_create', QrAnswer, answer.json);
      return {
        ticket: parsed.ticket,
        url: parsed.url,
        expireSeconds: request.permanent ? null : (parsed.expire_seconds ?? null),
        imageUrl: `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(parsed.ticket)}`,
      };
    },

    async userInfo(openid) {
      // A read: asking again changes nothing at WeChat.
      const answer = await authorized('user_info', 'idempotent', 'GET', `/cgi-bin/user/info?openid=${encodeURIComponent(openid)}&lang=zh_CN`);
      return toUserInfo(parse('user_info', UserInfoAnswer, answer.json));
    },

    async userInfoBatch(openids) {
      if (openids.length < 1 || openids.length > USER_INFO_BATCH_MAX) throw new RangeError(`user/info/batchget takes 1–${USER_INFO_BATCH_MAX} openids`);
      const body = { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) };
      const answer = await authorized('user_info_batchget', 'idempotent', 'POST', '/cgi-bin/user/info/batchget', body);
      return parse('user_info_batchget', UserInfoListAnswer, answer.json).user_info_list.map(toUserInfo);
    },
  };
}
