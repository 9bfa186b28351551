import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import pino from 'pino';
import { connect } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import { maskOpenId, REDACT_PATHS } from '../src/logger';
import { WechatApiError } from '../src/wechat/client/api-errors';
import type { Answerer } from '../src/wechat/message-server/message-router';
import {
  contentOf,
  eventPush,
  newOpenId,
  OUR_GH_ID,
  recordingCustomerService,
  sandboxAccount,
  sandboxPusher,
  TEST_AES_KEY,
  textMessage,
  type Pusher,
} from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

const account = sandboxAccount();

/** A system in 兼容模式 (EncodingAESKey configured, plaintext allowed by setting): it takes both kinds of push. */
const COMPATIBLE = { wechat: { officialAccount: { aesKey: TEST_AES_KEY } }, messaging: { settings: { compatibleMode: true } } };
let t: TestSystem;
let wechat: Pusher;
beforeAll(async () => {
  t = await startTestSystem(COMPATIBLE);
  wechat = sandboxPusher(t, TEST_AES_KEY);
});
afterAll(() => t.close());

async function inboundRows(openid: string) {
  return queryRows<{ dedupe_key: string; status: string; delivery: string | null; answer: string | null; summary: string | null }>(
    t.connection.db,
    sql`select i.dedupe_key, i.status, i.delivery, a.text as answer, i.summary
        from wechat_inbound i left join wechat_answer_texts a on a.hash = i.answer_hash where i.openid = ${openid}`,
  );
}

describe('GET /wechat (URL verification)', () => {
  it('when the signature is right, then echostr comes back byte for byte, also in safe mode', async () => {
    for (const echostr of ['5838479218127813673', 'aB3-_.~ 中文 +/=']) {
      const res = await wechat.verify(echostr);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(echostr, 'utf8'));
    }
  });

  it('when the signature is wrong or missing, then 401 and no echo', async () => {
    for (const res of [await wechat.verify('echo-me-123', { forge: true }), await wechat.verify('echo-me-123', { omitSignature: true })]) {
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('echo-me-123');
    }
  });
});

describe('POST /wechat: authentication', () => {
  it('when a plaintext push is signed, then the reply is a text XML with the parties swapped and CreateTime in seconds', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '帮助'));
    expect(reply.status).toBe(200);
    expect(reply.encrypted).toBe(false);
    expect(reply.fields).toMatchObject({ ToUserName: openid, FromUserName: OUR_GH_ID, MsgType: 'text' });
    expect(String(reply.fields!.CreateTime)).toMatch(/^[0-9]{10}$/);
    expect(contentOf(reply)).toContain('最低工资');
  });

  it('when the plaintext signature is forged, then 401 and nothing is stored', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '帮助'), { forge: true });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe('invalid_signature');
    expect(await inboundRows(openid)).toEqual([]);
  });

  it('when a push comes in safe mode, then it is decrypted and the reply is encrypted and signed', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '12333'), { mode: 'safe' });
    expect(reply.status).toBe(200);
    expect(reply.encrypted).toBe(true);
    expect(reply.body).toMatch(/^<xml><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><MsgSignature>/);
    expect(reply.fields).toMatchObject({ ToUserName: openid, FromUserName: OUR_GH_ID, MsgType: 'text' });
    expect(contentOf(reply)).toContain('12333');
  });

  it('when a push comes in compatible mode (plaintext fields plus Encrypt), then the encrypted copy is used and the reply encrypted', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '帮助'), { mode: 'compat' });
    expect(reply.encrypted).toBe(true);
    expect(contentOf(reply)).toContain('订阅');
  });

  it('when msg_signature is flipped, then 401 before decrypting and nothing is stored', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '帮助'), { mode: 'safe', forge: true });
    expect(reply.status).toBe(401);
    expect(await inboundRows(openid)).toEqual([]);
  });

  it('when the encrypted message ends with another appid, then it is refused and nothing is stored', async () => {
    const openid = newOpenId();
    const reply = await wechat.push(textMessage(openid, '帮助'), { mode: 'safe', encryptForAppId: 'wx0000000000000000' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body).error.code).toBe('wrong_appid');
    expect(await inboundRows(openid)).toEqual([]);
  });

  it('when safe mode is configured and a plaintext body carries no valid signature, then it is refused', async () => {
    const openid = newOpenId();
    const res = await fetch(`${t.url}/wechat?timestamp=1&nonce=2&encrypt_type=aes&msg_signature=abc`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[${OUR_GH_ID}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>1</MsgId></xml>`,
    });
    expect(res.status).toBe(401);
    expect(await inboundRows(openid)).toEqual([]);
  });

  it('when the body declares a DOCTYPE or ENTITY, then 400 before parsing, plain or encrypted', async () => {
    const openid = newOpenId();
    const evil = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><ToUserName>&x;</ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName></xml>`;
    const plain = await wechat.push({}, { rawBody: evil });
    expect(plain.status).toBe(400);
    expect(JSON.parse(plain.body).error.code).toBe('forbidden_xml');
    const encrypted = await wechat.push({ FromUserName: openid }, { rawBody: evil, mode: 'safe' });
    expect(encrypted.status).toBe(400);
    expect(await inboundRows(openid)).toEqual([]);
  });

  it('when the body is over the size cap, then 413', async () => {
    const reply = await wechat.push(textMessage(newOpenId(), 'x'.repeat(200 * 1024)));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.code).toBe('payload_too_large');
  });

  it('when the body is not XML, then 400', async () => {
    const reply = await wechat.push({}, { rawBody: '<xml><ToUserName>' });
    expect(reply.status).toBe(400);
  });

  it('when a signed push lacks its header fields, then success and nothing is stored', async () => {
    const reply = await wechat.push({ MsgType: 'text', Content: '帮助' });
    expect(reply.body).toBe('success');
    const [row] = await queryRows<{ n: number }>(t.connection.db, sql`select count(*)::int n from wechat_inbound where summary = '帮助' and openid = ''`);
    expect(row!.n).toBe(0);
  });

  it('when other routes are called, then they keep their JSON handling', async () => {
    const res = await t.post('/api/v1/subsidies/1/check', { age: 30 });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await t.get('/api/v1/topics')).status).toBe(200);
  });
});

