/**
 * The error vocabulary of the platform client (research/wechat.md §1.6–1.9, §3). Every failed call
 * becomes one `WechatApiError`; `transient` decides whether it is worth trying again.
 */

/**
 * How a call failed: WeChat answered with an errcode, or it never answered usefully (timeout, network,
 * HTTP status, a body that is not the documented JSON).
 */
export type WechatFailureKind = 'errcode' | 'timeout' | 'network' | 'http_status' | 'bad_response';

/**
 * Worth retrying with backoff: -1 system busy, 45009/45011 API frequency limits. (45009 is a daily
 * quota on the real platform; it is retried a bounded number of times like the per-minute limit and
 * then surfaces as transient, so a push pipeline can park the delivery rather than fail it for good.)
 */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45011]);

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
  readonly httpStatus: number | null;

  constructor(input: {
    api: string;
    kind: WechatFailureKind;
    errcode?: number | null;
    errmsg: string;
    transient: boolean;
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
    this.httpStatus = input.httpStatus ?? null;
  }

  get isTokenError(): boolean {
    return this.errcode !== null && TOKEN_ERRCODES.has(this.errcode);
  }
}

/** An answer `{ errcode, errmsg }` with a non-zero errcode, typed. */
export function errcodeError(api: string, errcode: number, errmsg: string): WechatApiError {
  return new WechatApiError({ api, kind: 'errcode', errcode, errmsg, transient: TRANSIENT_ERRCODES.has(errcode) });
}

export function parseRid(errmsg: string): string | null {
  return /\brid:\s*([A-Za-z0-9-]+)/.exec(errmsg)?.[1] ?? null;
}
