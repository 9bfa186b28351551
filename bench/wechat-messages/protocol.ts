import { loadConfig } from '../../server/src/config';
import { HELP_TEXT } from '../../server/src/wechat/message-server/answers';

/**
 * What the parent and its server children agree on. The real system runs with the sandbox account of an
 * empty environment plus an EncodingAESKey, i.e. in 安全模式 (research/wechat.md §1.2, §1.5).
 */

/** The bare Koa ceiling, node-webot's co-wechat, or our system on one database engine. */
export type Target = 'bare' | 'co-wechat' | 'pglite' | 'postgres';

/** Every server answers POSTs here (co-wechat answers any path; the bare app only this one). */
export const WECHAT_PATH = '/wechat';

/** Our servers only: wechat_inbound rows by status and delivery, to check that every message was claimed once. */
export const INBOUND_STATS_PATH = '/__bench/inbound';

export interface InboundStats {
  rows: number;
  byOutcome: Record<string, number>;
}

/** Used by this bench only: 43 base64 characters that decode to 32 bytes. */
export const AES_KEY = 'zjBenchWechatMessagesSafeModeKey0123456789A';

/** The 服务号's 原始ID, the ToUserName of every push. */
export const GH_ID = 'gh_7f083739789a';

/** Token and appid as our system runs them (the sandbox defaults), with the bench key. */
export function benchAccount(): { token: string; appId: string; aesKey: string } {
  const config = loadConfig({ WECHAT_AES_KEY: AES_KEY });
  return { token: config.wechat.token, appId: config.wechat.appId, aesKey: AES_KEY };
}

/** co-wechat's fixed answer: our help text, about as long as a keyword answer (~900 bytes of UTF-8). */
export const FIXED_TEXT = HELP_TEXT;

/** The bare route's whole answer. */
export const BARE_REPLY = 'ok';
