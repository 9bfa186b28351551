import { randomInt } from 'node:crypto';
import { createMessageCrypto } from '../../server/src/wechat/protocol/message-crypto';
import { sha1Signature } from '../../server/src/wechat/protocol/signature';
import { parseXml } from '../../server/src/wechat/protocol/xml';
import { SAMPLE_MARK } from '../../server/src/wechat/message-server/answers';
import { GH_ID, WECHAT_PATH } from './protocol';

/**
 * Safe-mode text messages as WeChat posts them (research/wechat.md §1.2, §1.5; built like
 * server/test/support/wechat-requests.ts): an encrypted `<xml><ToUserName/><Encrypt/></xml>` body and a
 * query with signature, timestamp, nonce, openid, encrypt_type=aes and msg_signature. Every push is a new
 * message: its own MsgId, random AES prefix and nonce.
 */

export interface Push {
  /** Path and query string. */
  path: string;
  body: Buffer;
  openid: string;
  keyword: string;
}

export interface Account {
  token: string;
  appId: string;
  aesKey: string;
}

export interface PushFactory {
  make(): Push;
  /** Pushes made so far. */
  readonly made: number;
}

/**
 * `residents` openids take turns; a prime count keeps every resident from always sending the same keyword.
 * MsgIds are 19-digit (beyond 2^53, as real ones) and unique per run.
 */
export function createPushFactory(account: Account, opts: { keywords: readonly string[]; residents: number }): PushFactory {
  const crypto = createMessageCrypto({ token: account.token, encodingAesKey: account.aesKey, appId: account.appId });
  const runTag = String(Date.now() % 1e10).padStart(10, '0');
  const openids = Array.from({ length: opts.residents }, (_, i) => `oBNCH${runTag}${String(i).padStart(13, '0')}`);
  let made = 0;
  return {
    get made() {
      return made;
    },
    make() {
      const n = made++;
      const openid = openids[n % openids.length]!;
      const keyword = opts.keywords[n % opts.keywords.length]!;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const msgId = `${runTag}${String(n).padStart(9, '0')}`;
      const xml =
        `<xml><ToUserName><![CDATA[${GH_ID}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
        `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${keyword}]]></Content>` +
        `<MsgId>${msgId}</MsgId></xml>`;
      const encrypt = crypto.encrypt(xml);
      const nonce = String(randomInt(100_000_000, 999_999_999));
      const query =
        `signature=${sha1Signature(account.token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}&openid=${openid}` +
        `&encrypt_type=aes&msg_signature=${sha1Signature(account.token, timestamp, nonce, encrypt)}`;
      const body = Buffer.from(`<xml><ToUserName><![CDATA[${GH_ID}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
      return { path: `${WECHAT_PATH}?${query}`, body, openid, keyword };
    },
  };
}

/**
 * Pushes made before a run so that encrypting and signing them does not load the generator during it.
 * `cycle` hands the same pool out again and again (the references keep no state); `take` hands each push
 * out once and makes more on the spot when the pool runs dry (counted, so the report shows it).
 */
export class PushPool {
  private pushes: Push[] = [];
  private next = 0;
  /** Pushes made during a run because the pool ran dry. */
  madeLive = 0;

  constructor(private readonly factory: PushFactory) {}

  /** Makes pushes until `count` unused ones are ready; returns the ms it took. */
  fill(count: number): number {
    const started = performance.now();
    this.pushes = this.pushes.slice(this.next);
    this.next = 0;
    while (this.pushes.length < count) this.pushes.push(this.factory.make());
    return performance.now() - started;
  }

  get available(): number {
    return this.pushes.length - this.next;
  }

  take(): Push {
    if (this.next < this.pushes.length) return this.pushes[this.next++]!;
    this.madeLive++;
    return this.factory.make();
  }

  cycle(): Push {
    if (this.next >= this.pushes.length) this.next = 0;
    return this.pushes[this.next++]!;
  }
}

/** A 200 whose body is the 安全模式 reply envelope (checked in full on samples, see verifyReply). */
export function looksEncrypted(body: string): boolean {
  return body.startsWith('<xml><Encrypt><![CDATA[') && body.includes('</MsgSignature>') && body.endsWith('</xml>');
}

/** The demo content is sample data: answers drawn from it carry this line under their first. */
const SAMPLE_LINE = String.raw`(?:${SAMPLE_MARK}\n)?`;

/**
 * The keywords sent, and what each answer must show: published content (figures, listed items), not the
 * "nothing published" fallback of answers.ts.
 */
export const ANSWER_MARKERS: Readonly<Record<string, RegExp>> = {
  最低工资: /^镇江市现行最低工资标准[\s\S]*月最低工资：\d+/,
  补贴: new RegExp(String.raw`补贴政策：\n${SAMPLE_LINE}\n1\. [\s\S]*\n标准：`),
  招聘: new RegExp(String.raw`(正在报名的招聘公告|即将开始报名)：\n${SAMPLE_LINE}\n*1\. `),
  '12333': /^12333人社服务热线\n/,
};

/**
 * Checks a reply in full: MsgSignature over TimeStamp, Nonce and Encrypt; decryption with the appid check;
 * a text reply to this push's resident from our gh_ id whose Content is the expected one. Returns the
 * problem, or null.
 */
export function verifyReply(account: Account, body: string, push: Push, expect: (content: string, push: Push) => string | null): string | null {
  try {
    if (!looksEncrypted(body)) return `not an encrypted reply: ${body.slice(0, 80)}`;
    const outer = parseXml(body);
    const encrypt = String(outer.Encrypt);
    if (sha1Signature(account.token, String(outer.TimeStamp), String(outer.Nonce), encrypt) !== outer.MsgSignature) return 'MsgSignature does not verify';
    const crypto = createMessageCrypto({ token: account.token, encodingAesKey: account.aesKey, appId: account.appId });
    const reply = parseXml(crypto.decrypt(encrypt));
    if (reply.ToUserName !== push.openid) return `ToUserName ${String(reply.ToUserName)} is not the sender ${push.openid}`;
    if (reply.FromUserName !== GH_ID) return `FromUserName ${String(reply.FromUserName)} is not ${GH_ID}`;
    if (reply.MsgType !== 'text') return `MsgType ${String(reply.MsgType)}`;
    return expect(String(reply.Content ?? ''), push);
  } catch (err) {
    return `unreadable reply: ${err instanceof Error ? err.message : String(err)}`;
  }
}
