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
  const safe = createPushCodec({ token: C.token, appId: C.appId, aesKey: C.aesKey }, { clock });

  it('when the official URL-check vector is given, then echostr is returned; any change refuses it', () => {
    const codec = createPushCodec({ token: 'AAAAA', appId: 'wx1', aesKey: null }, { clock });
    const query = { signature: 'cc0c594499c1634947d5b502f158ee518947db27', timestamp: '1715943329', nonce: '1590219412', echostr: 'hello' };
    expect(codec.verifyUrl(query)).toBe('hello');
    expect(codec.verifyUrl({ ...query, nonce: '1590219413' })).toBeNull();
    expect(codec.verifyUrl({ ...query, signature: undefined })).toBeNull();
    expect(codec.verifyUrl({ ...query, echostr: ['a', 'b'] })).toBeNull();
  });

  it('when vector C arrives, then msg_signature is checked and the decrypted message is used', () => {
    const opened = safe.open(C.query, C.body);
    expect(opened).toMatchObject({ encrypted: true, format: 'xml' });
    expect(opened.fields).toMatchObject({ Content: 'abcdteT', MsgId: '6054768590064713728', FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' });
  });

  it('when msg_signature is flipped or the appid differs, then 401', () => {
    expect(errorCode(() => safe.open({ ...C.query, msg_signature: `${C.query.msg_signature.slice(0, -1)}b` }, C.body))).toBe('401 invalid_signature');
    const other = createPushCodec({ token: C.token, appId: 'wx_other_appid', aesKey: C.aesKey }, { clock });
    expect(errorCode(() => other.open(C.query, C.body))).toBe('401 wrong_appid');
  });

  it('when a plaintext body reaches a safe-mode server, then the 3-value signature must be right', () => {
    const plain = '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType></xml>';
    expect(errorCode(() => safe.open({ timestamp: '1', nonce: '2' }, plain))).toBe('401 invalid_signature');
    const signature = sha1Signature(C.token, '1', '2');
    expect(safe.open({ timestamp: '1', nonce: '2', signature }, plain)).toMatchObject({ encrypted: false, fields: { FromUserName: 'o1' } });
  });

  it('when the body has a DOCTYPE or is broken, then 400', () => {
    expect(errorCode(() => safe.open({}, '<!DOCTYPE x><xml/>'))).toBe('400 forbidden_xml');
    expect(errorCode(() => safe.open({}, '<xml><a>'))).toBe('400 malformed_body');
    expect(errorCode(() => safe.open({}, '{"a":'))).toBe('400 malformed_body');
  });

  it('when a reply is sealed, then its MsgSignature verifies and it decrypts back to the reply', () => {
    const envelope = parseXml(safe.seal('<xml><Content><![CDATA[你好]]></Content></xml>', '415670741'));
    expect(envelope.TimeStamp).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(envelope.Nonce).toBe('415670741');
    expect(envelope.MsgSignature).toBe(sha1Signature(C.token, String(envelope.TimeStamp), '415670741', String(envelope.Encrypt)));
    const crypto = createMessageCrypto({ token: C.token, encodingAesKey: C.aesKey, appId: C.appId });
    expect(crypto.decrypt(String(envelope.Encrypt))).toBe('<xml><Content><![CDATA[你好]]></Content></xml>');
  });
});
