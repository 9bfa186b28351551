import { createCipheriv, createDecipheriv } from 'node:crypto';
import { createMessageCrypto, decodeAesKey, WechatCryptoError, type WechatCryptoErrorCode } from './message-crypto';
import { verifyMsgSignature } from './signature';

// Vectors copied verbatim from research/wechat.md "Test vectors".
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const A = {
  token: 'pamtest',
  appId: 'wxb11529c136998cb6',
  timestamp: '1409304348',
  nonce: 'xxxxxx',
  random: 'aaaabbbbccccdddd',
  a1Plain: '我是中文abcd123',
  a1Encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  a1Signature: '82c962d39941aa48552f90ef55aa323dc620cc10',
  a2Plain:
    '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
  a2Encrypt:
    'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
  a2Signature: 'ea88b765074e41eb8c7a75b449db34fa2fd560d5',
};

const C = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
  plain:
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>',
};

const fixedRandom = (n: number): Buffer => Buffer.from(A.random, 'latin1').subarray(0, n);
const cryptoA = createMessageCrypto({ token: A.token, encodingAesKey: KEY, appId: A.appId, random: fixedRandom });
const cryptoC = createMessageCrypto({ token: C.token, encodingAesKey: KEY, appId: C.appId });

/** Independent raw AES helpers (no padding logic) to inspect and forge ciphertexts. */
const key = Buffer.from(`${KEY}=`, 'base64');
function rawDecrypt(b64: string): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]);
}
function rawEncrypt(plain: Buffer): string {
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}
/** random(16) || len || msg || appid, without padding. */
function frame(msg: string, appId: string, declaredLength?: number): Buffer {
  const body = Buffer.from(msg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(declaredLength ?? body.length, 0);
  return Buffer.concat([Buffer.from(A.random, 'latin1'), len, body, Buffer.from(appId, 'utf8')]);
}

function expectCode(run: () => unknown, code: WechatCryptoErrorCode): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WechatCryptoError);
  expect((caught as WechatCryptoError).code).toBe(code);
}

describe('vector A (official Java sample, fixed random)', () => {
  it('when A1 is encrypted with the fixed random, then the ciphertext and msg_signature are exact', () => {
    const encrypted = cryptoA.encrypt(A.a1Plain);
    expect(encrypted).toBe(A.a1Encrypt);
    expect(cryptoA.sign(A.timestamp, A.nonce, encrypted)).toBe(A.a1Signature);
    expect(cryptoA.decrypt(encrypted)).toBe(A.a1Plain);
  });

  it('when A2 (XML with Chinese) is encrypted, then the ciphertext and msg_signature are exact', () => {
    const encrypted = cryptoA.encrypt(A.a2Plain);
    expect(encrypted).toBe(A.a2Encrypt);
    expect(cryptoA.sign(A.timestamp, A.nonce, encrypted)).toBe(A.a2Signature);
    expect(cryptoA.verifyAndDecrypt({ timestamp: A.timestamp, nonce: A.nonce, encrypt: A.a2Encrypt, msgSignature: A.a2Signature })).toBe(
      A.a2Plain,
    );
  });
});

describe('vector C (official Python sample, decrypt)', () => {
  it('when the body Encrypt is verified and decrypted, then the plaintext is exact, newlines included', () => {
    const plain = cryptoC.verifyAndDecrypt({ timestamp: C.timestamp, nonce: C.nonce, encrypt: C.encrypt, msgSignature: C.msgSignature });
    expect(plain).toBe(C.plain);
    expect(Buffer.byteLength(plain, 'utf8')).toBe(280);
  });

  it('when the ciphertext is inspected, then it carries pad 2 and the expected appid', () => {
    const raw = rawDecrypt(C.encrypt);
    expect(raw.length).toBe(320);
    expect([...raw.subarray(-2)]).toEqual([2, 2]);
    expect(raw.readUInt32BE(16)).toBe(280);
    expect(raw.subarray(20 + 280, -2).toString('utf8')).toBe(C.appId);
  });

  it('when signed with our sign(), then the official msg_signature is reproduced', () => {
    expect(cryptoC.sign(C.timestamp, C.nonce, C.encrypt)).toBe(C.msgSignature);
  });
});

