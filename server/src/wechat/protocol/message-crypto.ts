import { createCipheriv, createDecipheriv, type Cipher, type Decipher } from 'node:crypto';
import { createRandomPool } from '../../random-pool';
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
const AES_BLOCK = 16;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const HEADER_BYTES = RANDOM_BYTES + LENGTH_BYTES;
const RANDOM_POOL_BYTES = 4096;

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

/**
 * Canonical base64 (the alphabet, `=` only as one or two final characters, length % 4 === 0), decoded;
 * null otherwise. Buffer.from(…, 'base64') silently skips junk, and every skipped character leaves the
 * output shorter than length / 4 * 3 − padding, which is what is checked. The decoder does accept what
 * the length cannot reveal: base64url's `-` and `_`, and non-ASCII characters (it reads their low byte),
 * so those are refused first. A regex over the whole text cost more than the decoding itself.
 */
function decodeBase64(text: string): Buffer | null {
  if (text.length === 0 || text.length % 4 !== 0) return null;
  if (Buffer.byteLength(text, 'utf8') !== text.length || text.includes('-') || text.includes('_')) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const data = Buffer.from(text, 'base64');
  return data.length === (text.length / 4) * 3 - padding ? data : null;
}

// One fill serves 256 replies.
const defaultRandom = createRandomPool(RANDOM_POOL_BYTES);

/** random(16) ‖ msg_len ‖ msg ‖ appid ‖ PKCS#7 padding to 32 bytes, written into one buffer. */
function frame(prefix: Buffer, xml: string, appIdBytes: Buffer): Buffer {
  const msgLength = Buffer.byteLength(xml, 'utf8');
  const unpadded = HEADER_BYTES + msgLength + appIdBytes.length;
  const amount = PAD_BLOCK - (unpadded % PAD_BLOCK); // 1..32; a full block when already aligned
  const plain = Buffer.allocUnsafe(unpadded + amount); // every byte is written below
  prefix.copy(plain, 0);
  plain.writeUInt32BE(msgLength, RANDOM_BYTES);
  plain.write(xml, HEADER_BYTES, 'utf8');
  appIdBytes.copy(plain, HEADER_BYTES + msgLength);
  plain.fill(amount, unpadded);
  return plain;
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

interface Cbc {
  /** Encrypts whole blocks; `plain` is used as scratch space. */
  encrypt(plain: Buffer): Buffer;
  /** Decrypts whole blocks. */
  decrypt(data: Buffer): Buffer;
}

function xorFirstBlock(target: Buffer, a: Buffer, b: Buffer): void {
  for (let i = 0; i < AES_BLOCK; i += 1) target[i]! ^= a[i]! ^ b[i]!;
}

/**
 * AES-256-CBC with a fixed IV through one long-lived OpenSSL context per direction: a new context per
 * message cost ~4 µs each way. With padding off and whole blocks, the only state a context carries from
 * one call to the next is its chaining block (the last ciphertext block so far), used where the IV was.
 * XOR-ing the first block with chain ⊕ IV (before encrypting, after decrypting) cancels it, so every
 * call gives exactly what a fresh context with the IV would. A failed call drops the context.
 */
function createCbc(key: Buffer, iv: Buffer): Cbc {
  let cipher: Cipher | null = null;
  let decipher: Decipher | null = null;
  const encryptChain = Buffer.alloc(AES_BLOCK);
  const decryptChain = Buffer.alloc(AES_BLOCK);

  return {
    encrypt(plain) {
      if (!cipher) {
        cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        iv.copy(encryptChain);
      }
      xorFirstBlock(plain, encryptChain, iv);
      let out: Buffer;
      try {
        out = cipher.update(plain);
      } catch (err) {
        cipher = null;
        throw err;
      }
      out.copy(encryptChain, 0, out.length - AES_BLOCK);
      return out;
    },
    decrypt(data) {
      if (!decipher) {
        decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
        iv.copy(decryptChain);
      }
      let out: Buffer;
      try {
        out = decipher.update(data);
      } catch (err) {
        decipher = null;
        throw err;
      }
      xorFirstBlock(out, decryptChain, iv);
      data.copy(decryptChain, 0, data.length - AES_BLOCK);
      return out;
    },
  };
}

export function createMessageCrypto(options: MessageCryptoOptions): MessageCrypto {
  const { token, appId } = options;
  if (typeof token !== 'string' || token.length === 0) throw new WechatCryptoError('bad_config', 'token is required');
  if (typeof appId !== 'string' || appId.length === 0) throw new WechatCryptoError('bad_config', 'appId is required');
  const key = decodeAesKey(options.encodingAesKey);
  const cbc = createCbc(key, key.subarray(0, 16));
  const appIdBytes = Buffer.from(appId, 'utf8');
  const random = options.random ?? defaultRandom;

  function encrypt(xml: string): string {
    const prefix = random(RANDOM_BYTES);
    if (!Buffer.isBuffer(prefix) || prefix.length !== RANDOM_BYTES) {
      throw new WechatCryptoError('bad_config', `random source must return ${RANDOM_BYTES} bytes`);
    }
    return cbc.encrypt(frame(prefix, xml, appIdBytes)).toString('base64');
  }

  function decrypt(encryptB64: string): string {
    const data = typeof encryptB64 === 'string' ? decodeBase64(encryptB64) : null;
    if (!data) throw new WechatCryptoError('bad_base64', 'Encrypt is not valid base64');
    if (data.length === 0 || data.length % PAD_BLOCK !== 0) {
      throw new WechatCryptoError('bad_length', 'ciphertext length must be a non-zero multiple of 32');
    }
    const plain = unpad(cbc.decrypt(data));
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
