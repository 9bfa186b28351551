import { fixedClock } from '../../clock';
import { AppError } from '../../errors';
import { createMessageCrypto } from '../protocol/message-crypto';
import { createPushCodec, parseJsonKeepingNumbers } from './push-codec';
import { sha1Signature } from '../protocol/signature';
import { parseXml } from '../protocol/xml';

const clock = fixedClock('2026-11-27T10:00:00+08:00');

/** Vector C of research/wechat.md (official Python sample, 兼容模式 body). */
const C = {
  token: 'spamtest',
  appId: 'wx2c2769f8efd9abc2',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  query: { timestamp: '1409735669', nonce: '1320562132', msg_signature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa', encrypt_type: 'aes' },
  body: '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]></Content><MsgId>6054768590064713728</MsgId><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>',
};

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return `${err.status} ${err.code}`;
    throw err;
  }
  return 'no error';
}

describe('parseJsonKeepingNumbers', () => {
  it('when JSON carries 64-bit numbers, then they come back as their exact digits', () => {
    expect(parseJsonKeepingNumbers('{"MsgID": 1700827132819554304, "x": -1.5e3, "List": [{"ErrorCode": 0}]}')).toEqual({
      MsgID: '1700827132819554304',
      x: '-1.5e3',
      List: [{ ErrorCode: '0' }],
    });
  });

  it('when strings contain digits, quotes or escapes, then they are untouched', () => {
    expect(parseJsonKeepingNumbers('{"a":"12 \\"34\\" 5\\\\","b":[true,null,"-7"]}')).toEqual({ a: '12 "34" 5\\', b: [true, null, '-7'] });
  });

  it('when the text is not JSON, then it throws', () => {
    expect(() => parseJsonKeepingNumbers('{"a":')).toThrow();
  });
});