describe('negative vectors', () => {
  const query = { timestamp: C.timestamp, nonce: C.nonce, encrypt: C.encrypt, msgSignature: C.msgSignature };

  it('when one character of msg_signature is flipped, then bad_signature is raised before decrypting', () => {
    const flipped = (C.msgSignature[0] === '0' ? '1' : '0') + C.msgSignature.slice(1);
    expectCode(() => cryptoC.verifyAndDecrypt({ ...query, msgSignature: flipped }), 'bad_signature');
    expectCode(() => cryptoC.verifyAndDecrypt({ ...query, msgSignature: '' }), 'bad_signature');
  });

  it('when the Encrypt text is altered, then bad_signature is raised', () => {
    expectCode(() => cryptoC.verifyAndDecrypt({ ...query, encrypt: `a${C.encrypt.slice(1)}` }), 'bad_signature');
  });

  it('when the message is addressed to another appid, then appid_mismatch is raised', () => {
    const other = createMessageCrypto({ token: C.token, encodingAesKey: KEY, appId: 'wx_other_appid' });
    expectCode(() => other.verifyAndDecrypt(query), 'appid_mismatch');
    const prefix = createMessageCrypto({ token: C.token, encodingAesKey: KEY, appId: 'wx2c2769f8efd9abc' });
    expectCode(() => prefix.decrypt(C.encrypt), 'appid_mismatch');
  });

  it('when the padding is invalid, then bad_padding is raised', () => {
    const base = frame('<xml/>', C.appId); // 16 + 4 + 6 + 18 = 44 bytes
    expect(base.length).toBe(44);
    const zeroPad = Buffer.concat([base, Buffer.alloc(20, 0)]);
    const tooLarge = Buffer.concat([base, Buffer.alloc(20, 33)]);
    const inconsistent = Buffer.concat([base, Buffer.alloc(19, 20), Buffer.from([19])]);
    const mixed = Buffer.concat([base, Buffer.alloc(18, 20), Buffer.from([7, 20])]);
    for (const plain of [zeroPad, tooLarge, inconsistent, mixed]) {
      expect(plain.length % 32).toBe(0);
      expectCode(() => cryptoC.decrypt(rawEncrypt(plain)), 'bad_padding');
    }
  });

  it('when the plaintext is padded to 16 instead of 32 bytes, then bad_length is raised', () => {
    // 44 bytes padded to 48 with pad 4 is not a multiple of 32: rejected by length first.
    expectCode(() => cryptoC.decrypt(rawEncrypt(Buffer.concat([frame('<xml/>', C.appId), Buffer.alloc(4, 4)]))), 'bad_length');
  });

  it('when the ciphertext is truncated or tiny, then bad_length is raised', () => {
    const full = Buffer.from(C.encrypt, 'base64');
    expectCode(() => cryptoC.decrypt(full.subarray(0, full.length - 16).toString('base64')), 'bad_length');
    expectCode(() => cryptoC.decrypt(full.subarray(0, full.length - 1).toString('base64')), 'bad_length');
    expectCode(() => cryptoC.decrypt('YWJj'), 'bad_length');
  });

  it('when the Encrypt text is not base64, then bad_base64 is raised', () => {
    for (const junk of ['', 'not base64!', `${C.encrypt}\n`, C.encrypt.slice(0, -1), '====']) {
      expectCode(() => cryptoC.decrypt(junk), 'bad_base64');
    }
  });

  it('when the Encrypt text only looks like base64 to a lenient decoder, then bad_base64 is raised', () => {
    const at = (i: number, ch: string) => `${C.encrypt.slice(0, i)}${ch}${C.encrypt.slice(i + 1)}`;
    const junk = [
      at(8, '-'), // base64url alphabet
      at(8, '_'),
      at(8, 'Ł'), // U+0141: its low byte is 'A'
      at(8, 'Ａ'), // full-width A
      at(8, ' '),
      at(8, '='), // padding inside the text
      at(C.encrypt.length - 3, '='), // three padding characters
      `${C.encrypt.slice(0, -4)}\r\n==`,
    ];
    for (const text of junk) {
      expect(text.length % 4).toBe(0);
      expectCode(() => cryptoC.decrypt(text), 'bad_base64');
    }
  });

  it('when msg_len points past the end, or the plaintext is shorter than its header, then bad_length is raised', () => {
    const lying = frame('<xml/>', C.appId, 0xffffffff);
    expectCode(() => cryptoC.decrypt(rawEncrypt(Buffer.concat([lying, Buffer.alloc(20, 20)]))), 'bad_length');
    const short = Buffer.concat([Buffer.alloc(10, 1), Buffer.alloc(22, 22)]);
    expectCode(() => cryptoC.decrypt(rawEncrypt(short)), 'bad_length');
  });

  it('when the key is wrong, then decryption fails with a typed error and never leaks an exception', () => {
    const wrong = createMessageCrypto({ token: C.token, encodingAesKey: 'Z'.repeat(43), appId: C.appId });
    let caught: unknown;
    try {
      wrong.decrypt(C.encrypt);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WechatCryptoError);
  });
});

