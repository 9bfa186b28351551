import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sha1Signature, verifyMsgSignature } from './signature';

/**
 * WeChat 安全模式 message encryption, implemented strictly per research/wechat.md §1.5 (the official
 * WXBizMsgCrypt samples). Existing Node packages pad to 16 bytes or skip the appid check (§4), which is
 * why this is written in-house.
 */

export type WechatCryptoErrorCode =
  | 'bad_signature' // msg_signature does not match (official -40001)
  | 'bad_key' // EncodingAESKey is not 43 base64 chars / 32 bytes (official -40004)
  | 'bad_config' // token or appId missing, or an injected random source misbehaves
  | 'bad_base64' // Encrypt is not canonical base64 (official -40010)
  | 'bad_length' // ciphertext or embedded msg_len out of bounds (official -40008)
  | 'bad_padding' // PKCS#7/32 padding invalid (official -40007)
  | 'appid_mismatch'; // trailing appid is not ours (official -40005)

export class WechatCryptoError extends Error {
  override readonly name = 'WechatCryptoError';

  constructor(
    readonly code: WechatCryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface MessageCryptoOptions {
  token: string;
  /** The 43-character key from the 服务号 push configuration. */
  encodingAesKey: string;
  /** Our appid; every decrypted message must end with it. */
  appId: string;
  /** Injected only by tests to make encryption deterministic (vector A). */
  random?: (n: number) => Buffer;
}

export interface MessageCrypto {
  /** Base64 `Encrypt` → the plaintext XML, untrimmed (§1.5: real plaintexts contain `\n`). */
  decrypt(encryptB64: string): string;
  /** Checks msg_signature first, then decrypts (the order §1.5 prescribes). */
  verifyAndDecrypt(input: { timestamp: string; nonce: string; encrypt: string; msgSignature: string }): string;
  /** Plaintext reply XML → base64 `Encrypt`. */
  encrypt(xml: string): string;
  /** msg_signature = sha1(sort([token, timestamp, nonce, encrypt])). */
  sign(timestamp: string, nonce: string, encrypt: string): string;
}

/** WeChat pads to 32-byte blocks, not the AES block size of 16 (§1.5, §3 item 7). */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const HEADER_BYTES = RANDOM_BYTES + LENGTH_BYTES;
/** Canonical base64 together with `length % 4 === 0`; the grouped form backtracked, at ~1% of the CPU per push. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * AESKey = base64decode(EncodingAESKey + "="). The official example key ends in a non-canonical
 * character ('G'), so only the alphabet and the decoded length are checked, not canonical form.
 */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (typeof encodingAesKey !== 'string' || !/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new WechatCryptoError('bad_key', 'EncodingAESKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('bad_key', 'EncodingAESKey must decode to 32 bytes');
  return key;
}

function pad(data: Buffer): Buffer {
  const amount = PAD_BLOCK - (data.length % PAD_BLOCK); // 1..32; a full block when already aligned
  return Buffer.concat([data, Buffer.alloc(amount, amount)]);
}

function unpad(data: Buffer): Buffer {
  const amount = data[data.length - 1] ?? 0;
  if (amount < 1 || amount > PAD_BLOCK || amount > data.length) {
    throw new WechatCryptoError('bad_padding', 'invalid padding');
  }
  for (let i = data.length - amount; i < data.length; i += 1) {
    if (data[i] !== amount) throw new WechatCryptoError('bad_padding', 'invalid padding');
  }
  return data.subarray(0, data.length - amount);
}

export function createMessageCrypto(options: MessageCryptoOptions): MessageCrypto {
  const { token, appId } = options;
  if (typeof token !== 'string' || token.length === 0) throw new WechatCryptoError('bad_config', 'token is required');
  if (typeof appId !== 'string' || appId.length === 0) throw new WechatCryptoError('bad_config', 'appId is required');
  const key = decodeAesKey(options.encodingAesKey);
  const iv = key.subarray(0, 16);
  const appIdBytes = Buffer.from(appId, 'utf8');
  const random = options.random ?? randomBytes;

  function encrypt(xml: string): string {
    const prefix = random(RANDOM_BYTES);
    if (!Buffer.isBuffer(prefix) || prefix.length !== RANDOM_BYTES) {
      throw new WechatCryptoError('bad_config', `random source must return ${RANDOM_BYTES} bytes`);
    }
    const msg = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(msg.length, 0);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const plain = pad(Buffer.concat([prefix, length, msg, appIdBytes]));
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  function decrypt(encryptB64: string): string {
    // Buffer.from(…, 'base64') silently skips junk, so reject non-base64 explicitly.
    if (typeof encryptB64 !== 'string' || encryptB64.length === 0 || encryptB64.length % 4 !== 0 || !BASE64.test(encryptB64)) {
      throw new WechatCryptoError('bad_base64', 'Encrypt is not valid base64');
    }
    const data = Buffer.from(encryptB64, 'base64');
    if (data.length === 0 || data.length % PAD_BLOCK !== 0) {
      throw new WechatCryptoError('bad_length', 'ciphertext length must be a non-zero multiple of 32');
    }
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
    if (plain.length < HEADER_BYTES) throw new WechatCryptoError('bad_length', 'plaintext too short');
    const msgLength = plain.readUInt32BE(RANDOM_BYTES);
    if (HEADER_BYTES + msgLength > plain.length) throw new WechatCryptoError('bad_length', 'msg_len exceeds plaintext');
    const msgEnd = HEADER_BYTES + msgLength;
    if (!plain.subarray(msgEnd).equals(appIdBytes)) {
      throw new WechatCryptoError('appid_mismatch', 'message is not addressed to this appid');
    }
    return plain.subarray(HEADER_BYTES, msgEnd).toString('utf8');
  }

  function sign(timestamp: string, nonce: string, encrypted: string): string {
    return sha1Signature(token, timestamp, nonce, encrypted);
  }

  function verifyAndDecrypt(input: { timestamp: string; nonce: string; encrypt: string; msgSignature: string }): string {
    if (!verifyMsgSignature({ token, ...input })) throw new WechatCryptoError('bad_signature', 'msg_signature mismatch');
    return decrypt(input.encrypt);
  }

  return { decrypt, verifyAndDecrypt, encrypt, sign };
}
