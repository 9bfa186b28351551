import { hash, randomInt } from 'node:crypto';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import { field, type PushFields } from './inbound';
import { createMessageCrypto, WechatCryptoError, type MessageCrypto } from '../protocol/message-crypto';
import { verifyUrlSignature } from '../protocol/signature';
import { encryptedEnvelope, parseXml, toEpochSeconds, WechatXmlError } from '../protocol/xml';

/**
 * The wire side of the message server (research/wechat.md §1.1, §1.2, §1.5): URL verification, turning a
 * POST into authenticated push fields, and sealing a reply in 安全模式. Which check applies is decided by
 * our configuration and the body, never by what the query string claims.
 */

export interface PushSettings {
  token: string;
  appId: string;
  /** EncodingAESKey; null = plaintext only. */
  aesKey: string | null;
  /** Pushes whose signed timestamp is further than this from the clock's now are refused. */
  timestampWindowSeconds: number;
  /** With an AES key: plaintext pushes are accepted too; otherwise only encrypted ones. */
  compatibleMode: boolean;
}

/**
 * What makes a signature single-use when it does not cover the body: the signed `timestamp:nonce` (the
 * signature itself follows from them) and a hash of the raw body, stored with the push's record.
 */
export interface ReplayGuard {
  signatureKey: string;
  bodyHash: string;
}

export type PushFormat = 'xml' | 'json';

export interface OpenedPush {
  fields: PushFields;
  format: PushFormat;
  /** The push came encrypted (and authenticated by msg_signature): the reply must be encrypted too. */
  encrypted: boolean;
  /** Null when no accepted push can reuse this signature for another body (safe mode only). */
  guard: ReplayGuard | null;
}

export type PushQuery = Record<string, string | string[] | undefined>;

export interface PushCodec {
  /** The echostr to echo when the 3-value signature is right; null otherwise. */
  verifyUrl(query: PushQuery): string | null;
  /** Parses, authenticates and (in safe mode) decrypts a POST body; throws a 400/401 AppError. */
  open(query: PushQuery, body: string): OpenedPush;
  /** The encrypted reply envelope for a plaintext reply XML. */
  seal(replyXml: string, nonce: string | undefined): string;
}

export class PushSignatureError extends AppError {
  constructor(message = '签名校验失败') {
    super(401, 'invalid_signature', message);
  }
}

/** A signature that came before with another body: a captured query string carrying a forged push. */
export class ReplayedSignatureError extends AppError {
  constructor() {
    super(401, 'replayed_signature', '该签名已用于另一条消息');
  }
}

const EPOCH_SECONDS = /^[0-9]{1,12}$/;

/** A query parameter given exactly once. */
function single(query: PushQuery, key: string): string | undefined {
  const value = query[key];
  return typeof value === 'string' ? value : undefined;
}

