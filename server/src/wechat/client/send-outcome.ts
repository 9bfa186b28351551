import { WECHAT_ERRCODES, WechatApiError, type WechatFailureKind } from './api-errors';
import { MessageLimitError } from './message-limits';

/** A message WeChat accepted; `msgid` is a string because it can exceed 2^53 (§1.7, §3 item 8). */
export interface SendOk {
  ok: true;
  msgid: string;
}

/** A failed send as data, for a push pipeline that records each recipient's outcome and moves on. */
export interface SendFailure {
  ok: false;
  /** WeChat's errcode; 47003 for values refused before sending; null when WeChat never answered. */
  errcode: number | null;
  errmsg: string;
  kind: WechatFailureKind | 'rejected_locally';
  transient: boolean;
  /** WeChat may have delivered it (timeout, lost connection, 5xx): record "unknown", do not resend blindly. */
  deliveryUnknown: boolean;
  /** When WeChat's answer says how long to wait (45011), else null. */
  retryAfterMs: number | null;
  rid: string | null;
}

export type SendOutcome = SendOk | SendFailure;

/** Runs a send and returns its outcome; only errors that are not about the message (bugs) are thrown. */
export async function sendOutcome(send: () => Promise<SendOk>): Promise<SendOutcome> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof WechatApiError) {
      const { errcode, errmsg, kind, transient, deliveryUnknown, retryAfterMs, rid } = err;
      return { ok: false, errcode, errmsg, kind, transient, deliveryUnknown, retryAfterMs, rid };
    }
    if (err instanceof MessageLimitError) {
      return { ok: false, errcode: WECHAT_ERRCODES.argumentInvalid, errmsg: err.message, kind: 'rejected_locally', transient: false, deliveryUnknown: false, retryAfterMs: null, rid: null };
    }
    throw err;
  }
}
