import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createMessageCrypto } from '../../src/wechat/protocol/message-crypto';
import type { CustomerServiceSender } from '../../src/wechat/message-server/message-service';
import { sha1Signature } from '../../src/wechat/protocol/signature';
import { parseXml } from '../../src/wechat/protocol/xml';

/**
 * Builds pushes the way WeChat sends them to /wechat (research/wechat.md §1.2, §1.3, §1.5): the XML (or
 * JSON) body, the query string with `signature`, and in 安全/兼容 mode the encrypted body with
 * `msg_signature`. Replies are read back, encrypted envelopes verified and decrypted.
 */

export const TEST_AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OUR_GH_ID = 'gh_7f083739789a';

/** A push body: strings, nested elements, or repeated elements (arrays). */
export type PushValue = string | PushBody | PushBody[];
export interface PushBody {
  [tag: string]: PushValue;
}

/** Elements WeChat sends as bare numbers; everything else goes in CDATA. */
const BARE = new Set(['CreateTime', 'MsgId', 'MsgID', 'Location_X', 'Location_Y', 'Scale', 'Latitude', 'Longitude', 'Precision', 'PopupScene', 'ErrorCode', 'MenuId']);

function xmlOf(body: PushBody): string {
  const render = (tag: string, value: PushValue): string => {
    if (Array.isArray(value)) return value.map((v) => render(tag, v)).join('');
    if (typeof value === 'object') return `<${tag}>${Object.entries(value).map(([t, v]) => render(t, v)).join('')}</${tag}>`;
    return BARE.has(tag) ? `<${tag}>${value}</${tag}>` : `<${tag}><![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${tag}>`;
  };
  return `<xml>${Object.entries(body).map(([t, v]) => render(t, v)).join('')}</xml>`;
}

/** JSON as the mini-program's JSON push format writes it: numeric fields as bare (possibly 64-bit) numbers. */
function jsonOf(body: PushBody): string {
  const render = (tag: string | null, value: PushValue): string => {
    if (Array.isArray(value)) return `[${value.map((v) => render(null, v)).join(',')}]`;
    if (typeof value === 'object') return `{${Object.entries(value).map(([t, v]) => `${JSON.stringify(t)}:${render(t, v)}`).join(',')}}`;
    return tag !== null && BARE.has(tag) && /^-?[0-9]+(\.[0-9]+)?$/.test(value) ? value : JSON.stringify(value);
  };
  return render(null, body);
}

let sequence = 0;
/** A 64-bit-looking MsgId beyond 2^53, unique per call. */
export function nextMsgId(): string {
  sequence += 1;
  return `60547685900647${String(10000 + sequence).padStart(5, '0')}`;
}

export const createTime = (): string => String(Math.floor(Date.now() / 1000));

export function textMessage(openid: string, content: string, extra: PushBody = {}): PushBody {
  return { ToUserName: OUR_GH_ID, FromUserName: openid, CreateTime: createTime(), MsgType: 'text', Content: content, MsgId: nextMsgId(), ...extra };
}

export function eventPush(openid: string, event: string, extra: PushBody = {}): PushBody {
  return { ToUserName: OUR_GH_ID, FromUserName: openid, CreateTime: createTime(), MsgType: 'event', Event: event, ...extra };
}

export function locationMessage(openid: string, latitude: number, longitude: number): PushBody {
  return {
    ToUserName: OUR_GH_ID,
    FromUserName: openid,
    CreateTime: createTime(),
    MsgType: 'location',
    Location_X: String(latitude),
    Location_Y: String(longitude),
    Scale: '15',
    Label: '我的位置',
    MsgId: nextMsgId(),
  };
}

let openidCounter = 0;
/** A fresh resident openid (28 characters, like real ones). */
export function newOpenId(): string {
  openidCounter += 1;
  return `oUSER${randomBytes(8).toString('hex')}${String(openidCounter).padStart(7, '0')}`;
}