describe('POST /wechat: forged, replayed and stale pushes', () => {
  const epoch = () => Math.floor(t.clock.now().getTime() / 1000);
  const errorOf = (reply: { body: string }) => (JSON.parse(reply.body) as { error: { code: string } }).error.code;
  const subscriptionsOf = async (openid: string) =>
    (await queryRows<{ n: number }>(t.connection.db, sql`select count(*)::int n from subscribers where openid = ${openid}`))[0]!.n;

  it('when a captured signature carries a forged body for another resident, then 401 and nothing is stored or done; the genuine retry still gets its reply', async () => {
    const [resident, forged] = [newOpenId(), newOpenId()];
    const body = textMessage(resident, '12333');
    const genuine = await wechat.send(body);
    const reply = await wechat.read(genuine.response);
    expect(contentOf(reply)).toContain('12333');

    const forgery = await wechat.push(textMessage(forged, '订阅 工资标准'), { query: genuine.query });
    expect(forgery.status).toBe(401);
    expect(errorOf(forgery)).toBe('replayed_signature');
    expect(await inboundRows(forged)).toEqual([]);
    expect(await subscriptionsOf(forged)).toBe(0);

    const retry = await wechat.read((await wechat.send(body, { repeat: genuine })).response);
    expect(retry.body).toBe(reply.body);
    expect(await inboundRows(resident)).toHaveLength(1);
  });

  it('when a captured signature carries another text for the same message (same MsgId), then 401 and the record keeps the genuine text', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '最低工资');
    const genuine = await wechat.send(body);
    expect((await wechat.read(genuine.response)).success).toBe(false);
    const forgery = await wechat.push({ ...body, Content: '12333' }, { query: genuine.query });
    expect(forgery.status).toBe(401);
    expect(errorOf(forgery)).toBe('replayed_signature');
    expect(await inboundRows(openid)).toEqual([expect.objectContaining({ summary: '最低工资' })]);
  });

  it('when a forged body races the genuine push under one signature, then exactly one of them is answered', async () => {
    const [resident, forged] = [newOpenId(), newOpenId()];
    const query = wechat.plainQuery(resident);
    const replies = await Promise.all([wechat.push(textMessage(resident, '12333'), { query }), wechat.push(textMessage(forged, '12333'), { query })]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
    const stored = [...(await inboundRows(resident)), ...(await inboundRows(forged))];
    expect(stored).toHaveLength(1);
  });

  it('when a captured signature carries a body without a usable header, then success and nothing is stored or done', async () => {
    const openid = newOpenId();
    const genuine = await wechat.send(textMessage(openid, '12333'));
    await wechat.read(genuine.response);
    const headerless = await wechat.push({ MsgType: 'text', Content: '订阅 工资标准' }, { query: genuine.query });
    expect(headerless.body).toBe('success');
    const [row] = await queryRows<{ n: number }>(t.connection.db, sql`select count(*)::int n from wechat_inbound where summary = '订阅 工资标准' and openid = ''`);
    expect(row!.n).toBe(0);
  });

  it('when the signed timestamp is 301 s old or ahead, then 401; 299 s either way is accepted', async () => {
    for (const offset of [-301, 301]) {
      const openid = newOpenId();
      const reply = await wechat.push(textMessage(openid, '12333'), { timestamp: String(epoch() + offset) });
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toBe('stale_timestamp');
      expect(await inboundRows(openid)).toEqual([]);
    }
    for (const offset of [-299, 299]) {
      expect(contentOf(await wechat.push(textMessage(newOpenId(), '12333'), { timestamp: String(epoch() + offset) }))).toContain('12333');
      expect((await wechat.push(textMessage(newOpenId(), '12333'), { timestamp: String(epoch() + offset), mode: 'safe' })).encrypted).toBe(true);
    }
  });

  it('when the signature is wrong, then 401 even for a body that is not XML or declares a DOCTYPE', async () => {
    for (const rawBody of ['<xml><ToUserName>', 'not xml at all', '<!DOCTYPE xml [<!ENTITY x "y">]><xml><A>&x;</A></xml>']) {
      const reply = await wechat.push({}, { rawBody, forge: true });
      expect(reply.status).toBe(401);
      expect(errorOf(reply)).toBe('invalid_signature');
    }
  });

  it('when a resident types a DOCTYPE or ENTITY declaration, then the message is answered as typed, plain or encrypted', async () => {
    for (const mode of ['plain', 'safe'] as const) {
      const openid = newOpenId();
      const typed = '<!DOCTYPE html> <!ENTITY x "y"> 12333';
      const reply = await wechat.push(textMessage(openid, typed), { mode });
      expect(reply.status).toBe(200);
      expect(contentOf(reply)).not.toBe('');
      expect(await inboundRows(openid)).toEqual([expect.objectContaining({ summary: typed, status: 'answered' })]);
    }
  });

  it('when text outside CDATA carries entities, then they are decoded', async () => {
    const openid = newOpenId();
    const rawBody =
      `<xml><ToUserName><![CDATA[${OUR_GH_ID}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>1764000000</CreateTime>` +
      `<MsgType><![CDATA[text]]></MsgType><Content>工资 &amp; 补贴 &lt;&#x4E2D;&gt;</Content><MsgId>6054768590064799001</MsgId></xml>`;
    expect((await wechat.push({ FromUserName: openid }, { rawBody })).status).toBe(200);
    expect(await inboundRows(openid)).toEqual([expect.objectContaining({ summary: '工资 & 补贴 <中>' })]);
  });
});

