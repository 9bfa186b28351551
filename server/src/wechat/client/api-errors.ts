/**
 * The error vocabulary of the platform client (research/wechat.md §1.6–1.9, §3). Every failed call
 * becomes one `WechatApiError`: `transient` says whether trying again later can help, `deliveryUnknown`
 * whether WeChat may already have carried the call out (so a blind retry could send a message twice).
 */

/**
 * How a call failed: WeChat answered with an errcode, or it never answered usefully (timeout, network,
 * HTTP status, a body that is not the documented JSON).
 */
export type WechatFailureKind = 'errcode' | 'timeout' | 'network' | 'http_status' | 'bad_response';

/**
 * Worth trying again: -1 system busy, 45011 the per-minute limit. An errcode answer means WeChat did
 * not carry the call out, so these are retried even for sends without an idempotency key. 45009 (the
 * daily quota) is not here: it lasts until the day ends, so it is raised at once for the caller to park.
 */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45011]);

/** The access token was refused: drop it (if still current), fetch once, retry once (§1.6). */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** Errcodes the code base names; everything else is still typed, by number. */
export const WECHAT_ERRCODES = {
  systemBusy: -1,
  invalidCredential: 40001,
  invalidOpenId: 40003,
  invalidAppId: 40013,
  invalidAccessToken: 40014,
  invalidCode: 40029,
  invalidTemplateId: 40037,
  invalidAppSecret: 40125,
  codeUsed: 40163,
  accessTokenMissing: 41001,
  invalidPage: 41030,
  accessTokenExpired: 42001,
  requireSubscribe: 43004,
  userRefused: 43101,
  apiQuota: 45009,
  apiMinuteQuota: 45011,
  outOfCustomerServiceWindow: 45015,
  menuMissing: 46003,
  dataFormat: 47001,
  argumentInvalid: 47003,
  apiUnauthorized: 48001,
} as const;

export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  /** Which call failed, e.g. `template_send` (never the URL: it would carry the access token). */
  readonly api: string;
  readonly kind: WechatFailureKind;
  /** WeChat's errcode, or null when WeChat never answered with one. */
  readonly errcode: number | null;
  readonly errmsg: string;
  /** WeChat's request id from the errmsg (`… rid: 64f0b2a1-…`), quoted when asking WeChat support. */
  readonly rid: string | null;
  readonly transient: boolean;
  /**
   * The request may have reached WeChat and been carried out, but no answer says so: a timeout after
   * sending, a connection lost mid-exchange, an HTTP 5xx. A send failing this way may have been
   * delivered; record it as unknown rather than failed, and never resend it blindly.
   */
  readonly deliveryUnknown: boolean;
  /** How long to wait before trying again, when WeChat's answer implies one (45011: the minute window). */
  readonly retryAfterMs: number | null;
  readonly httpStatus: number | null;

  constructor(input: {
    api: string;
    kind: WechatFailureKind;
    errcode?: number | null;
    errmsg: string;
    transient: boolean;
    deliveryUnknown?: boolean;
    retryAfterMs?: number | null;
    httpStatus?: number | null;
    cause?: unknown;
  }) {
    const code = input.errcode ?? null;
    super(`WeChat ${input.api} failed: ${code === null ? input.kind : `errcode ${code}`} ${input.errmsg}`.trim(), { cause: input.cause });
    this.api = input.api;
    this.kind = input.kind;
    this.errcode = code;
    this.errmsg = input.errmsg;
    this.rid = parseRid(input.errmsg);
    this.transient = input.transient;
    this.deliveryUnknown = input.deliveryUnknown ?? false;
    this.retryAfterMs = input.retryAfterMs ?? null;
    this.httpStatus = input.httpStatus ?? null;
  }

  get isTokenError(): boolean {
    return this.errcode !== null && TOKEN_ERRCODES.has(this.errcode);
  }

  /** 45009: this API's quota for the day is used up; nothing more goes through until the day ends. */
  get isDailyQuotaReached(): boolean {
    return this.errcode === WECHAT_ERRCODES.apiQuota;
  }
}

/** WeChat's per-minute limits are counted per minute: after 45011 the next minute is the earliest sure pass. */
export const MINUTE_QUOTA_RETRY_AFTER_MS = 60_000;

/** An answer `{ errcode, errmsg }` with a non-zero errcode, typed. WeChat did not carry the call out. */
export function errcodeError(api: string, errcode: number, errmsg: string): WechatApiError {
  const retryAfterMs = errcode === WECHAT_ERRCODES.apiMinuteQuota ? MINUTE_QUOTA_RETRY_AFTER_MS : null;
  return new WechatApiError({ api, kind: 'errcode', errcode, errmsg, transient: TRANSIENT_ERRCODES.has(errcode), retryAfterMs });
}

export function parseRid(errmsg: string): string | null {
  return /\brid:\s*([A-Za-z0-9-]+)/.exec(errmsg)?.[1] ?? null;
}
