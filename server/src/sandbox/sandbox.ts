import { createHash, randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { createBatcher } from '../db/batcher';
import type { Database } from '../db/database';
import type { AppState } from '../http/state';
import { WECHAT_ERRCODES as E } from '../wechat/client/api-errors';
import { Menu } from '../wechat/client/menu';
import { createHttpTransport, type HttpTransport } from '../wechat/client/http-transport';
import { findViolations } from '../wechat/client/message-limits';
import { CustomBody, errorAnswer, json, menuErrcode, QrBody, randomMsgId, SubscribeBody, TemplateBody, TokenBody, UserListBody, type ApiInput, type SandboxAnswer } from './answers';
import { jobFinishXml, signedPush } from './job-callback';
import { createSandboxRepository, type IssuedToken, type NewMessage } from './repository';
import { createResidentChat, type ResidentChat } from './resident-chat';
import { sandboxRouter } from './routes';
import type { SandboxApi, SandboxCall, SandboxFollower, SandboxInspection } from './types';

/**
 * A local stand-in for api.weixin.qq.com (docs/ARCHITECTURE.md, WeChat): the same paths, JSON and
 * errcodes as the real platform for every call our client makes, with its state in the app's database
 * (sandbox_* tables: a restart keeps chats, deliveries and tokens), an inspectable log, and knobs for the
 * failures tests need (expiring tokens, rate limits, latency, injected errors).
 */

export interface SandboxConfig {
  officialAccount: { appId: string; appSecret: string; token: string; aesKey: string | null };
  miniProgram: { appId: string; secret: string };
  /** 原始ID of the 服务号, ToUserName of the pushes the sandbox sends. */
  originalId?: string;
  /** Lifetime of issued tokens (WeChat: 7200 s). */
  tokenTtlSeconds?: number;
  /** stable_token renews a token this long before it expires; until then it returns the same one (300 s). */
  tokenRenewSeconds?: number;
  /** Business calls per minute before 45011; null = unlimited. */
  rateLimitPerMinute?: number | null;
  /** Business calls per day (Beijing time) before 45009; null = unlimited. */
  dailyQuota?: number | null;
  latencyMs?: number;
  /** Calls the in-memory log keeps at least (10,000); it is trimmed back to this when it reaches twice as many. */
  callLogKept?: number;
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
  /**
   * Carry the call out first and hold only the answer for `delayMs`: WeChat delivered, but the caller
   * times out and cannot tell (the message is recorded, client_msg_id remembered, credit used).
   */
  afterDelivery?: boolean;
  /** How many matching calls it affects (1). */
  times?: number;
}

/** State accessors read the database; the call log (`calls`) and the knobs stay in memory. */
export interface Sandbox extends SandboxInspection {
  /** The routes under /sandbox: the API, /sandbox/_inspect/… for developers, and the resident chat page. */
  router(): Router<AppState>;
  /** Residents following, writing and pressing menu buttons: pushes to our /wechat as WeChat sends them. */
  readonly chat: ResidentChat;
  /** The follower refuses template messages from the account (accepted, then reported failed). */
  block(openid: string): Promise<void>;
  /** A message or click from the user: opens the 48-hour customer-service window. */
  touch(openid: string): Promise<void>;
  /**
   * The openid jscode2session gives for `code` (null for a code it refuses): `fake-code-<name>` (or
   * `fake-code-<name>.<n>`, a fresh code for the same resident) or the H5 build's fixed code. A code
   * works once, as on WeChat (40163 on reuse), except the H5 build's, which it sends at every login.
   */
  openidForCode(code: string): string | null;
  /** Revokes the current tokens (as a force_refresh elsewhere would): they answer 40001 from now on. */
  invalidateTokens(appId?: string): Promise<void>;
  /** Business calls per minute before 45011 (WeChat's per-minute limit); null = unlimited. */
  setRateLimit(perMinute: number | null): void;
  /** Business calls per day before 45009 (the daily quota, over until the day ends); null = unlimited. */
  setDailyQuota(perDay: number | null): void;
  setLatency(ms: number): void;
  injectError(rule: ErrorInjection): void;
  /** The next `times` template jobs report `status` (default 'failed: system failed') instead of success. */
  failTemplateJobs(status?: string, times?: number): void;
  /** Resolves once every TEMPLATESENDJOBFINISH posted so far has been answered or has failed. */
  settled(): Promise<void>;
  /** Forgets logs, followers, credits, menus, chats, injections and limits; issued tokens stay valid. */
  reset(): Promise<void>;
}

export interface SandboxDeps {
  /** The app's database: the sandbox keeps its platform state in the sandbox_* tables. */
  db: Database;
  clock: Clock;
  logger: Logger;
  config: SandboxConfig;
  /** Where TEMPLATESENDJOBFINISH goes (our /wechat); none = no callbacks. A function when known only after listen. */
  callbackUrl?: string | (() => string);
  /** How it posts to /wechat (a kept-alive node:http transport of its own by default). */
  transport?: HttpTransport;
}

/** The openid jscode2session returns for the code 'h5-fake-code' used by the H5 build of the mini-program. */
export const SANDBOX_TEST_OPENID = 'oSbxH5TestUser0000000000001';
export const SANDBOX_H5_CODE = 'h5-fake-code';
/**
 * The unionid jscode2session gives the resident of `fake-code-<name>`: the sandbox apps are bound to one
 * open-platform account, so a person has one unionid across them.
 */
export const sandboxUnionId = (name: string): string => `oU${createHash('sha256').update(`unionid:${name}`).digest('base64url').slice(0, 26)}`;
const NAMED_CODE = /^fake-code-([A-Za-z0-9_-]{1,40})(?:\.[A-Za-z0-9_-]{1,40})?$/;
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const TEMPLATE_ID = /^[A-Za-z0-9_-]{6,64}$/;
const PAGE = /^[A-Za-z0-9_\-/.]+(?:\?[\x21-\x7E]*)?$/;

const CUSTOMER_SERVICE_WINDOW_MS = 48 * 3600_000;
const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000;
/**
 * How long a token read from the database is trusted without reading it again. Revocations made by this
 * sandbox apply at once; the bound covers another sandbox on the same database (a second test instance).
 */
const TOKEN_CACHE_MS = 1_000;
/** Most sends (or callback answers) stored in one transaction. */
const MAX_BATCH = 200;
const ANSWER_LINGER = { minBatch: 50, maxWaitMs: 3 };
const CALL_LOG_KEPT = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What TEMPLATESENDJOBFINISH reports for a follower who blocked the account's messages. */
const BLOCKED_JOB_STATUS = 'failed:user block';

export function createSandbox(deps: SandboxDeps): Sandbox {
  const { clock, config } = deps;
  const log = deps.logger.child({ module: 'sandbox' });
  const transport = deps.transport ?? createHttpTransport();
  const oa = config.officialAccount;
  const mp = config.miniProgram;
  const apps = new Map<string, { secret: string; kind: 'oa' | 'mp' }>([
    [oa.appId, { secret: oa.appSecret, kind: 'oa' }],
    [mp.appId, { secret: mp.secret, kind: 'mp' }],
  ]);
  const ttlMs = (config.tokenTtlSeconds ?? 7200) * 1000;
  const renewMs = Math.min((config.tokenRenewSeconds ?? 300) * 1000, ttlMs / 2);
  const originalId = config.originalId ?? 'gh_5a9d0c3e7f1b';

  const store = createSandboxRepository(deps.db);
  // Every business call checks its token, every template message its follower, and each stores what it
  // did before answering: at thousands of calls a second these go to the database in batches (group
  // commit, db/batcher.ts), each batch committed before any of its calls is answered. Under load a batch
  // waits up to 3 ms for company, a tenth of a typical call's latency on WeChat.
  const tokens = new Map<string, { issued: Promise<IssuedToken | null>; readAt: number }>();
  const deliverTemplate = createBatcher({ maxBatch: MAX_BATCH, linger: ANSWER_LINGER, run: store.deliverTemplates });
  const deliverSubscribe = createBatcher({ maxBatch: MAX_BATCH, linger: ANSWER_LINGER, run: store.deliverSubscribes });
  // Nobody waits for these: a longer wait, bigger batches.
  type JobReport = Parameters<typeof store.insertJobReports>[0][number];
  const recordJobReport = createBatcher<JobReport, void>({
    maxBatch: MAX_BATCH,
    linger: { minBatch: MAX_BATCH, maxWaitMs: 20 },
    run: async (reports) => {
      await store.insertJobReports(reports);
      return reports.map(() => undefined);
    },
  });
  let calls: SandboxCall[] = [];
  const callLogKept = config.callLogKept ?? CALL_LOG_KEPT;
  let inFlight = new Map<SandboxApi, { now: number; peak: number }>();
  let injections: (ErrorInjection & { times: number })[] = [];
  let jobFailures: { status: string; times: number }[] = [];
  let rateLimit = config.rateLimitPerMinute ?? null;
  let dailyQuota = config.dailyQuota ?? null;
  let dailyCalls = { day: -1, count: 0 };
  let usedCodes = new Set<string>();
  let latencyMs = config.latencyMs ?? 0;
  let recentCalls: number[] = [];
  const pendingCallbacks = new Set<Promise<void>>();
  let seq = 0;

  const now = () => clock.now().getTime();
  const iso = () => clock.now().toISOString();
  const callbackTarget = () => (typeof deps.callbackUrl === 'function' ? deps.callbackUrl() : deps.callbackUrl);

  function checkOpenid(openid: string): void {
    if (!OPENID.test(openid)) throw new Error(`sandbox: invalid openid ${JSON.stringify(openid)}`);
  }

  /** The app a token belongs to, or the errcode WeChat would answer. */
  async function authorize(query: Record<string, string>, kind: 'oa' | 'mp'): Promise<{ appId: string } | SandboxAnswer> {
    const token = query.access_token;
    if (!token) return errorAnswer(E.accessTokenMissing, null);
    let cached = tokens.get(token);
    if (!cached || performance.now() - cached.readAt > TOKEN_CACHE_MS) {
      // Calls arriving together share one read (a hundred in flight would each read it).
      const read = { issued: store.token(token), readAt: performance.now() };
      void read.issued.catch(() => {
        if (tokens.get(token) === read) tokens.delete(token);
      });
      tokens.set(token, (cached = read));
    }
    const issued = await cached.issued;
    if (!issued || issued.revoked) return errorAnswer(E.invalidCredential, null);
    if (issued.expiresAt <= now()) return errorAnswer(E.accessTokenExpired, issued.appId);
    if (apps.get(issued.appId)?.kind !== kind) return errorAnswer(E.apiUnauthorized, issued.appId);
    return { appId: issued.appId };
  }

  async function revoke(filter: Parameters<typeof store.revokeTokens>[0]): Promise<void> {
    await store.revokeTokens(filter);
    tokens.clear();
  }

  async function issueToken(appId: string): Promise<string> {
    const token = randomBytes(48).toString('base64url');
    await store.issueToken(token, appId, now() + ttlMs);
    return token;
  }

  function violation(data: Record<string, { value: string }>, kind: 'template' | 'subscribe', appId: string): SandboxAnswer | null {
    const flat = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.value]));
    const first = findViolations(flat, kind)[0];
    return first ? errorAnswer(E.argumentInvalid, appId, `argument invalid! data.${first.key}.value invalid`) : null;
  }

  /** The status the template job of a follower who did not block the account reports: an injected failure, or success. */
  function jobStatus(): { status: string; injected: boolean } {
    const failure = jobFailures[0];
    if (!failure) return { status: 'success', injected: false };
    if (--failure.times <= 0) jobFailures.shift();
    return { status: failure.status, injected: true };
  }

  /** Posts TEMPLATESENDJOBFINISH and records the report with how /wechat answered. */
  function postJobFinish(target: string, openid: string, msgid: string, status: string): void {
    const xml = jobFinishXml({ originalId, openid, msgid, status, now: clock.now() });
    const request = signedPush({ url: target, token: oa.token, appId: oa.appId, aesKey: oa.aesKey }, { xml, toUser: originalId, openid, now: clock.now() });
    const done = (async () => {
      let outcome: { httpStatus: number; answer: string } | { error: string };
      try {
        const res = await transport({ method: 'POST', url: request.url, headers: { 'content-type': 'text/xml' }, body: request.body, timeoutMs: 5000 });
        outcome = { httpStatus: res.status, answer: res.text };
      } catch (err) {
        outcome = { error: (err as Error).message };
        log.warn({ msgid, err: outcome.error }, 'TEMPLATESENDJOBFINISH could not be delivered');
      }
      // The database may be gone when the sandbox stops mid-callback; the report is then not recorded.
      await recordJobReport({ msgid, openid, status, outcome }).catch((err: unknown) => log.warn({ msgid, err }, 'TEMPLATESENDJOBFINISH report not recorded'));
    })();
    pendingCallbacks.add(done);
    void done.finally(() => pendingCallbacks.delete(done));
  }

  /**
   * cgi-bin/user/info's answer for each openid (two reads for a batch of 100), or null for one that is not
   * an openid of this account (40003). A follower gets the documented fields; a resident who does not
   * follow only subscribe 0, openid and unionid. Every sandbox user has a unionid (the apps are bound to one
   * open-platform account): a named resident's is shared with their mini-program login, anyone else's is
   * their own.
   */
  async function userInfos(openids: readonly string[]): Promise<(Record<string, unknown> | null)[]> {
    const valid = openids.filter((openid) => OPENID.test(openid));
    const [followers, residents] = valid.length === 0 ? [[], []] : await Promise.all([store.followersAmong(valid), store.residentsAmong(valid)]);
    const followerOf = new Map(followers.map((f) => [f.openid, f]));
    const residentOf = new Map(residents.map((r) => [r.openid, r]));
    return openids.map((openid) => userInfo(openid, followerOf.get(openid), residentOf.get(openid)));
  }

  function userInfo(openid: string, follower: SandboxFollower | undefined, resident: { unionid: string | null } | undefined): Record<string, unknown> | null {
    if (!follower && !resident) return null;
    const unionid = resident?.unionid ?? sandboxUnionId(`openid:${openid}`);
    if (!follower) return { subscribe: 0, openid, unionid, tagid_list: [] };
    return {
      subscribe: 1,
      openid,
      subscribe_time: Math.floor(Date.parse(follower.followedAt) / 1000),
      unionid,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_OTHERS',
      qr_scene: 0,
      qr_scene_str: '',
    };
  }

  const handlers: Record<SandboxApi, (input: ApiInput) => Promise<SandboxAnswer>> = {
    async user_info({ query }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const [info] = await userInfos([query.openid ?? '']);
      return info ? json(info, auth.appId) : errorAnswer(E.invalidOpenId, auth.appId);
    },

    async user_info_batchget({ query, body }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = UserListBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const list = parsed.data.user_list;
      if (list.length === 0 || list.length > 100) return errorAnswer(40032, auth.appId);
      const infos = await userInfos(list.map((u) => u.openid));
      // As on WeChat, one openid that is not the account's fails the whole call.
      if (infos.some((i) => i === null)) return errorAnswer(E.invalidOpenId, auth.appId);
      return json({ user_info_list: infos }, auth.appId);
    },


    async stable_token({ body }) {
      const parsed = TokenBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, null);
      const { grant_type, appid, secret, force_refresh } = parsed.data;
      if (grant_type !== 'client_credential') return errorAnswer(40002, appid);
      const app = apps.get(appid);
      if (!app) return errorAnswer(E.invalidAppId, null);
      if (app.secret !== secret) return errorAnswer(E.invalidAppSecret, appid);
      const issued = await store.currentToken(appid);
      if (force_refresh && issued) await revoke({ token: issued.token });
      // Normal mode: the same token while it has more than the renewal window left; old and new then overlap.
      if (!force_refresh && issued && !issued.revoked && issued.expiresAt - now() > renewMs) {
        return json({ access_token: issued.token, expires_in: Math.floor((issued.expiresAt - now()) / 1000) }, appid);
      }
      return json({ access_token: await issueToken(appid), expires_in: Math.floor(ttlMs / 1000) }, appid);
    },

    async template_send({ query, body }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = TemplateBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const m = parsed.data;
      if (!OPENID.test(m.touser)) return errorAnswer(E.invalidOpenId, auth.appId);
      if (!TEMPLATE_ID.test(m.template_id)) return errorAnswer(E.invalidTemplateId, auth.appId);
      const invalid = violation(m.data, 'template', auth.appId);
      if (invalid) return invalid;
      const target = callbackTarget();
      const message: NewMessage & { msgid: string } = {
        at: iso(),
        kind: 'template',
        appId: auth.appId,
        touser: m.touser,
        msgid: randomMsgId(),
        templateId: m.template_id,
        data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, v.value])),
        ...(m.url !== undefined ? { url: m.url } : {}),
        ...(m.miniprogram ? { miniprogram: m.miniprogram } : {}),
        ...(m.client_msg_id !== undefined ? { clientMsgId: m.client_msg_id } : {}),
      };
      // The follower check and the storing (with the client_msg_id) are one statement, before the answer: a
      // crash after it loses nothing. A blocked follower's job reports the block.
      const job = target ? jobStatus() : null;
      const sent = await deliverTemplate({ message, reusableBefore: new Date(now() - CLIENT_MSG_ID_WINDOW_MS) });
      // Not stored (not a follower, or a repeat) or blocked: the injected failure is the next job's.
      if (job?.injected && (sent.outcome !== 'stored' || sent.blocked)) jobFailures.unshift({ status: job.status, times: 1 });
      if (sent.outcome === 'not_follower') return errorAnswer(E.requireSubscribe, auth.appId);
      if (target && job && sent.outcome === 'stored') postJobFinish(target, m.touser, sent.msgid, sent.blocked ? BLOCKED_JOB_STATUS : job.status);
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId, sent.msgid);
    },

    async subscribe_send({ query, body }) {
      const auth = await authorize(query, 'mp');
      if ('status' in auth) return auth;
      const parsed = SubscribeBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const m = parsed.data;
      if (!OPENID.test(m.touser)) return errorAnswer(E.invalidOpenId, auth.appId);
      if (!TEMPLATE_ID.test(m.template_id)) return errorAnswer(E.invalidTemplateId, auth.appId);
      if (m.page !== undefined && !PAGE.test(m.page)) return errorAnswer(E.invalidPage, auth.appId);
      const invalid = violation(m.data, 'subscribe', auth.appId);
      if (invalid) return invalid;
      const sent = await deliverSubscribe({
        at: iso(),
        kind: 'subscribe',
        appId: auth.appId,
        touser: m.touser,
        msgid: randomMsgId(),
        templateId: m.template_id,
        data: Object.fromEntries(Object.entries(m.data).map(([k, v]) => [k, v.value])),
        ...(m.page !== undefined ? { page: m.page } : {}),
        miniprogramState: m.miniprogram_state ?? 'formal',
      });
      if (sent === null) return errorAnswer(E.userRefused, auth.appId);
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId, sent);
    },

    async custom_send({ query, body }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = CustomBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const follower = await store.follower(parsed.data.touser);
      if (!follower) return errorAnswer(E.requireSubscribe, auth.appId);
      if (now() - Date.parse(follower.lastInteractionAt) > CUSTOMER_SERVICE_WINDOW_MS) return errorAnswer(E.outOfCustomerServiceWindow, auth.appId);
      await store.insertMessage({
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

    async menu_create({ query, body }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = Menu.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return errorAnswer(menuErrcode(issue), auth.appId, `invalid menu: ${issue.path.join('.')} ${issue.message}`);
      }
      await store.setMenu(auth.appId, parsed.data);
      return json({ errcode: 0, errmsg: 'ok' }, auth.appId);
    },

    async menu_get({ query }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const menu = await store.menu(auth.appId);
      if (!menu) return errorAnswer(E.menuMissing, auth.appId);
      // As WeChat answers: every button carries sub_button, empty on leaves.
      const withSubs = (b: object) => ('sub_button' in b ? { ...b, sub_button: (b.sub_button as object[]).map((s) => ({ ...s, sub_button: [] })) } : { ...b, sub_button: [] });
      return json({ menu: { button: menu.button.map(withSubs) } }, auth.appId);
    },

    async jscode2session({ query }) {
      const app = apps.get(query.appid ?? '');
      if (!app || app.kind !== 'mp') return errorAnswer(E.invalidAppId, null);
      if (app.secret !== query.secret) return errorAnswer(E.invalidAppSecret, query.appid!);
      if (query.grant_type !== 'authorization_code') return errorAnswer(40002, query.appid!);
      const code = query.js_code ?? '';
      const openid = sandbox.openidForCode(code);
      if (openid === null) return errorAnswer(E.invalidCode, query.appid!);
      if (usedCodes.has(code)) return errorAnswer(E.codeUsed, query.appid!, 'code been used');
      if (code !== SANDBOX_H5_CODE) usedCodes.add(code);
      const name = NAMED_CODE.exec(code)?.[1];
      return json({ openid, session_key: randomBytes(16).toString('base64'), ...(name === undefined ? {} : { unionid: sandboxUnionId(name) }) }, query.appid!);
    },

    async qrcode_create({ query, body }) {
      const auth = await authorize(query, 'oa');
      if ('status' in auth) return auth;
      const parsed = QrBody.safeParse(body);
      if (!parsed.success) return errorAnswer(E.dataFormat, auth.appId);
      const q = parsed.data;
      const permanent = q.action_name.startsWith('QR_LIMIT');
      const scene = 'scene_id' in q.action_info.scene ? String(q.action_info.scene.scene_id) : q.action_info.scene.scene_str;
      const expire = 'expire_seconds' in q ? (q.expire_seconds ?? 30) : null;
      const ticket = randomBytes(24).toString('base64');
      await store.insertQrCode({ ticket, scene, permanent, expiresAt: expire === null ? null : new Date(now() + expire * 1000).toISOString() });
      const url = `http://weixin.qq.com/q/${randomBytes(12).toString('base64url')}`;
      return json({ ticket, ...(expire === null ? {} : { expire_seconds: expire }), url }, auth.appId);
    },
  };

  /** Latency, injected failures and the rate limit come first, as they would at WeChat's edge. */
  /** The limit a business call runs into, if any: the day's quota first (it outlasts the minute). */
  function overLimit(api: SandboxApi): number | null {
    if (api === 'stable_token') return null;
    const day = Math.floor((now() + 8 * 3600_000) / 86_400_000); // the quota resets at midnight in Beijing
    if (dailyCalls.day !== day) dailyCalls = { day, count: 0 };
    if (dailyQuota !== null && dailyCalls.count >= dailyQuota) return E.apiQuota;
    dailyCalls.count += 1;
    if (rateLimit === null) return null;
    // Filtering the whole minute on every call cost O(calls per minute) each: at 2,000 calls a second that
    // alone saturated the sandbox. The times are in order, so the expired ones are at the front.
    const expired = recentCalls.findIndex((t) => t > now() - 60_000);
    recentCalls = expired === -1 ? [] : expired === 0 ? recentCalls : recentCalls.slice(expired);
    if (recentCalls.length >= rateLimit) {
      dailyCalls.count -= 1;
      return E.apiMinuteQuota;
    }
    recentCalls.push(now());
    return null;
  }

  async function call(api: SandboxApi, input: ApiInput): Promise<SandboxAnswer> {
    let gauge = inFlight.get(api);
    if (!gauge) inFlight.set(api, (gauge = { now: 0, peak: 0 }));
    gauge.peak = Math.max(gauge.peak, ++gauge.now);
    try {
      return await handle(api, input);
    } finally {
      gauge.now -= 1;
    }
  }

  async function handle(api: SandboxApi, input: ApiInput): Promise<SandboxAnswer> {
    if (latencyMs > 0) await sleep(latencyMs);
    const rule = injections.find((r) => r.api === api);
    if (rule && --rule.times <= 0) injections = injections.filter((r) => r !== rule);
    if (rule?.delayMs && !rule.afterDelivery) await sleep(rule.delayMs);
    const limit = rule?.httpStatus === undefined && rule?.errcode === undefined ? overLimit(api) : null;
    let answer: SandboxAnswer;
    if (rule?.httpStatus !== undefined) {
      answer = { status: rule.httpStatus, body: '<html><body>502 Bad Gateway</body></html>', errcode: -2, appId: null };
    } else if (rule?.errcode !== undefined) {
      answer = errorAnswer(rule.errcode, null, rule.errmsg);
    } else if (limit !== null) {
      answer = errorAnswer(limit, null);
    } else {
      answer = await handlers[api](input);
    }
    if (rule?.delayMs && rule.afterDelivery) await sleep(rule.delayMs);
    const forceRefresh = api === 'stable_token' ? { forceRefresh: (input.body as { force_refresh?: unknown } | undefined)?.force_refresh === true } : {};
    if (calls.length >= 2 * callLogKept) calls = calls.slice(-callLogKept);
    calls.push({ seq: ++seq, at: iso(), api, appId: answer.appId, errcode: answer.errcode, httpStatus: answer.status, ...forceRefresh });
    log.debug({ api, errcode: answer.errcode }, 'sandbox call');
    return answer;
  }

  const chat = createResidentChat({
    clock,
    logger: deps.logger,
    transport,
    officialAccount: oa,
    originalId,
    miniProgramAppId: mp.appId,
    callbackUrl: callbackTarget,
    store,
    platform: {
      isFollowing: async (openid) => (await store.follower(openid)) !== null,
      followers: () => store.followers(),
      follow: (openid) => sandbox.follow(openid),
      unfollow: (openid) => sandbox.unfollow(openid),
      touch: (openid) => sandbox.touch(openid),
      menu: () => sandbox.menu(),
      messagesTo: (openid, afterSeq) => store.messages(openid, afterSeq),
    },
  });

  const sandbox: Sandbox = {
    router: () => sandboxRouter({ call, inspection: sandbox, chat, openidForCode: (code) => sandbox.openidForCode(code) }),
    chat,
    get calls() {
      return calls;
    },
    callsTo: (api) => calls.filter((c) => c.api === api),
    peakInFlight: (api) => inFlight.get(api)?.peak ?? 0,
    messages: () => store.messages(),
    messagesTo: (openid) => store.messages(openid),
    jobReports: () => store.jobReports(),
    qrCodes: () => store.qrCodes(),
    async follow(openid) {
      checkOpenid(openid);
      await store.follow(openid, clock.now());
    },
    unfollow: (openid) => store.unfollow(openid),
    async block(openid) {
      if (!(await store.block(openid))) throw new Error(`sandbox: ${openid} does not follow the account`);
    },
    touch: (openid) => store.touch(openid, clock.now()),
    followers: () => store.followers(),
    async grantSubscribeCredit(openid, templateId, count = 1) {
      checkOpenid(openid);
      await store.grantCredit(openid, templateId, count);
    },
    subscribeCredit: (openid, templateId) => store.credit(openid, templateId),
    openidForCode(code) {
      if (code === SANDBOX_H5_CODE) return SANDBOX_TEST_OPENID;
      const name = NAMED_CODE.exec(code)?.[1];
      if (name === undefined) return null;
      // Stable per name and app, shaped like a real openid (28 characters).
      return `o${createHash('sha256').update(`${mp.appId}:${name}`).digest('base64url').slice(0, 27)}`;
    },
    async namedResident(name) {
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(name)) throw new Error(`sandbox: invalid resident name ${JSON.stringify(name)}`);
      const openid = `o${createHash('sha256').update(`${oa.appId}:${name}`).digest('base64url').slice(0, 27)}`;
      const unionid = sandboxUnionId(name);
      await store.registerNamedResident(openid, unionid, clock.now());
      return { openid, unionid };
    },
    invalidateTokens: (appId) => revoke(appId === undefined ? 'all' : { appId }),
    setRateLimit(perMinute) {
      rateLimit = perMinute;
      recentCalls = [];
    },
    setDailyQuota(perDay) {
      dailyQuota = perDay;
      dailyCalls = { day: -1, count: 0 };
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
    menu: () => store.menu(oa.appId),
    async settled() {
      while (pendingCallbacks.size > 0) await Promise.all([...pendingCallbacks]);
    },
    async reset() {
      calls = [];
      inFlight = new Map();
      injections = [];
      jobFailures = [];
      rateLimit = config.rateLimitPerMinute ?? null;
      dailyQuota = config.dailyQuota ?? null;
      dailyCalls = { day: -1, count: 0 };
      usedCodes = new Set();
      latencyMs = config.latencyMs ?? 0;
      recentCalls = [];
      await store.clear();
    },
  };
  return sandbox;
}
