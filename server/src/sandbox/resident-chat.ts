import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../clock';
import { AppError, ConflictError } from '../errors';
import { HttpTimeoutError, type HttpTransport } from '../wechat/client/http-transport';
import { repositoryMenu, type Menu } from '../wechat/client/menu';
import { createMessageCrypto } from '../wechat/protocol/message-crypto';
import { buildXml, parseXml, toEpochSeconds, type XmlFields } from '../wechat/protocol/xml';
import { randomMsgId } from './answers';
import { signedPush, type PushTarget } from './job-callback';
import type { SandboxRepository, StoredEntry } from './repository';
import type { SandboxMessage } from './types';

/**
 * The resident side of the sandbox: what a follower's WeChat client does when they follow, type or press
 * a menu button. Each action becomes the push WeChat would send to /wechat (signed, and encrypted in
 * 安全模式), goes over real HTTP, and the answer is checked the way WeChat checks it before the resident
 * sees a bubble. The transcript is stored per openid for the chat page (GET /sandbox), so a restart keeps it.
 */

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;
const Openid = z.string().regex(OPENID, '格式不正确');
const Name = z.string().min(1).max(60).optional();

/** What a resident can do in the chat; menu actions carry the button's name for the transcript. */
export const ChatAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), content: z.string().trim().min(1, '消息不能为空').max(2000, '消息最多 2000 个字') }),
  z.object({ kind: z.literal('click'), key: z.string().min(1).max(128), name: Name }),
  z.object({ kind: z.literal('view'), url: z.url({ protocol: /^https?$/ }).max(1024), name: Name }),
  z.object({ kind: z.literal('miniprogram'), pagepath: z.string().min(1).max(1024), name: Name }),
  z.object({
    kind: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    label: z.string().max(100).default(''),
    scale: z.number().int().min(1).max(20).default(15),
  }),
  z.object({ kind: z.literal('subscribe'), scene: z.string().min(1).max(64).optional() }),
  z.object({ kind: z.literal('unsubscribe') }),
]);
export type ChatAction = z.infer<typeof ChatAction>;

export const NewResident = z.object({ openid: Openid.optional() });

interface EntryBase {
  seq: number;
  at: string;
  openid: string;
}

/** The resident's own action. */
export type ResidentEntry = EntryBase & { source: 'resident'; action: ChatAction };
/** A passive reply the resident sees as a bubble. */
export type ReplyEntry = EntryBase & { source: 'account'; msgType: string; content: string | null; encrypted: boolean };
/** What WeChat shows when the account's answer is unusable, and why (for developers). */
export type NoticeEntry = EntryBase & { source: 'platform'; text: string; detail: string };
/** A message the account sent through the API (template, subscribe, customer-service). */
export type PushEntry = EntryBase & { source: 'push'; message: SandboxMessage };

export type ChatEntry = ResidentEntry | ReplyEntry | NoticeEntry;
export type TimelineEntry = ChatEntry | PushEntry;

export interface ChatResident {
  openid: string;
  following: boolean;
  /** When the resident first appeared (created on the page, or first seen as a follower). */
  since: string;
}

export interface ChatExchange {
  /** What went to /wechat. */
  push: { msgType: string; event: string | null; encrypted: boolean };
  /** Status of /wechat's answer; null when it did not answer within 5 s or could not be reached. */
  httpStatus: number | null;
  ms: number;
  /** What the resident sees; null for `success` or an empty answer, and for events WeChat shows no reply to. */
  reply: { msgType: string; content: string | null } | null;
  /** WeChat's system notice when the answer could not be used. */
  notice: { text: string; detail: string } | null;
  /** What this exchange added to the transcript. */
  entries: ChatEntry[];
}

export interface ResidentChat {
  send(openid: string, action: ChatAction): Promise<ChatExchange>;
  /** The transcript and the API messages of one resident after `afterSeq`, in order. */
  timeline(openid: string, afterSeq?: number): Promise<TimelineEntry[]>;
  residents(): Promise<ChatResident[]>;
  /** Registers a resident (not yet following); a random openid shaped like a real one when none is given. */
  addResident(openid?: string): Promise<ChatResident>;
  /** The menu the resident sees: the one published by menu/create, else the repository's menu.json. */
  menu(): Promise<{ menu: Menu; source: 'menu_create' | 'repository' }>;
}

export interface ResidentChatDeps {
  clock: Clock;
  logger: Logger;
  transport: HttpTransport;
  officialAccount: { appId: string; token: string; aesKey: string | null };
  originalId: string;
  miniProgramAppId: string;
  /** Our /wechat; undefined when the sandbox was started without one. */
  callbackUrl(): string | undefined;
  store: Pick<SandboxRepository, 'registerResidents' | 'residents' | 'nextCreateTime' | 'insertEntry' | 'entries'>;
  platform: {
    isFollowing(openid: string): Promise<boolean>;
    followers(): Promise<{ openid: string; followedAt: string }[]>;
    follow(openid: string): Promise<void>;
    unfollow(openid: string): Promise<void>;
    touch(openid: string): Promise<void>;
    menu(): Promise<Menu | null>;
    messagesTo(openid: string, afterSeq: number): Promise<SandboxMessage[]>;
  };
}