describe('EncodingAESKey validation', () => {
  it('when the key has the wrong length or alphabet, then bad_key is raised at construction', () => {
    for (const bad of ['abcde', `${KEY}H`, KEY.slice(0, 42), `${KEY.slice(0, 42)}-`, `${KEY.slice(0, 42)}=`, '']) {
      expectCode(() => createMessageCrypto({ token: 't', encodingAesKey: bad, appId: 'wx1' }), 'bad_key');
    }
  });

  it('when the key is the official (non-canonical) example, then it decodes to 32 bytes', () => {
    expect(decodeAesKey(KEY)).toHaveLength(32);
  });

  it('when token or appId is empty, then bad_config is raised', () => {
    expectCode(() => createMessageCrypto({ token: '', encodingAesKey: KEY, appId: 'wx1' }), 'bad_config');
    expectCode(() => createMessageCrypto({ token: 't', encodingAesKey: KEY, appId: '' }), 'bad_config');
  });

  it('when an injected random source returns the wrong size, then bad_config is raised', () => {
    const broken = createMessageCrypto({ token: 't', encodingAesKey: KEY, appId: 'wx1', random: () => Buffer.alloc(8) });
    expectCode(() => broken.encrypt('<xml/>'), 'bad_config');
  });
});

describe('round trips', () => {
  it('when Chinese text and emoji are encrypted, then they decrypt unchanged and msg_len counts UTF-8 bytes', () => {
    const msg = '<xml><Content><![CDATA[你好，镇江人社 👋🏽🇨🇳 社保卡]]></Content></xml>\n';
    const encrypted = cryptoC.encrypt(msg);
    expect(cryptoC.decrypt(encrypted)).toBe(msg);
    expect(rawDecrypt(encrypted).readUInt32BE(16)).toBe(Buffer.byteLength(msg, 'utf8'));
  });

  it('when messages of every length mod 32 are encrypted, then every pad value 1..32 is produced and undone', () => {
    const seen = new Set<number>();
    for (let n = 0; n < 64; n += 1) {
      const msg = 'x'.repeat(n);
      const encrypted = cryptoA.encrypt(msg);
      const raw = rawDecrypt(encrypted);
      const pad = raw[raw.length - 1] as number;
      expect(pad).toBe(32 - ((20 + n + A.appId.length) % 32));
      expect(raw.subarray(raw.length - pad).every((b) => b === pad)).toBe(true);
      seen.add(pad);
      expect(cryptoA.decrypt(encrypted)).toBe(msg);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('when many messages, failures included, go through one instance, then each matches an independent AES', () => {
    const crypto = createMessageCrypto({ token: C.token, encodingAesKey: KEY, appId: C.appId, random: fixedRandom });
    for (let n = 0; n < 100; n += 1) {
      const msg = `<xml>${'镇'.repeat(n % 37)}${n}</xml>`;
      const encrypted = crypto.encrypt(msg);
      const raw = rawDecrypt(encrypted);
      expect(raw.subarray(0, raw.length - (raw.at(-1) ?? 0)).equals(frame(msg, C.appId))).toBe(true);
      expect(crypto.decrypt(encrypted)).toBe(msg);
      expect(crypto.decrypt(rawEncrypt(rawDecrypt(encrypted)))).toBe(msg);
      if (n % 10 === 0) expectCode(() => crypto.decrypt(rawEncrypt(Buffer.alloc(64, 0))), 'bad_padding');
      if (n % 15 === 0) expect(crypto.decrypt(C.encrypt)).toBe(C.plain);
    }
  });

  it('when the default random source is used, then two encryptions differ and both decrypt', () => {
    const first = cryptoC.encrypt('<xml>a</xml>');
    const second = cryptoC.encrypt('<xml>a</xml>');
    expect(first).not.toBe(second);
    expect(cryptoC.decrypt(first)).toBe('<xml>a</xml>');
    expect(cryptoC.decrypt(second)).toBe('<xml>a</xml>');
  });

  it('when a reply is encrypted and signed, then the independent verifier accepts it', () => {
    const encrypted = cryptoC.encrypt('<xml>reply</xml>');
    const msgSignature = cryptoC.sign('1713424427', '415670741', encrypted);
    expect(verifyMsgSignature({ token: C.token, timestamp: '1713424427', nonce: '415670741', encrypt: encrypted, msgSignature })).toBe(true);
  });
});

describe('WechatCryptoError', () => {
  it('when constructed, then it is an Error with a name and a code', () => {
    const error = new WechatCryptoError('bad_padding', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WechatCryptoError');
    expect(error.code).toBe('bad_padding');
  });
});