describe('POST /wechat: safe mode only (an AES key, compatible mode off)', () => {
  let safeOnly: TestSystem;
  let pusher: Pusher;
  beforeAll(async () => {
    safeOnly = await startTestSystem({ wechat: { officialAccount: { aesKey: TEST_AES_KEY } } });
    pusher = sandboxPusher(safeOnly, TEST_AES_KEY);
  });
  afterAll(() => safeOnly.close());

  it('when a signed plaintext push arrives, then it is refused and nothing is stored; encrypted pushes are answered; compatible mode takes both', async () => {
    const openid = newOpenId();
    const plain = await pusher.push(textMessage(openid, '12333'));
    expect(plain.status).toBe(401);
    expect(JSON.parse(plain.body).error.code).toBe('encryption_required');
    const [stored] = await queryRows<{ n: number }>(safeOnly.connection.db, sql`select count(*)::int n from wechat_inbound where openid = ${openid}`);
    expect(stored!.n).toBe(0);
    expect(contentOf(await pusher.push(textMessage(openid, '12333'), { mode: 'safe' }))).toContain('12333');
    // The shared system of this file runs with compatible mode on.
    expect(contentOf(await wechat.push(textMessage(newOpenId(), '12333')))).toContain('12333');
  });
});

describe('POST /wechat: retries', () => {
  it('when the same message is delivered 3 times, then it is stored once and every delivery gets the identical reply', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '订阅 工资标准');
    const first = await wechat.send(body);
    const replies = [await wechat.read(first.response)];
    for (let i = 0; i < 2; i++) replies.push(await wechat.read((await wechat.send(body, { query: first.query })).response));
    expect(replies.map((r) => r.body)).toEqual([replies[0]!.body, replies[0]!.body, replies[0]!.body]);
    expect(contentOf(replies[0]!)).toContain('已为您订阅“工资标准”');
    const rows = await inboundRows(openid);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dedupe_key: `msg:${openid}:${body.MsgId}`, status: 'answered', delivery: 'passive', summary: '订阅 工资标准', answer: contentOf(replies[0]!) });
    const [subs] = await queryRows<{ n: number }>(
      t.connection.db,
      sql`select count(*)::int n from subscriptions s join subscribers p on p.id = s.subscriber_id where p.openid = ${openid}`,
    );
    expect(subs!.n).toBe(1);
  });

  it('when an answer from shared content is delivered 3 times, then one row, identical replies, and its text stored once for everybody', async () => {
    const [asker, other] = [newOpenId(), newOpenId()];
    const body = textMessage(asker, '12333');
    const first = await wechat.send(body);
    const replies = [await wechat.read(first.response)];
    for (let i = 0; i < 2; i++) replies.push(await wechat.read((await wechat.send(body, { query: first.query })).response));
    expect(replies.map((r) => r.body)).toEqual([replies[0]!.body, replies[0]!.body, replies[0]!.body]);
    const answer = contentOf(replies[0]!);
    expect(answer).toContain('12333人社服务热线');
    expect(contentOf(await wechat.push(textMessage(other, '12333')))).toBe(answer);

    expect(await inboundRows(asker)).toEqual([expect.objectContaining({ status: 'answered', delivery: 'passive', answer })]);
    expect(await inboundRows(other)).toEqual([expect.objectContaining({ answer })]);
    const [texts] = await queryRows<{ n: number }>(t.connection.db, sql`select count(*)::int n from wechat_answer_texts where text = ${answer}`);
    expect(texts!.n).toBe(1);
  });

  it('when a safe-mode message is retried, then the retry decrypts to the same reply', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '订阅 社会保险');
    const first = await wechat.send(body, { mode: 'safe' });
    const a = await wechat.read(first.response);
    const b = await wechat.read((await wechat.send(body, { repeat: first })).response);
    expect(b.encrypted).toBe(true);
    expect(b.xml).toBe(a.xml);
  });

  it('when the instance that claimed a message died before answering, then a retry answers it', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '12333');
    const key = `msg:${openid}:${body.MsgId}`;
    // What a crash leaves behind: claimed 10 s ago, never answered, never deferred.
    const claimedAt = new Date(t.clock.now().getTime() - 10_000);
    await t.connection.db.execute(
      sql`insert into wechat_inbound (dedupe_key, openid, msg_type, status, received_at) values (${key}, ${openid}, 'text', 'processing', ${claimedAt})`,
    );
    const retry = await wechat.read((await wechat.send(body)).response);
    expect(contentOf(retry)).toContain('12333');
    expect(await inboundRows(openid)).toEqual([expect.objectContaining({ status: 'answered', delivery: 'passive' })]);
  });

  it('when a claim is fresh, then a retry does not take it over', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '12333');
    await t.connection.db.execute(
      sql`insert into wechat_inbound (dedupe_key, openid, msg_type, status, received_at) values (${`msg:${openid}:${body.MsgId}`}, ${openid}, 'text', 'processing', ${t.clock.now()})`,
    );
    const retry = await wechat.read((await wechat.send(body)).response);
    expect(retry.body).toBe('success');
    expect(await inboundRows(openid)).toEqual([expect.objectContaining({ status: 'processing' })]);
  });

  it('when two messages share a MsgId but come from different residents, then both are answered', async () => {
    const msgId = '6054768590064713728';
    const a = await wechat.push(textMessage(newOpenId(), '帮助', { MsgId: msgId }));
    const b = await wechat.push(textMessage(newOpenId(), '帮助', { MsgId: msgId }));
    expect(a.success || b.success).toBe(false);
  });
});