/** The system message WeChat shows when an account does not answer properly. */
export const UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试';
/** WeChat waits 5 seconds for a passive reply (research/wechat.md §1.4). */
const REPLY_WAIT_MS = 5000;
/** Pushes whose answer WeChat never shows: the resident has left the chat or opened a page. */
const NO_REPLY_SHOWN: ReadonlySet<ChatAction['kind']> = new Set(['unsubscribe', 'view', 'miniprogram']);

/** The children of a `<xml>` root as buildXml renders them, for splicing in bare numbers. */
const inner = (fields: XmlFields) => buildXml(fields).slice('<xml>'.length, -'</xml>'.length);
const bare = (tag: string, value: string) => {
  if (!/^-?[0-9]+(?:\.[0-9]+)?$/.test(value)) throw new Error(`${tag} must be a decimal number`);
  return `<${tag}>${value}</${tag}>`;
};

class ReplyProblem extends Error {}

/** A stored transcript row as the page sees it: the entry's own fields travel in `payload`. */
const toEntry = (row: StoredEntry) => ({ seq: row.seq, at: row.at, openid: row.openid, source: row.source, ...row.payload }) as ChatEntry;

export function createResidentChat(deps: ResidentChatDeps): ResidentChat {
  const { clock, platform, originalId, store } = deps;
  const log = deps.logger.child({ module: 'sandbox-chat' });
  const oa = deps.officialAccount;
  const crypto = oa.aesKey ? createMessageCrypto({ token: oa.token, encodingAesKey: oa.aesKey, appId: oa.appId }) : null;

  const register = (openid: string) => store.registerResidents([{ openid, since: clock.now() }]);

  /**
   * CreateTime in seconds, kept increasing per resident (across restarts too): /wechat takes two events of
   * one resident with the same CreateTime for a retry, and page clicks (or a test's fixed clock) can fall
   * within one second.
   */
  const createTime = (openid: string) => store.nextCreateTime(openid, toEpochSeconds(clock.now()));

  /** The push XML as WeChat writes it (research/wechat.md §1.3): strings in CDATA, numbers bare. */
  function pushXml(openid: string, createdAt: number, action: ChatAction): { xml: string; msgType: string; event: string | null } {
    const head = inner({ ToUserName: originalId, FromUserName: openid, CreateTime: createdAt });
    const event = (name: string, key: string) => ({
      xml: `<xml>${head}${inner({ MsgType: 'event', Event: name, EventKey: key })}</xml>`,
      msgType: 'event',
      event: name,
    });
    switch (action.kind) {
      case 'text':
        return { xml: `<xml>${head}${inner({ MsgType: 'text', Content: action.content })}${bare('MsgId', randomMsgId())}</xml>`, msgType: 'text', event: null };
      case 'location': {
        const place = `${bare('Location_X', action.latitude.toFixed(6))}${bare('Location_Y', action.longitude.toFixed(6))}${bare('Scale', String(action.scale))}`;
        return { xml: `<xml>${head}${inner({ MsgType: 'location' })}${place}${inner({ Label: action.label })}${bare('MsgId', randomMsgId())}</xml>`, msgType: 'location', event: null };
      }
      case 'click':
        return event('CLICK', action.key);
      case 'view':
        return event('VIEW', action.url);
      case 'miniprogram':
        return event('view_miniprogram', action.pagepath);
      case 'subscribe':
        return event('subscribe', action.scene === undefined ? '' : `qrscene_${action.scene}`);
      case 'unsubscribe':
        return event('unsubscribe', '');
    }
  }

  /** Checks an answer the way WeChat does before showing it; throws ReplyProblem when it cannot be used. */
  function readReply(openid: string, status: number, body: string, pushEncrypted: boolean): { msgType: string; content: string | null; encrypted: boolean } | null {
    if (status !== 200) throw new ReplyProblem(`/wechat 返回 HTTP ${status}`);
    if (body.trim() === '' || body === 'success') return null;
    let fields: Record<string, unknown>;
    try {
      fields = parseXml(body);
    } catch {
      throw new ReplyProblem('回复不是有效的 XML');
    }
    let encrypted = false;
    if (typeof fields.Encrypt === 'string') {
      if (!crypto) throw new ReplyProblem('回复是加密的，但公众号没有配置 EncodingAESKey');
      try {
        const xml = crypto.verifyAndDecrypt({ timestamp: String(fields.TimeStamp ?? ''), nonce: String(fields.Nonce ?? ''), encrypt: fields.Encrypt, msgSignature: String(fields.MsgSignature ?? '') });
        fields = parseXml(xml);
      } catch (err) {
        throw new ReplyProblem(`加密回复校验或解密失败：${(err as Error).message}`);
      }
      encrypted = true;
    } else if (pushEncrypted) {
      throw new ReplyProblem('安全模式下回复必须加密');
    }
    if (fields.ToUserName !== openid) throw new ReplyProblem('回复的 ToUserName 不是发消息的用户');
    if (fields.FromUserName !== originalId) throw new ReplyProblem('回复的 FromUserName 不是公众号的原始ID');
    const msgType = typeof fields.MsgType === 'string' ? fields.MsgType : '';
    if (msgType === '') throw new ReplyProblem('回复缺少 MsgType');
    if (msgType !== 'text') return { msgType, content: null, encrypted };
    if (typeof fields.Content !== 'string' || fields.Content === '') throw new ReplyProblem('文本回复缺少 Content');
    return { msgType, content: fields.Content, encrypted };
  }

  /** Stores a transcript entry before it is shown, so the page and a restarted sandbox agree. */
  async function record<E extends ChatEntry>(entry: Omit<E, 'seq' | 'at'>): Promise<E> {
    const { openid, source, ...payload } = entry as Omit<ChatEntry, 'seq' | 'at'>;
    return toEntry(await store.insertEntry({ openid, source, at: clock.now().toISOString(), payload })) as E;
  }

  return {
    async send(openid, action) {
      if (!OPENID.test(openid)) throw new AppError(400, 'invalid_request', '参数 openid 格式不正确');
      const target = deps.callbackUrl();
      if (!target) throw new AppError(503, 'no_callback_url', '沙箱没有配置 /wechat 的地址');
      const following = await platform.isFollowing(openid);
      if (action.kind === 'subscribe' && following) throw new ConflictError('already_following', '已经关注了公众号');
      if (action.kind !== 'subscribe' && !following) throw new ConflictError('not_following', '请先关注公众号');
      await register(openid);

      // The platform's own state changes first, as on WeChat: a follower exists before the subscribe push.
      if (action.kind === 'subscribe') await platform.follow(openid);
      else if (action.kind === 'unsubscribe') await platform.unfollow(openid);
      else await platform.touch(openid);

      const added: ChatEntry[] = [await record<ResidentEntry>({ openid, source: 'resident', action })];
      const push = pushXml(openid, await createTime(openid), action);
      const pushTarget: PushTarget = { url: target, token: oa.token, appId: oa.appId, aesKey: oa.aesKey };
      const request = signedPush(pushTarget, { xml: push.xml, toUser: originalId, openid, now: clock.now() });
      const encrypted = oa.aesKey !== null;
      const started = Date.now();
      let httpStatus: number | null = null;
      let reply: ChatExchange['reply'] = null;
      let notice: ChatExchange['notice'] = null;
      try {
        let body: string;
        try {
          const res = await deps.transport({ method: 'POST', url: request.url, headers: { 'content-type': 'text/xml' }, body: request.body, timeoutMs: REPLY_WAIT_MS });
          httpStatus = res.status;
          body = res.text;
        } catch (err) {
          const timedOut = err instanceof HttpTimeoutError;
          throw new ReplyProblem(timedOut ? `/wechat 在 ${REPLY_WAIT_MS / 1000} 秒内没有回复` : `无法连接 /wechat：${(err as Error).message}`);
        }
        const read = readReply(openid, httpStatus, body, encrypted);
        if (read && !NO_REPLY_SHOWN.has(action.kind)) {
          reply = { msgType: read.msgType, content: read.content };
          added.push(await record<ReplyEntry>({ openid, source: 'account', ...read }));
        }
      } catch (err) {
        if (!(err instanceof ReplyProblem)) throw err;
        log.warn({ kind: action.kind, httpStatus, problem: err.message }, 'sandbox chat: /wechat answer unusable');
        if (!NO_REPLY_SHOWN.has(action.kind)) {
          notice = { text: UNAVAILABLE_NOTICE, detail: err.message };
          added.push(await record<NoticeEntry>({ openid, source: 'platform', ...notice }));
        }
      }
      return { push: { msgType: push.msgType, event: push.event, encrypted }, httpStatus, ms: Date.now() - started, reply, notice, entries: added };
    },

    async timeline(openid, afterSeq = 0) {
      const [own, messages] = await Promise.all([store.entries(openid, afterSeq), platform.messagesTo(openid, afterSeq)]);
      const pushes: TimelineEntry[] = messages.map((message) => ({ seq: message.seq, at: message.at, openid, source: 'push', message }));
      return [...own.map(toEntry), ...pushes].sort((a, b) => a.seq - b.seq);
    },

    async residents() {
      // Followers made through the API (a test, another page) join the list the first time it is read.
      const followers = await platform.followers();
      await store.registerResidents(followers.map((f) => ({ openid: f.openid, since: new Date(f.followedAt) })));
      const following = new Set(followers.map((f) => f.openid));
      return (await store.residents()).map((r) => ({ ...r, following: following.has(r.openid) }));
    },

    async addResident(openid) {
      const id = openid ?? `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
      if (!OPENID.test(id)) throw new AppError(400, 'invalid_request', '参数 openid 格式不正确');
      await register(id);
      const [resident] = await store.residents([id]);
      return { openid: id, following: await platform.isFollowing(id), since: resident!.since };
    },

    async menu() {
      const published = await platform.menu();
      return published ? { menu: published, source: 'menu_create' } : { menu: repositoryMenu({ miniProgramAppId: deps.miniProgramAppId }), source: 'repository' };
    },
  };
}