/** JSON numbers, matched where a value starts (outside strings). */
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * JSON.parse with every number kept as its exact source text: 64-bit ids (MsgID, msgid) lose digits as
 * numbers (§1.12), and XML pushes give strings anyway, so both formats reach the handlers alike.
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      JSON_NUMBER.lastIndex = i;
      const match = JSON_NUMBER.exec(text);
      if (match) {
        out += `"${match[0]}"`;
        i += match[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return JSON.parse(out);
}

function parseBody(text: string): { fields: PushFields; format: PushFormat } {
  if (/^\s*\{/.test(text)) {
    let value: unknown;
    try {
      value = parseJsonKeepingNumbers(text);
    } catch {
      throw new AppError(400, 'malformed_body', '消息体不是有效的 JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new AppError(400, 'malformed_body', '消息体必须是 JSON 对象');
    return { fields: value as PushFields, format: 'json' };
  }
  try {
    return { fields: parseXml(text), format: 'xml' };
  } catch (err) {
    if (err instanceof WechatXmlError && err.code === 'doctype_forbidden') throw new AppError(400, 'forbidden_xml', '消息体不允许包含 DOCTYPE 或 ENTITY 声明');
    throw new AppError(400, 'malformed_body', '消息体不是有效的 XML');
  }
}

export function createPushCodec(settings: PushSettings, deps: { clock: Clock; random?: (n: number) => Buffer }): PushCodec {
  const crypto: MessageCrypto | null = settings.aesKey
    ? createMessageCrypto({ token: settings.token, encodingAesKey: settings.aesKey, appId: settings.appId, random: deps.random })
    : null;

  const windowSeconds = settings.timestampWindowSeconds;
  // Safe mode only: msg_signature covers every accepted body, so a signature cannot carry another one.
  const guarded = !crypto || settings.compatibleMode;

  /**
   * The 3-value signature (on every push, in every mode) and its timestamp window, checked before the body
   * is parsed; returns the signature key when the signature must stay single-use.
   */
  function checkSignature(query: PushQuery): string | null {
    const timestamp = single(query, 'timestamp') ?? '';
    const nonce = single(query, 'nonce') ?? '';
    if (!verifyUrlSignature({ token: settings.token, timestamp, nonce, signature: single(query, 'signature') })) throw new PushSignatureError();
    // WeChat's retries repeat the first delivery's query string for ~15 s (§1.2), well inside the window.
    if (!EPOCH_SECONDS.test(timestamp) || Math.abs(toEpochSeconds(deps.clock.now()) - Number(timestamp)) > windowSeconds) {
      throw new AppError(401, 'stale_timestamp', '消息时间戳超出允许的时间范围');
    }
    return guarded ? `${timestamp}:${nonce}` : null;
  }

  function decrypt(query: PushQuery, encrypt: string, c: MessageCrypto): string {
    try {
      return c.verifyAndDecrypt({
        timestamp: single(query, 'timestamp') ?? '',
        nonce: single(query, 'nonce') ?? '',
        encrypt,
        msgSignature: single(query, 'msg_signature') ?? '',
      });
    } catch (err) {
      if (!(err instanceof WechatCryptoError)) throw err;
      if (err.code === 'bad_signature') throw new PushSignatureError('消息签名（msg_signature）校验失败');
      if (err.code === 'appid_mismatch') throw new AppError(401, 'wrong_appid', '消息不是发给本公众号的');
      throw new AppError(400, 'undecryptable', '消息无法解密');
    }
  }

  return {
    verifyUrl(query) {
      const echostr = single(query, 'echostr');
      if (echostr === undefined) return null;
      return verifyUrlSignature({
        token: settings.token,
        timestamp: single(query, 'timestamp'),
        nonce: single(query, 'nonce'),
        signature: single(query, 'signature'),
      })
        ? echostr
        : null;
    },

    open(query, body) {
      const signatureKey = checkSignature(query);
      const guard = signatureKey === null ? null : { signatureKey, bodyHash: hash('sha256', body, 'base64url') };
      const outer = parseBody(body);
      const encrypt = field(outer.fields, 'Encrypt');
      if (encrypt !== '' && crypto) {
        // msg_signature is checked before anything is decrypted (§1.5).
        const inner = parseBody(decrypt(query, encrypt, crypto));
        return { fields: inner.fields, format: inner.format, encrypted: true, guard };
      }
      if (crypto && !settings.compatibleMode) throw new AppError(401, 'encryption_required', '本服务器只接受加密消息（安全模式）');
      if (encrypt !== '' && field(outer.fields, 'MsgType') === '') {
        throw new AppError(400, 'encryption_not_configured', '收到加密消息，但服务器未配置 EncodingAESKey');
      }
      return { fields: outer.fields, format: outer.format, encrypted: false, guard };
    },

    seal(replyXml, nonce) {
      if (!crypto) throw new Error('seal() needs an EncodingAESKey');
      const encrypt = crypto.encrypt(replyXml);
      const timestamp = String(toEpochSeconds(deps.clock.now()));
      const replyNonce = nonce !== undefined && /^[A-Za-z0-9]{1,32}$/.test(nonce) ? nonce : String(randomInt(100_000_000, 999_999_999));
      return encryptedEnvelope({ encrypt, msgSignature: crypto.sign(timestamp, replyNonce, encrypt), timestamp, nonce: replyNonce });
    },
  };
}
