import { randomInt } from 'node:crypto';
import { createMessageCrypto } from '../wechat/protocol/message-crypto';
import { sha1Signature } from '../wechat/protocol/signature';
import { buildXml, toEpochSeconds } from '../wechat/protocol/xml';

export interface JobFinish {
  /** The 服务号's 原始ID (gh_…), ToUserName of every push. */
  originalId: string;
  openid: string;
  /** Digits only; written bare like WeChat does, since it can exceed 2^53. */
  msgid: string;
  status: string;
  now: Date;
}

export interface PushTarget {
  url: string;
  token: string;
  appId: string;
  /** Set = 安全模式: the body is encrypted and carries msg_signature (research/wechat.md §1.2, §1.5). */
  aesKey: string | null;
}

/** The TEMPLATESENDJOBFINISH event XML of research/wechat.md §1.3 (MsgID with a capital D). */
export function jobFinishXml(job: JobFinish): string {
  if (!/^\d+$/.test(job.msgid)) throw new Error('msgid must be digits');
  const head = buildXml({
    ToUserName: job.originalId,
    FromUserName: job.openid,
    CreateTime: toEpochSeconds(job.now),
    MsgType: 'event',
    Event: 'TEMPLATESENDJOBFINISH',
  });
  const tail = buildXml({ Status: job.status });
  // buildXml wraps strings in CDATA and refuses unsafe numbers; WeChat sends MsgID as bare digits.
  return `${head.slice(0, -'</xml>'.length)}<MsgID>${job.msgid}</MsgID>${tail.slice('<xml>'.length)}`;
}

/** Signs (and in 安全模式 encrypts) a push the way WeChat does and returns the request to send. */
export function signedPush(target: PushTarget, push: { xml: string; toUser: string; openid: string; now: Date }): { url: string; body: string } {
  const { xml, openid, now } = push;
  const timestamp = String(toEpochSeconds(now));
  const nonce = String(randomInt(100_000_000, 2_000_000_000));
  const url = new URL(target.url);
  url.searchParams.set('signature', sha1Signature(target.token, timestamp, nonce));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('openid', openid);
  if (target.aesKey === null) return { url: url.toString(), body: xml };

  const crypto = createMessageCrypto({ token: target.token, encodingAesKey: target.aesKey, appId: target.appId });
  const encrypt = crypto.encrypt(xml);
  url.searchParams.set('encrypt_type', 'aes');
  url.searchParams.set('msg_signature', crypto.sign(timestamp, nonce, encrypt));
  return { url: url.toString(), body: buildXml({ ToUserName: push.toUser, Encrypt: encrypt }) };
}