describe('POST /wechat: concurrent pushes (inserts go to the database in batches)', () => {
  it('when many different messages arrive at once, then each is stored once and answered with its own reply', async () => {
    const pushes = Array.from({ length: 30 }, (_, i) => ({ openid: newOpenId(), text: i % 3 === 0 ? '订阅 工资标准' : i % 3 === 1 ? '12333' : '最低工资' }));
    const replies = await Promise.all(pushes.map((p) => wechat.push(textMessage(p.openid, p.text))));
    replies.forEach((reply, i) => {
      expect(reply.success).toBe(false);
      expect(reply.body).toContain(`<ToUserName><![CDATA[${pushes[i]!.openid}]]></ToUserName>`);
      expect(contentOf(reply)).toContain(['已为您订阅“工资标准”', '12333人社服务热线', '最低工资'][i % 3]!);
    });
    const rows = await queryRows<{ openid: string; status: string; delivery: string }>(
      t.connection.db,
      sql`select openid, status, delivery from wechat_inbound where openid in (${sql.join(pushes.map((p) => sql`${p.openid}`), sql`, `)})`,
    );
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.status === 'answered' && r.delivery === 'passive')).toBe(true);
  });
});

describe('POST /wechat: the resident’s last contact', () => {
  it('when a resident writes again within 10 minutes, then the follower row is not rewritten; after that it is', async () => {
    const openid = newOpenId();
    const start = t.clock.now();
    const lastSeen = async () =>
      (await queryRows<{ at: Date }>(t.connection.db, sql`select last_seen_at at from subscribers where openid = ${openid}`)).map((r) => new Date(r.at).getTime());
    try {
      await wechat.push(textMessage(openid, '帮助'));
      expect(await lastSeen()).toEqual([start.getTime()]);
      t.clock.advance(60_000);
      await wechat.push(textMessage(openid, '帮助'));
      expect(await lastSeen()).toEqual([start.getTime()]);
      t.clock.advance(10 * 60_000);
      await wechat.push(textMessage(openid, '帮助'));
      expect(await lastSeen()).toEqual([start.getTime() + 11 * 60_000]);
    } finally {
      t.clock.set(start);
    }
  });
});

