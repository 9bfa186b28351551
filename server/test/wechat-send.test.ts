import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SANDBOX_TEST_OPENID, type Sandbox } from '../src/sandbox/sandbox';
import { createWechatClient, derivedClientMsgId, type RetryPolicy, type TemplateMessage, type WechatClient, type WechatClientOptions } from '../src/wechat/client/api-client';
import { WechatApiError } from '../src/wechat/client/api-errors';
import { MessageLimitError } from '../src/wechat/client/message-limits';
import { sendOutcome } from '../src/wechat/client/send-outcome';
import { startTestSystem, type TestSystem } from './support/test-system';
import { startPushReceiver } from './support/wechat';

const FOLLOWER = 'oFollowerSendTest0000000001';
const STRANGER = 'oStrangerSendTest0000000001';
const MP_USER = 'oMpUserSendTest000000000001';
const SUBSIDY_TEMPLATE = 'TPL_subsidy_result';
const EXAM_TEMPLATE = 'TPL_exam_notice';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const template = (overrides: Partial<TemplateMessage> = {}): TemplateMessage => ({
  touser: FOLLOWER,
  templateId: SUBSIDY_TEMPLATE,
  data: { thing1: '一次性创业补贴', amount2: '¥3000.00', time3: '2026年11月27日 10:00', phrase4: '已发放' },
  miniprogram: { appid: 'wx8c4e2b7d9a1f3056', pagepath: 'pages/subsidies/detail?id=7' },
  ...overrides,
});
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback address where nothing listens: a connection there is refused before anything is sent. */
async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('sending messages through the sandbox', () => {
  let t: TestSystem;
  let sandbox: Sandbox;
  let oa: WechatClient;
  let receiver: Awaited<ReturnType<typeof startPushReceiver>>;

  beforeAll(async () => {
    receiver = await startPushReceiver({ token: 'sandbox-token', appId: 'wx5a9d0c3e7f1b2a60' });
    t = await startTestSystem({ wechat: { callbackUrl: receiver.url } });
    sandbox = t.system.sandbox!;
    oa = t.system.wechat.oa;
  });
  afterAll(async () => {
    await sandbox.settled();
    await t.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await sandbox.reset();
    receiver.received.length = 0;
    await sandbox.follow(FOLLOWER);
  });

  /** A client of the 服务号 (or of `appId`) on the test system, with millisecond backoff and the given changes. */
  const clientWith = (options: Partial<Omit<WechatClientOptions, 'retry'>> & { retry?: Partial<RetryPolicy> } = {}) =>
    createWechatClient({
      db: t.connection.db,
      clock: t.clock,
      logger: pino({ level: 'silent' }),
      apiBase: `${t.url}/sandbox`,
      appId: oa.appId,
      appSecret: 'sandbox-secret-not-for-production',
      ...options,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, minuteQuotaDelayMs: 5, ...options.retry },
    });

  it('when a template message goes to a follower, then the sandbox records it and posts a signed TEMPLATESENDJOBFINISH with the exact msgid', async () => {
    const sent = await oa.sendTemplate(template({ clientMsgId: 'push-7-recipient-1' }));
    expect(sent).toEqual({ ok: true, msgid: expect.stringMatching(/^\d{19}$/) });
    // Beyond 2^53: a JSON.parse round trip would have changed it.
    expect(BigInt(sent.msgid) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(await sandbox.messagesTo(FOLLOWER)).toEqual([
      expect.objectContaining({
        kind: 'template',
        msgid: sent.msgid,
        templateId: SUBSIDY_TEMPLATE,
        data: template().data,
        miniprogram: { appid: 'wx8c4e2b7d9a1f3056', pagepath: 'pages/subsidies/detail?id=7' },
        clientMsgId: 'push-7-recipient-1',
      }),
    ]);
    await sandbox.settled();
    expect(receiver.received).toHaveLength(1);
    const push = receiver.received[0]!;
    expect(push.signatureValid).toBe(true);
    expect(push.query.openid).toBe(FOLLOWER);
    expect(push.body).toContain(`<MsgID>${sent.msgid}</MsgID>`);
    expect(push.fields).toMatchObject({ MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', FromUserName: FOLLOWER, MsgID: sent.msgid, Status: 'success' });
    expect(await sandbox.jobReports()).toEqual([expect.objectContaining({ msgid: sent.msgid, httpStatus: 200, answer: 'success' })]);
  });

  it('when the follower has blocked the account, then the send is accepted and the job reports failed:user block', async () => {
    await sandbox.block(FOLLOWER);
    await oa.sendTemplate(template());
    await sandbox.settled();
    expect(receiver.received[0]!.fields.Status).toBe('failed:user block');
  });

  it('when the platform fails the job, then the job reports failed: system failed (with its space)', async () => {
    sandbox.failTemplateJobs();
    await oa.sendTemplate(template());
    await oa.sendTemplate(template({ clientMsgId: 'push-10-recipient-1' })); // another message, not a retry of the first
    await sandbox.settled();
    expect(receiver.received.map((r) => r.fields.Status)).toEqual(['failed: system failed', 'success']);
  });

  it('when the same client_msg_id is sent twice, then the resident gets one message and both answers carry its msgid', async () => {
    const first = await oa.sendTemplate(template({ clientMsgId: 'push-8-recipient-1' }));
    const again = await oa.sendTemplate(template({ clientMsgId: 'push-8-recipient-1' }));
    expect(again.msgid).toBe(first.msgid);
    expect(await sandbox.messagesTo(FOLLOWER)).toHaveLength(1);
  });

  it('when the recipient does not follow the account, then 43004 is raised once, typed and not retried', async () => {
    const err = await errorOf(oa.sendTemplate(template({ touser: STRANGER })));
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ api: 'template_send', kind: 'errcode', errcode: 43004, transient: false, rid: expect.any(String) });
    expect(sandbox.callsTo('template_send')).toHaveLength(1);
    expect(await sendOutcome(() => oa.sendTemplate(template({ touser: STRANGER })))).toMatchObject({ ok: false, errcode: 43004, transient: false });
  });

  it('when the platform answers 47003, then it is raised once, typed and not retried', async () => {
    sandbox.injectError({ api: 'template_send', errcode: 47003, errmsg: 'argument invalid! data.thing1.value invalid' });
    const err = await errorOf(oa.sendTemplate(template()));
    expect(err).toMatchObject({ errcode: 47003, transient: false, errmsg: expect.stringContaining('data.thing1.value invalid') });
    expect(sandbox.callsTo('template_send')).toHaveLength(1);
  });

  it('when a keyword value breaks its limit, then the send is refused before any call to the platform', async () => {
    const err = await errorOf(oa.sendTemplate(template({ data: { thing1: '镇江市2026年度一次性创业补贴发放结果公示' } })));
    expect(err).toBeInstanceOf(MessageLimitError);
    expect((err as MessageLimitError).violations.map((v) => v.key)).toEqual(['thing1']);
    const legacy = await errorOf(oa.sendTemplate(template({ data: { first: '您好', thing1: '补贴' } })));
    expect(legacy).toBeInstanceOf(MessageLimitError);
    expect(sandbox.calls.filter((c) => c.api !== 'stable_token')).toEqual([]);
    expect(await sendOutcome(() => oa.sendTemplate(template({ data: { thing1: '' } })))).toMatchObject({ ok: false, errcode: 47003, kind: 'rejected_locally' });
  });

  it('when the daily quota is used up (45009), then the send is refused once, not retried, and says so', async () => {
    sandbox.setDailyQuota(1);
    await oa.sendTemplate(template());
    const err = await errorOf(oa.sendTemplate(template({ data: { ...template().data, phrase4: '已到账' } })));
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ errcode: 45009, transient: false, isDailyQuotaReached: true, deliveryUnknown: false });
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([0, 45009]);
    expect(await sendOutcome(() => oa.sendTemplate(template()))).toMatchObject({ ok: false, errcode: 45009, transient: false, deliveryUnknown: false });
  });

  it('when the per-minute limit (45011) is hit once, then the send waits the longer minute-limit delay and goes through', async () => {
    const client = clientWith({ retry: { minuteQuotaDelayMs: 200 } });
    await client.sendTemplate(template()); // token first
    await sandbox.reset();
    await sandbox.follow(FOLLOWER);
    sandbox.injectError({ api: 'template_send', errcode: 45011 });
    const started = Date.now();
    await expect(client.sendTemplate(template())).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([45011, 0]);
  });

  it('when the per-minute limit stays exceeded, then the attempts are bounded and the error is transient with a minute to wait; a minute later it passes', async () => {
    sandbox.setRateLimit(1);
    await oa.sendTemplate(template());
    const err = await errorOf(oa.sendTemplate(template({ data: { ...template().data, phrase4: '已到账' } })));
    expect(err).toMatchObject({ errcode: 45011, transient: true, retryAfterMs: 60_000 });
    expect(sandbox.callsTo('template_send').map((c) => c.errcode)).toEqual([0, 45011, 45011, 45011]);
    t.clock.advance(61_000);
    await expect(oa.sendTemplate(template())).resolves.toMatchObject({ ok: true });
  });

  it('when a gateway answers HTTP 502, then a template message (with its client_msg_id) is retried; a customer-service text is not, its delivery unknown', async () => {
    sandbox.injectError({ api: 'template_send', httpStatus: 502 });
    await expect(oa.sendTemplate(template())).resolves.toMatchObject({ ok: true });
    expect(sandbox.callsTo('template_send').map((c) => c.httpStatus)).toEqual([502, 200]);
    sandbox.injectError({ api: 'custom_send', httpStatus: 502 });
    await expect(oa.sendCustomText({ touser: FOLLOWER, content: '您好' })).rejects.toMatchObject({ kind: 'http_status', transient: true, deliveryUnknown: true });
    expect(sandbox.callsTo('custom_send')).toHaveLength(1);
  });

  describe('timeouts and lost connections', () => {
    let impatient: WechatClient;
    let impatientMp: WechatClient;
    beforeAll(() => {
      impatient = clientWith({ timeoutMs: 150 });
      impatientMp = clientWith({ timeoutMs: 150, appId: t.system.wechat.mp.appId, appSecret: 'sandbox-mp-secret-not-for-production' });
    });
    beforeEach(async () => {
      await impatient.sendTemplate(template()); // the token is fetched before the slow part
      await sandbox.reset();
      await sandbox.follow(FOLLOWER);
    });

    it('when a template message is delivered but the answer comes too late, then it is retried with the same derived client_msg_id and exactly one message arrives', async () => {
      sandbox.injectError({ api: 'template_send', afterDelivery: true, delayMs: 400 });
      const started = Date.now();
      const sent = await impatient.sendTemplate(template());
      expect(Date.now() - started).toBeLessThan(400);
      await sleep(450); // let the late first answer go out
      expect(sandbox.callsTo('template_send')).toHaveLength(2);
      const delivered = await sandbox.messagesTo(FOLLOWER);
      expect(delivered.map((m) => [m.msgid, m.clientMsgId])).toEqual([[sent.msgid, derivedClientMsgId(template())]]);
    });

    it('when a template message never gets an answer in time, then the attempts are bounded and the failure says delivery unknown', async () => {
      sandbox.injectError({ api: 'template_send', delayMs: 300, times: 3 });
      const err = await errorOf(impatient.sendTemplate(template()));
      expect(err).toMatchObject({ name: 'WechatApiError', kind: 'timeout', errcode: null, transient: true, deliveryUnknown: true });
      await sleep(350);
      expect(sandbox.callsTo('template_send')).toHaveLength(3);
    });

    it('when a customer-service text is delivered but the answer comes too late, then it is not retried, its delivery is unknown, and one message arrived', async () => {
      sandbox.injectError({ api: 'custom_send', afterDelivery: true, delayMs: 300 });
      const err = await errorOf(impatient.sendCustomText({ touser: FOLLOWER, content: '您咨询的业务已办结。' }));
      expect(err).toBeInstanceOf(WechatApiError);
      expect(err).toMatchObject({ kind: 'timeout', transient: true, deliveryUnknown: true });
      await sleep(350);
      expect(sandbox.callsTo('custom_send')).toHaveLength(1);
      expect(await sandbox.messagesTo(FOLLOWER)).toEqual([expect.objectContaining({ kind: 'custom', content: '您咨询的业务已办结。' })]);
    });

    it('when a subscribe message is delivered but the answer comes too late, then it is not retried, its outcome is unknown, and one credit was used', async () => {
      await sandbox.grantSubscribeCredit(MP_USER, EXAM_TEMPLATE, 2);
      sandbox.injectError({ api: 'subscribe_send', afterDelivery: true, delayMs: 300 });
      const outcome = await sendOutcome(() => impatientMp.sendSubscribe({ touser: MP_USER, templateId: EXAM_TEMPLATE, data: { thing1: '事业单位公开招聘' } }));
      expect(outcome).toMatchObject({ ok: false, kind: 'timeout', deliveryUnknown: true });
      await sleep(350);
      expect(sandbox.callsTo('subscribe_send')).toHaveLength(1);
      expect(await sandbox.messagesTo(MP_USER)).toHaveLength(1);
      expect(await sandbox.subscribeCredit(MP_USER, EXAM_TEMPLATE)).toBe(1);
    });

    it('when code2Session gets no answer in time, then it is not called again: the js_code may be spent', async () => {
      sandbox.injectError({ api: 'jscode2session', delayMs: 300 });
      await expect(impatientMp.code2Session('fake-code-carol')).rejects.toMatchObject({ kind: 'timeout', deliveryUnknown: true });
      await sleep(350);
      expect(sandbox.callsTo('jscode2session')).toHaveLength(1);
    });

    it('when the first connection is refused, then code2Session is retried (nothing was sent) and logs in', async () => {
      const closed = await closedPortUrl();
      let attempts = 0;
      const client = clientWith({ appId: t.system.wechat.mp.appId, appSecret: 'sandbox-mp-secret-not-for-production', apiBase: () => (attempts++ === 0 ? closed : `${t.url}/sandbox`) });
      const session = await client.code2Session('fake-code-dave');
      expect(session.openid).toBe(sandbox.openidForCode('fake-code-dave'));
      expect(attempts).toBe(2);
      expect(sandbox.callsTo('jscode2session')).toHaveLength(1);
    });

    it('when a connection is refused for a customer-service text, then it is retried (nothing was sent) and arrives once', async () => {
      const closed = await closedPortUrl();
      await impatient.sendTemplate(template()); // the token, so that the first exchange is the send itself
      let attempts = 0;
      const client = clientWith({ apiBase: () => (attempts++ === 0 ? closed : `${t.url}/sandbox`) });
      await client.sendCustomText({ touser: FOLLOWER, content: '您好' });
      expect(attempts).toBe(2);
      expect((await sandbox.messagesTo(FOLLOWER)).filter((m) => m.kind === 'custom')).toHaveLength(1);
    });
  });

  it('when a mini-program user has no subscribe credit, then 43101 is raised once and not retried; with credit the message is sent and the credit used', async () => {
    const mp = t.system.wechat.mp;
    const msg = { touser: MP_USER, templateId: EXAM_TEMPLATE, page: 'pages/recruitment/detail?id=3', data: { thing1: '事业单位公开招聘', date2: '2026年12月20日', phrase3: '报名中' } };
    const refused = await errorOf(mp.sendSubscribe(msg));
    expect(refused).toMatchObject({ errcode: 43101, transient: false });
    expect(sandbox.callsTo('subscribe_send')).toHaveLength(1);

    await sandbox.grantSubscribeCredit(MP_USER, EXAM_TEMPLATE, 1);
    const sent = await mp.sendSubscribe(msg);
    expect(sent.ok).toBe(true);
    expect(await sandbox.subscribeCredit(MP_USER, EXAM_TEMPLATE)).toBe(0);
    expect(await sandbox.messagesTo(MP_USER)).toEqual([
      expect.objectContaining({ kind: 'subscribe', msgid: sent.msgid, page: 'pages/recruitment/detail?id=3', miniprogramState: 'formal', data: msg.data }),
    ]);
    await expect(mp.sendSubscribe({ ...msg, data: { thing1: '事业单位公开招聘', phrase3: '正在报名中了' } })).rejects.toThrow(MessageLimitError);
  });

  it('when a follower interacted recently, then a customer-service text reaches them; after 48 hours it is refused with 45015', async () => {
    await oa.sendCustomText({ touser: FOLLOWER, content: '您咨询的最低工资标准:一类地区2490元/月。' });
    expect(await sandbox.messagesTo(FOLLOWER)).toEqual([expect.objectContaining({ kind: 'custom', content: '您咨询的最低工资标准:一类地区2490元/月。' })]);
    await expect(oa.sendCustomText({ touser: STRANGER, content: '您好' })).rejects.toMatchObject({ errcode: 43004 });
    t.clock.advance(49 * 3600_000);
    await expect(oa.sendCustomText({ touser: FOLLOWER, content: '您好' })).rejects.toMatchObject({ errcode: 45015, transient: false });
  });

  it('when the mini-program logs in, then known codes map to stable openids, a used code gets 40163 and garbage 40029', async () => {
    const mp = t.system.wechat.mp;
    const h5 = await mp.code2Session('h5-fake-code');
    expect(h5).toEqual({ openid: SANDBOX_TEST_OPENID, unionid: null, sessionKey: expect.any(String) });
    expect((await mp.code2Session('h5-fake-code')).openid).toBe(SANDBOX_TEST_OPENID); // the H5 build's code works every time
    const alice = await mp.code2Session('fake-code-alice');
    expect((await mp.code2Session('fake-code-alice.2')).openid).toBe(alice.openid);
    expect((await mp.code2Session('fake-code-bob')).openid).not.toBe(alice.openid);
    await expect(mp.code2Session('garbage')).rejects.toMatchObject({ errcode: 40029, transient: false });
    await expect(mp.code2Session('fake-code-alice')).rejects.toMatchObject({ errcode: 40163, transient: false });
    expect(sandbox.callsTo('jscode2session').filter((c) => c.errcode === 40163)).toHaveLength(1);
    expect(sandbox.callsTo('jscode2session').filter((c) => c.errcode === 40029)).toHaveLength(1);
    await expect(oa.code2Session('h5-fake-code')).rejects.toMatchObject({ errcode: 40013 });
  });

  it('when QR codes with scenes are created, then temporary ones expire and permanent ones do not', async () => {
    const temporary = await oa.createQrCode({ scene: 'campaign-spring-2026', expireSeconds: 86_400 });
    expect(temporary).toMatchObject({ ticket: expect.any(String), expireSeconds: 86_400, url: expect.stringMatching(/^http:\/\/weixin\.qq\.com\/q\//) });
    expect(temporary.imageUrl).toBe(`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(temporary.ticket)}`);
    const permanent = await oa.createQrCode({ scene: 42, permanent: true });
    expect(permanent.expireSeconds).toBeNull();
    expect((await sandbox.qrCodes()).map((q) => [q.scene, q.permanent])).toEqual([
      ['campaign-spring-2026', false],
      ['42', true],
    ]);
    await expect(oa.createQrCode({ scene: 100_001, permanent: true })).rejects.toThrow(RangeError);
    await expect(oa.createQrCode({ scene: 'x'.repeat(65) })).rejects.toThrow(RangeError);
  });
});

describe('TEMPLATESENDJOBFINISH in 安全模式', () => {
  it('when an EncodingAESKey is configured, then the event arrives encrypted with a valid msg_signature', async () => {
    const receiver = await startPushReceiver({ token: 'sandbox-token', appId: 'wx5a9d0c3e7f1b2a60', aesKey: AES_KEY });
    const t = await startTestSystem({ wechat: { callbackUrl: receiver.url, officialAccount: { aesKey: AES_KEY } } });
    try {
      await t.system.sandbox!.follow(FOLLOWER);
      const sent = await t.system.wechat.oa.sendTemplate(template());
      await t.system.sandbox!.settled();
      const push = receiver.received[0]!;
      expect(push.query).toMatchObject({ encrypt_type: 'aes', msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
      expect(push.body).not.toContain('TEMPLATESENDJOBFINISH');
      expect(push.signatureValid).toBe(true);
      expect(push.fields).toMatchObject({ Event: 'TEMPLATESENDJOBFINISH', MsgID: sent.msgid, Status: 'success' });
    } finally {
      await t.close();
      await receiver.close();
    }
  }, 30_000);
});