export type Mode = 'plain' | 'safe' | 'compat';

export interface PushOptions {
  mode?: Mode;
  /** Sign with this timestamp (epoch seconds) instead of the system clock's now. */
  timestamp?: string;
  format?: 'xml' | 'json';
  /** Encrypt for another appid (the trailing appid check must refuse it). */
  encryptForAppId?: string;
  /** Change one character of the signature that authenticates the body. */
  forge?: boolean;
  /** Send exactly this body instead of building one. */
  rawBody?: string;
  /** Reuse the query string of an earlier delivery (WeChat's retries are identical, §1.2). */
  query?: URLSearchParams;
  /** Repeat an earlier delivery exactly: its query and its (encrypted) body. */
  repeat?: { query: URLSearchParams; bodyText: string };
}

export interface Reply {
  status: number;
  /** The HTTP body as received. */
  body: string;
  success: boolean;
  encrypted: boolean;
  /** The reply XML (decrypted in safe mode). */
  xml: string | null;
  fields: Record<string, unknown> | null;
}

function flip(signature: string): string {
  const last = signature.at(-1) === '0' ? '1' : '0';
  return `${signature.slice(0, -1)}${last}`;
}

export interface Pusher {
  /** GET /wechat as the 服务号 console's URL check does. */
  verify(echostr: string, options?: { forge?: boolean; omitSignature?: boolean }): Promise<Response>;
  /** Builds and sends one push; returns the query used, so a retry can repeat it. */
  send(body: PushBody, options?: PushOptions): Promise<{ response: Response; query: URLSearchParams; bodyText: string }>;
  /** A signed plaintext-mode query string, to send one push several times (or to several instances). */
  plainQuery(openid: string): URLSearchParams;
  /** Sends and reads the reply (decrypting it in safe mode). */
  push(body: PushBody, options?: PushOptions): Promise<Reply>;
  read(response: Response): Promise<Reply>;
}

/**
 * A pusher signing as the sandbox account of tests, to the test system at `url`; with `aesKey`, it can
 * encrypt. Signatures carry the system clock's time, as WeChat's carry the real one: the server refuses
 * timestamps far from its clock.
 */
export function sandboxPusher(system: { url: string; clock: Clock }, aesKey?: string): Pusher {
  const { token, appId } = sandboxAccount();
  return createPusher({ url: system.url, token, appId, aesKey, clock: system.clock });
}