describe('POST /wechat: two server instances on one database', () => {
  it('when both receive the same question at the same moment, then it is stored once and every delivery gets the identical reply', async () => {
    const connection = t.connection.url ? { ...(await connect({ databaseUrl: t.connection.url, poolSize: 5 })), url: t.connection.url } : t.connection;
    const other = await startTestSystem({ connection, ...COMPATIBLE });
    try {
      const otherWechat = sandboxPusher(other, TEST_AES_KEY);
      const openid = newOpenId();
      const body = textMessage(openid, '12333');
      const query = wechat.plainQuery(openid);
      const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => (i % 2 === 0 ? wechat : otherWechat).push(body, { query })));
      expect(replies.every((r) => !r.success)).toBe(true);
      expect(new Set(replies.map((r) => r.body)).size).toBe(1);
      expect(contentOf(replies[0]!)).toContain('12333人社服务热线');
      expect(await inboundRows(openid)).toEqual([expect.objectContaining({ status: 'answered', delivery: 'passive' })]);
    } finally {
      await other.close();
      if (connection !== t.connection) await connection.close();
    }
  });


  it('when both receive the same push at the same moment, then the work runs once', async () => {
    const connection = t.connection.url ? { ...(await connect({ databaseUrl: t.connection.url, poolSize: 5 })), url: t.connection.url } : t.connection;
    const other = await startTestSystem({ connection, ...COMPATIBLE });
    try {
      const otherWechat = sandboxPusher(other, TEST_AES_KEY);
      const openid = newOpenId();
      const body = eventPush(openid, 'subscribe', { EventKey: 'qrscene_campaign42', Ticket: 'TICKET' });
      const query = wechat.plainQuery(openid);
      const replies = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => (i % 2 === 0 ? wechat : otherWechat).push(body, { query })));
      const texts = replies.filter((r) => !r.success);
      expect(texts.length).toBeGreaterThanOrEqual(1);
      expect(new Set(texts.map((r) => r.body)).size).toBe(1);
      expect(contentOf(texts[0]!)).toContain('感谢关注');
      const [counts] = await queryRows<{ scans: number; inbound: number; subscribers: number }>(
        t.connection.db,
        sql`select (select count(*)::int from qr_scans where openid = ${openid}) scans,
                   (select count(*)::int from wechat_inbound where openid = ${openid}) inbound,
                   (select count(*)::int from subscribers where openid = ${openid}) subscribers`,
      );
      expect(counts).toEqual({ scans: 1, inbound: 1, subscribers: 1 });
    } finally {
      await other.close();
      if (connection !== t.connection) await connection.close();
    }
  });
});

