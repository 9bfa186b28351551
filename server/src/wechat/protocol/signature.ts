import { hash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's signature scheme: sort the parts as plain strings, join them without a separator,
 * SHA-1, lowercase hex (research/wechat.md §1.1). JS string sort compares UTF-16 code units,
 * the same order as Java's `Arrays.sort` used by the official samples.
 */
export function sha1Signature(...parts: string[]): string {
  // The rest parameter is a fresh array, so sorting it in place touches nothing of the caller's;
  // one-shot hash() costs half of createHash().update().digest() for these short inputs.
  return hash('sha1', parts.sort().join(''), 'hex');
}

/**
 * Constant-time string comparison (§1.2): timingSafeEqual needs equal-length buffers, so a length
 * mismatch is answered up front (the length of a hex digest is not a secret).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Values as they arrive from a query string: any of them may be missing. */
type Maybe = string | undefined | null;

function present(value: Maybe): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * The 3-value `signature` on every push and on the GET URL check (§1.1). The GET `echostr` is
 * echoed only after this returns true, in all three modes.
 */
export function verifyUrlSignature(input: { token: Maybe; timestamp: Maybe; nonce: Maybe; signature: Maybe }): boolean {
  const { token, timestamp, nonce, signature } = input;
  if (!present(token) || !present(timestamp) || !present(nonce) || !present(signature)) return false;
  return constantTimeEqual(sha1Signature(token, timestamp, nonce), signature);
}

/**
 * The 4-value `msg_signature` of 安全/兼容 mode, computed over the base64 `Encrypt` text of the body
 * (§1.2: confusing it with `signature` is the most common safe-mode bug).
 */
export function verifyMsgSignature(input: {
  token: Maybe;
  timestamp: Maybe;
  nonce: Maybe;
  encrypt: Maybe;
  msgSignature: Maybe;
}): boolean {
  const { token, timestamp, nonce, encrypt, msgSignature } = input;
  if (!present(token) || !present(timestamp) || !present(nonce) || !present(encrypt) || !present(msgSignature)) {
    return false;
  }
  return constantTimeEqual(sha1Signature(token, timestamp, nonce, encrypt), msgSignature);
}