describe('createPushCodec', () => {
  /** Vector C was signed at 1409735669; the codec's clock stands a minute later. */
  const vectorClock = fixedClock(new Date((1409735669 + 60) * 1000));
  const settings = { timestampWindowSeconds: 300, compatibleMode: false };
  const safe = createPushCodec({ token: C.token, appId: C.appId, aesKey: C.aesKey, ...settings }, { clock: vectorClock });
  const safeQuery = { ...C.query, signature: sha1Signature(C.token, C.query.timestamp, C.query.nonce) };
  const now = String(Math.floor(clock.now().getTime() / 1000));
  const plainBody = '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType></xml>';
  const signed = (token: string, timestamp = now, nonce = '2') => ({ timestamp, nonce, signature: sha1Signature(token, timestamp, nonce) });

  it('when the official URL-check vector is given, then echostr is returned; any change refuses it', () => {
    const codec = createPushCodec({ token: 'AAAAA', appId: 'wx1', aesKey: null, ...settings }, { clock });
    const query = { signature: 'cc0c594499c1634947d5b502f158ee518947db27', timestamp: '1715943329', nonce: '1590219412', echostr: 'hello' };
    expect(codec.verifyUrl(query)).toBe('hello');
    expect(codec.verifyUrl({ ...query, nonce: '1590219413' })).toBeNull();
    expect(codec.verifyUrl({ ...query, signature: undefined })).toBeNull();
    expect(codec.verifyUrl({ ...query, echostr: ['a', 'b'] })).toBeNull();
  });

  it('when vector C arrives, then both signatures are checked and the decrypted message is used, with no replay guard in safe mode', () => {
    const opened = safe.open(safeQuery, C.body);
    expect(opened).toMatchObject({ encrypted: true, format: 'xml', guard: null });
    expect(opened.fields).toMatchObject({ Content: 'abcdteT', MsgId: '6054768590064713728', FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' });
  });

  it('when msg_signature is flipped or the appid differs, then 401', () => {
    expect(errorCode(() => safe.open({ ...safeQuery, msg_signature: `${C.query.msg_signature.slice(0, -1)}b` }, C.body))).toBe('401 invalid_signature');
    const other = createPushCodec({ token: C.token, appId: 'wx_other_appid', aesKey: C.aesKey, ...settings }, { clock: vectorClock });
    expect(errorCode(() => other.open(safeQuery, C.body))).toBe('401 wrong_appid');
  });

  it('when the 3-value signature is missing or wrong, then 401 before the body is read, in every mode', () => {
    const plainOnly = createPushCodec({ token: C.token, appId: C.appId, aesKey: null, ...settings }, { clock });
    for (const body of ['not xml at all', '<!DOCTYPE x><xml/>', plainBody]) {
      expect(errorCode(() => plainOnly.open({ timestamp: now, nonce: '2' }, body))).toBe('401 invalid_signature');
      expect(errorCode(() => plainOnly.open({ ...signed(C.token), nonce: '3' }, body))).toBe('401 invalid_signature');
    }
    expect(errorCode(() => safe.open({ ...safeQuery, signature: undefined }, C.body))).toBe('401 invalid_signature');
  });

  it('when the signed timestamp is more than the window away from now, then 401; within it, accepted', () => {
    const codec = createPushCodec({ token: C.token, appId: C.appId, aesKey: null, ...settings }, { clock });
    const at = (offset: number) => String(Number(now) + offset);
    for (const offset of [-301, 301, -100_000]) expect(errorCode(() => codec.open(signed(C.token, at(offset)), plainBody))).toBe('401 stale_timestamp');
    for (const offset of [-299, 0, 299, -300]) expect(codec.open(signed(C.token, at(offset)), plainBody).fields).toMatchObject({ FromUserName: 'o1' });
    expect(errorCode(() => codec.open(signed(C.token, '1e9'), plainBody))).toBe('401 stale_timestamp');
  });

  it('when a plaintext push reaches a server with an AES key, then it is refused unless compatible mode is on', () => {
    const safeOnly = createPushCodec({ token: C.token, appId: C.appId, aesKey: C.aesKey, ...settings }, { clock });
    expect(errorCode(() => safeOnly.open(signed(C.token), plainBody))).toBe('401 encryption_required');
    const compatible = createPushCodec({ token: C.token, appId: C.appId, aesKey: C.aesKey, timestampWindowSeconds: 300, compatibleMode: true }, { clock });
    expect(compatible.open(signed(C.token), plainBody)).toMatchObject({ encrypted: false, fields: { FromUserName: 'o1' } });
  });

  it('when plaintext is accepted, then every push carries its signature key and body hash, encrypted ones too', () => {
    const plainOnly = createPushCodec({ token: C.token, appId: C.appId, aesKey: null, ...settings }, { clock });
    const { guard } = plainOnly.open(signed(C.token, now, '77'), plainBody);
    expect(guard).toEqual({ signatureKey: `${now}:77`, bodyHash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(plainOnly.open(signed(C.token, now, '77'), `${plainBody} `).guard!.bodyHash).not.toBe(guard!.bodyHash);
    const compatible = createPushCodec({ token: C.token, appId: C.appId, aesKey: C.aesKey, timestampWindowSeconds: 300, compatibleMode: true }, { clock: vectorClock });
    expect(compatible.open(safeQuery, C.body).guard).toMatchObject({ signatureKey: `${C.query.timestamp}:${C.query.nonce}` });
  });

  it('when a signed body has a DOCTYPE in its markup or is broken, then 400', () => {
    const plainOnly = createPushCodec({ token: C.token, appId: C.appId, aesKey: null, ...settings }, { clock });
    expect(errorCode(() => plainOnly.open(signed(C.token), '<!DOCTYPE x><xml/>'))).toBe('400 forbidden_xml');
    expect(errorCode(() => plainOnly.open(signed(C.token), '<xml><a>'))).toBe('400 malformed_body');
    expect(errorCode(() => plainOnly.open(signed(C.token), '{"a":'))).toBe('400 malformed_body');
  });

  it('when a reply is sealed, then its MsgSignature verifies and it decrypts back to the reply', () => {
    const envelope = parseXml(safe.seal('<xml><Content><![CDATA[你好]]></Content></xml>', '415670741'));
    expect(envelope.TimeStamp).toBe(String(Math.floor(vectorClock.now().getTime() / 1000)));
    expect(envelope.Nonce).toBe('415670741');
    expect(envelope.MsgSignature).toBe(sha1Signature(C.token, String(envelope.TimeStamp), '415670741', String(envelope.Encrypt)));
    const crypto = createMessageCrypto({ token: C.token, encodingAesKey: C.aesKey, appId: C.appId });
    expect(crypto.decrypt(String(envelope.Encrypt))).toBe('<xml><Content><![CDATA[你好]]></Content></xml>');
  });
});