describe('POST /wechat: the 5-second window', () => {
  let slow: TestSystem;
  let slowWechat: Pusher;
  const sender = recordingCustomerService();
  let started = 0;
  let release: () => void = () => {};
  beforeAll(async () => {
    // The real router, answering only after the test releases it: an answer that outlives the budget.
    const delayed = (answer: Answerer): Answerer => async (m, ctx) => {
      started++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return answer(m, ctx);
    };
    slow = await startTestSystem({ messaging: { settings: { replyBudgetMs: 150 }, customerService: sender, wrapAnswer: delayed } });
    slowWechat = sandboxPusher(slow);
  });
  afterAll(async () => {
    release();
    await slow.close();
  });

  async function row(openid: string) {
    const [r] = await queryRows<{ status: string; delivery: string | null; answer: string | null }>(
      slow.connection.db,
      sql`select i.status, i.delivery, a.text as answer from wechat_inbound i left join wechat_answer_texts a on a.hash = i.answer_hash where i.openid = ${openid}`,
    );
    return r;
  }

  it('when the answer takes longer than the budget, then success comes back within it and the answer follows by customer-service message', async () => {
    const openid = newOpenId();
    const body = textMessage(openid, '12333');
    const t0 = Date.now();
    const first = await slowWechat.send(body);
    const reply = await slowWechat.read(first.response);
    expect(reply.body).toBe('success');
    expect(Date.now() - t0).toBeLessThan(1500);
    // The deferred claim is written after `success` went back.
    await eventually(async () => expect(await row(openid)).toMatchObject({ status: 'processing', delivery: 'customer_service' }));

    // WeChat's retry while the answer is still being prepared: success again, no second run.
    expect((await slowWechat.read((await slowWechat.send(body, { query: first.query })).response)).body).toBe('success');
    expect(started).toBe(1);

    release();
    await slow.system.messaging.settle();
    expect(sender.sent).toEqual([{ openid, text: expect.stringContaining('12333人社服务热线') }]);
    expect(await row(openid)).toMatchObject({ status: 'answered', delivery: 'customer_service' });
    // A late retry gets success: the answer already went out by customer-service message.
    expect((await slowWechat.read((await slowWechat.send(body, { query: first.query })).response)).body).toBe('success');
    expect(sender.sent).toHaveLength(1);
  });

  it('when the customer-service message fails (e.g. 45015 outside 48 h), then the push is recorded as failed', async () => {
    sender.failWith = new Error('45015 response out of time limit');
    const openid = newOpenId();
    expect((await slowWechat.push(textMessage(openid, '帮助'))).body).toBe('success');
    release();
    await slow.system.messaging.settle();
    expect(await row(openid)).toMatchObject({ status: 'failed', delivery: 'customer_service', answer: expect.stringContaining('回复下列关键词') });
    sender.failWith = null;
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it passes or 2 s have gone by. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const until = Date.now() + 2000;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(20);
    }
  }
}

/**
 * Makes the database stall for `ms` and resolves once the stall is in place, with the promise of its end:
 * on PGlite an open transaction makes every other query wait; on PostgreSQL another connection holds
 * wechat_inbound locked.
 */
async function stallDatabase(target: TestSystem, ms: number): Promise<{ ended: Promise<void> }> {
  if (!target.connection.url) {
    let inPlace: () => void = () => {};
    const held = new Promise<void>((resolve) => (inPlace = resolve));
    const ended = target.connection.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      inPlace();
      await sleep(ms);
    });
    await held;
    return { ended };
  }
  const client = new Client({ connectionString: target.connection.url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table wechat_inbound in access exclusive mode');
  const ended = sleep(ms)
    .then(() => client.query('commit'))
    .then(() => client.end());
  return { ended };
}

describe('POST /wechat: the reply budget covers the database', () => {
  let stalled: TestSystem;
  let pusher: Pusher;
  const sender = recordingCustomerService();
  const budgetMs = 300;
  beforeAll(async () => {
    stalled = await startTestSystem({ messaging: { settings: { replyBudgetMs: budgetMs }, customerService: sender } });
    pusher = sandboxPusher(stalled);
  });
  afterAll(() => stalled.close());

  it('when the database stalls, then /wechat answers success within the budget, and after the stall each push is recorded once and answered by customer-service message', async () => {
    // Warm: the keyword rules and content answers are cached, as on a running server.
    for (const text of ['12333', '订阅 工资标准']) expect((await pusher.push(textMessage(newOpenId(), text))).success).toBe(false);

    const pushes = [
      { openid: newOpenId(), text: '12333', answer: '12333人社服务热线' },
      { openid: newOpenId(), text: '订阅 工资标准', answer: '已为您订阅“工资标准”' },
    ];
    const stall = await stallDatabase(stalled, 1500);
    const timed = await Promise.all(
      pushes.map(async (p) => {
        const started = Date.now();
        const reply = await pusher.push(textMessage(p.openid, p.text));
        return { body: reply.body, ms: Date.now() - started };
      }),
    );
    for (const r of timed) {
      expect(r.body).toBe('success');
      expect(r.ms).toBeLessThan(budgetMs + 400);
    }

    await stall.ended;
    await stalled.system.messaging.settle();
    for (const p of pushes) {
      const rows = await queryRows<{ status: string; delivery: string }>(stalled.connection.db, sql`select status, delivery from wechat_inbound where openid = ${p.openid}`);
      expect(rows).toEqual([{ status: 'answered', delivery: 'customer_service' }]);
      expect(sender.sent.filter((s) => s.openid === p.openid)).toEqual([{ openid: p.openid, text: expect.stringContaining(p.answer) }]);
    }
  });
});

describe('POST /wechat: late answers are bounded', () => {
  let system: TestSystem;
  let pusher: Pusher;
  const sender = recordingCustomerService();
  /** Answers wait here until the test opens the gate. */
  const waiting: Array<() => void> = [];
  const openGate = () => waiting.splice(0).forEach((go) => go());
  beforeAll(async () => {
    const gated = (answer: Answerer): Answerer => async (m, ctx) => {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return answer(m, ctx);
    };
    system = await startTestSystem({
      messaging: { settings: { replyBudgetMs: 100, lateAnswerLimit: 1, lateAnswerMaxAgeMs: 800 }, customerService: sender, wrapAnswer: gated },
    });
    pusher = sandboxPusher(system);
  });
  afterEach(async () => {
    openGate();
    await system.system.messaging.settle();
    sender.failWith = null;
  });
  afterAll(() => system.close());

  async function recorded(openid: string) {
    return queryRows<{ status: string; delivery: string | null; answer: string | null }>(
      system.connection.db,
      sql`select i.status, i.delivery, a.text as answer from wechat_inbound i left join wechat_answer_texts a on a.hash = i.answer_hash where i.openid = ${openid}`,
    );
  }

  it('when more answers miss the budget than may run late at once, then the extra one is recorded abandoned and never sent', async () => {
    const [first, extra] = [newOpenId(), newOpenId()];
    expect((await pusher.push(textMessage(first, '12333'))).body).toBe('success');
    expect((await pusher.push(textMessage(extra, '12333'))).body).toBe('success');
    openGate();
    await system.system.messaging.settle();
    expect(sender.sent.map((s) => s.openid)).toContain(first);
    expect(sender.sent.map((s) => s.openid)).not.toContain(extra);
    expect(await recorded(first)).toEqual([expect.objectContaining({ status: 'answered', delivery: 'customer_service' })]);
    expect(await recorded(extra)).toEqual([expect.objectContaining({ status: 'abandoned', delivery: 'none' })]);
  });

  it('when a late answer is ready only after the maximum age, then it is recorded abandoned and not sent', async () => {
    const openid = newOpenId();
    expect((await pusher.push(textMessage(openid, '订阅 工资标准'))).body).toBe('success');
    await sleep(900);
    openGate();
    await system.system.messaging.settle();
    expect(sender.sent.map((s) => s.openid)).not.toContain(openid);
    expect(await recorded(openid)).toEqual([expect.objectContaining({ status: 'abandoned', delivery: 'none', answer: expect.stringContaining('工资标准') })]);
  });

  it('when the customer-service send may have been delivered (a timeout after sending), then the push is recorded unknown and not sent again', async () => {
    sender.failWith = new WechatApiError({ api: 'custom_send', kind: 'timeout', errmsg: 'no answer within 5000 ms', transient: true, deliveryUnknown: true });
    const openid = newOpenId();
    const attemptsBefore = sender.attempts;
    expect((await pusher.push(textMessage(openid, '12333'))).body).toBe('success');
    openGate();
    await system.system.messaging.settle();
    expect(sender.attempts - attemptsBefore).toBe(1);
    expect(await recorded(openid)).toEqual([expect.objectContaining({ status: 'unknown', delivery: 'customer_service', answer: expect.stringContaining('12333') })]);
  });
});

describe('POST /wechat: plaintext-only configuration', () => {
  it('when an encrypted-only push arrives without an EncodingAESKey configured, then it is refused with a clear code', async () => {
    const plainOnly = await startTestSystem();
    try {
      const signer = sandboxPusher(plainOnly, TEST_AES_KEY);
      const reply = await signer.push(textMessage(newOpenId(), '帮助'), { mode: 'safe' });
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body).error.code).toBe('encryption_not_configured');
    } finally {
      await plainOnly.close();
    }
  });
});