export function createPusher(target: { url: string; token: string; appId: string; aesKey?: string | null; clock: Clock }): Pusher {
  const signedAt = (): string => String(Math.floor(target.clock.now().getTime() / 1000));
  const cryptoFor = (appId: string) => {
    if (!target.aesKey) throw new Error('this pusher has no AES key');
    return createMessageCrypto({ token: target.token, encodingAesKey: target.aesKey, appId });
  };

  async function read(response: Response): Promise<Reply> {
    const body = await response.text();
    if (body === 'success' || response.status !== 200) return { status: response.status, body, success: body === 'success', encrypted: false, xml: null, fields: null };
    let xml = body;
    let encrypted = false;
    const outer = parseXml(body);
    if (typeof outer.Encrypt === 'string') {
      const timestamp = String(outer.TimeStamp);
      const nonce = String(outer.Nonce);
      const expected = sha1Signature(target.token, timestamp, nonce, outer.Encrypt);
      if (outer.MsgSignature !== expected) throw new Error('reply MsgSignature does not verify');
      xml = cryptoFor(target.appId).decrypt(outer.Encrypt);
      encrypted = true;
    }
    return { status: response.status, body, success: false, encrypted, xml, fields: parseXml(xml) };
  }

  function plainQuery(openid: string, forge = false, timestamp = signedAt()): URLSearchParams {
    const nonce = String(100000000 + Math.floor(Math.random() * 800000000));
    const signature = sha1Signature(target.token, timestamp, nonce);
    return new URLSearchParams({ signature: forge ? flip(signature) : signature, timestamp, nonce, openid });
  }

  async function post(query: URLSearchParams, bodyText: string, format: 'xml' | 'json') {
    return fetch(`${target.url}/wechat?${query.toString()}`, {
      method: 'POST',
      headers: { 'content-type': format === 'json' ? 'application/json' : 'text/xml' },
      body: bodyText,
    });
  }

  async function send(pushBody: PushBody, options: PushOptions = {}) {
    if (options.repeat) {
      const { query, bodyText } = options.repeat;
      return { response: await post(query, bodyText, options.format ?? 'xml'), query, bodyText };
    }
    const mode = options.mode ?? 'plain';
    const format = options.format ?? 'xml';
    const plainText = options.rawBody ?? (format === 'json' ? jsonOf(pushBody) : xmlOf(pushBody));
    let query = options.query;
    let bodyText = plainText;
    if (mode === 'plain') {
      query ??= plainQuery(String(pushBody.FromUserName ?? ''), options.forge, options.timestamp);
    } else {
      const encrypt = cryptoFor(options.encryptForAppId ?? target.appId).encrypt(plainText);
      const toUser = String(pushBody.ToUserName ?? OUR_GH_ID);
      if (format === 'json') bodyText = JSON.stringify(mode === 'compat' ? { ...JSON.parse(plainText), Encrypt: encrypt } : { ToUserName: toUser, Encrypt: encrypt });
      else bodyText = mode === 'compat' ? plainText.replace(/<\/xml>$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`) : xmlOf({ ToUserName: toUser, Encrypt: encrypt });
      if (!query) {
        const timestamp = options.timestamp ?? signedAt();
        const nonce = String(100000000 + Math.floor(Math.random() * 800000000));
        const msgSignature = sha1Signature(target.token, timestamp, nonce, encrypt);
        query = new URLSearchParams({
          signature: sha1Signature(target.token, timestamp, nonce),
          timestamp,
          nonce,
          openid: String(pushBody.FromUserName ?? ''),
          encrypt_type: 'aes',
          msg_signature: options.forge ? flip(msgSignature) : msgSignature,
        });
      }
    }
    return { response: await post(query, bodyText, format), query, bodyText };
  }

  return {
    async verify(echostr, options = {}) {
      const timestamp = signedAt();
      const nonce = '1590219412';
      const signature = sha1Signature(target.token, timestamp, nonce);
      const query = new URLSearchParams({ timestamp, nonce, echostr });
      if (!options.omitSignature) query.set('signature', options.forge ? flip(signature) : signature);
      return fetch(`${target.url}/wechat?${query.toString()}`);
    },
    send,
    plainQuery: (openid) => plainQuery(openid),
    async push(body, options) {
      return read((await send(body, options)).response);
    },
    read,
  };
}

/** A CustomerServiceSender that records what it was asked to send (and can be told to fail). */
export function recordingCustomerService(): CustomerServiceSender & { sent: Array<{ openid: string; text: string }>; attempts: number; failWith: Error | null } {
  const sender = {
    sent: [] as Array<{ openid: string; text: string }>,
    /** Calls, failed ones included. */
    attempts: 0,
    failWith: null as Error | null,
    async sendText(openid: string, text: string) {
      sender.attempts++;
      if (sender.failWith) throw sender.failWith;
      sender.sent.push({ openid, text });
    },
  };
  return sender;
}

/** The Content of a text reply. */
export function contentOf(reply: Reply): string {
  if (!reply.fields) throw new Error(`expected a text reply, got ${reply.status} ${reply.body.slice(0, 200)}`);
  return String(reply.fields.Content);
}

/** The 服务号 credentials the test system runs with (the sandbox defaults of an empty environment). */
export function sandboxAccount(): { token: string; appId: string; miniProgramAppId: string } {
  const config = loadConfig({});
  return { token: config.wechat.token, appId: config.wechat.appId, miniProgramAppId: config.miniProgram.appId };
}
