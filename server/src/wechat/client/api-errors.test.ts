import { errcodeError, parseRid, WechatApiError } from './api-errors';
import { msgidOf } from './api-client';
import { MessageLimitError } from './message-limits';
import { sendOutcome } from './send-outcome';

describe('WeChat API errors', () => {
  it('when WeChat answers -1 or 45011, then the error is transient; 45009, 43004, 43101, 40003, 47003, 40013, 40125 are not', () => {
    for (const code of [-1, 45011]) expect(errcodeError('x', code, '').transient).toBe(true);
    for (const code of [45009, 43004, 43101, 40003, 47003, 40037, 41030, 40013, 40125]) expect(errcodeError('x', code, '').transient).toBe(false);
  });

  it('when WeChat answers 45009, then the error says the daily quota is used up; 45011 says to wait a minute', () => {
    expect(errcodeError('x', 45009, '')).toMatchObject({ isDailyQuotaReached: true, retryAfterMs: null, deliveryUnknown: false });
    expect(errcodeError('x', 45011, '')).toMatchObject({ isDailyQuotaReached: false, retryAfterMs: 60_000, deliveryUnknown: false });
  });

  it('when the errcode refuses the access token, then the error says so', () => {
    expect([40001, 40014, 42001].map((c) => errcodeError('x', c, '').isTokenError)).toEqual([true, true, true]);
    expect(errcodeError('x', 40003, '').isTokenError).toBe(false);
  });

  it('when errmsg carries a request id, then it is kept as rid', () => {
    expect(parseRid('invalid credential, access_token is invalid or not latest rid: 64f0b2a1-1c2d3e4f-5a6b7c8d')).toBe('64f0b2a1-1c2d3e4f-5a6b7c8d');
    expect(parseRid('ok')).toBeNull();
  });

  it('when a msgid exceeds 2^53, then it is read exactly from the raw answer', () => {
    expect(msgidOf('{"errcode":0,"errmsg":"ok","msgid":3487542469355618313}')).toBe('3487542469355618313');
    expect(JSON.parse('{"msgid":3487542469355618313}').msgid).not.toBe(3487542469355618313n);
  });

  it('when a send fails, then its outcome is data the push pipeline can store', async () => {
    const refused = await sendOutcome(async () => {
      throw errcodeError('template_send', 43004, 'require subscribe rid: a-b-c');
    });
    expect(refused).toEqual({ ok: false, errcode: 43004, errmsg: 'require subscribe rid: a-b-c', kind: 'errcode', transient: false, deliveryUnknown: false, retryAfterMs: null, rid: 'a-b-c' });
    const unknown = await sendOutcome(async () => {
      throw new WechatApiError({ api: 'custom_send', kind: 'timeout', errmsg: 'slow', transient: true, deliveryUnknown: true });
    });
    expect(unknown).toMatchObject({ ok: false, kind: 'timeout', deliveryUnknown: true });
    const local = await sendOutcome(async () => {
      throw new MessageLimitError([{ key: 'thing1', type: 'thing', reason: 'too long' }]);
    });
    expect(local).toMatchObject({ ok: false, errcode: 47003, kind: 'rejected_locally', transient: false });
    expect(await sendOutcome(async () => ({ ok: true, msgid: '1' }))).toEqual({ ok: true, msgid: '1' });
    await expect(sendOutcome(async () => Promise.reject(new TypeError('bug')))).rejects.toThrow(TypeError);
    expect(new WechatApiError({ api: 'x', kind: 'timeout', errmsg: 'slow', transient: true }).errcode).toBeNull();
  });
});