describe('logging', () => {
  it('when pushes are handled or fail, then logs carry the request id and a masked openid, never the text, the openid or the token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, { write: (line: string) => void lines.push(line) });
    // A failure shaped like Drizzle's: the failed query's parameters are part of its message.
    const failing = (answer: Answerer): Answerer => async (m, ctx) => {
      if (m.type === 'text' && m.content.startsWith('出错')) {
        const cause = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
        throw Object.assign(new Error(`Failed query: insert into x\nparams: ${m.openid},${m.content}`), { query: 'insert into x', params: [m.openid, m.content], cause });
      }
      return answer(m, ctx);
    };
    const logged = await startTestSystem({ logger, wechat: COMPATIBLE.wechat, messaging: { settings: { compatibleMode: true }, wrapAnswer: failing } });
    try {
      const pusher = sandboxPusher(logged, TEST_AES_KEY);
      const openid = newOpenId();
      const secret = '我的身份证号是320102199001011234';
      expect((await pusher.push(textMessage(openid, secret), { mode: 'safe' })).status).toBe(200);
      expect((await pusher.push(textMessage(openid, `出错${secret}`))).body).toBe('success');
      expect((await pusher.push(textMessage(openid, secret), { forge: true })).status).toBe(401);

      const text = lines.join('\n');
      expect(text).not.toContain(secret);
      expect(text).not.toContain(openid);
      expect(text).not.toContain(account.token);
      const entries = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string; openid?: string; err?: { code?: string; message: string } });
      const answered = entries.find((e) => e.msg === 'push answered');
      expect(answered).toMatchObject({ requestId: expect.any(String), openid: maskOpenId(openid) });
      expect(entries.find((e) => e.msg.startsWith('answering a push failed'))).toMatchObject({ openid: maskOpenId(openid), err: { code: 'ECONNREFUSED' } });
      expect(entries.some((e) => e.msg === 'WeChat push refused')).toBe(true);
    } finally {
      await logged.close();
    }
  });
});

describe('retention of message records', () => {
  it('when records age out, then they go, and so do answer texts nobody refers to or stored lately', async () => {
    const old = new Date('2026-01-01T00:00:00Z');
    const before = new Date('2026-05-01T00:00:00Z');
    const texts = { kept: 'still answered', orphan: 'nobody got this lately', fresh: 'stored lately by an instance' };
    for (const [name, text] of Object.entries(texts)) {
      const storedAt = name === 'fresh' ? t.clock.now() : old;
      await t.connection.db.execute(sql`insert into wechat_answer_texts (hash, text, stored_at) values (${`h-${name}`}, ${text}, ${storedAt.toISOString()}::timestamptz)`);
    }
    const rows = [
      { key: 'msg:retention-old:1', receivedAt: old, hash: 'h-orphan' },
      { key: 'msg:retention-new:1', receivedAt: t.clock.now(), hash: 'h-kept' },
    ];
    for (const r of rows) {
      await t.connection.db.execute(
        sql`insert into wechat_inbound (dedupe_key, openid, msg_type, status, answer_hash, delivery, received_at)
            values (${r.key}, 'o-retention', 'text', 'answered', ${r.hash}, 'passive', ${r.receivedAt.toISOString()}::timestamptz)`,
      );
    }

    const deleted = await t.system.messaging.pruneInbound(before);

    expect(deleted.pushes).toBe(1);
    expect(deleted.texts).toBe(1);
    const keys = await queryRows<{ dedupe_key: string }>(t.connection.db, sql`select dedupe_key from wechat_inbound where openid = 'o-retention'`);
    expect(keys.map((k) => k.dedupe_key)).toEqual(['msg:retention-new:1']);
    const left = await queryRows<{ hash: string }>(t.connection.db, sql`select hash from wechat_answer_texts where hash like 'h-%' order by hash`);
    expect(left.map((r) => r.hash)).toEqual(['h-fresh', 'h-kept']);
  });
});
