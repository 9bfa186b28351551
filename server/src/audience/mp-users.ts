import type { Credit, Profile, Subscription } from '@zj/shared';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { listActiveTopics } from '../content/reference-data';
import type { Database } from '../db/database';
import { AppError, UnauthorizedError } from '../errors';
import { loggableError, maskOpenId } from '../logger';
import type { WechatClient } from '../wechat/client/api-client';
import { WECHAT_ERRCODES, WechatApiError } from '../wechat/client/api-errors';
import * as repo from './repository';
import type { SessionTokens } from './session-tokens';

/** wx.requestSubscribeMessage takes at most 3 template ids. */
const MAX_TEMPLATES_PER_REQUEST = 3;

/** WeChat refused the wx.login code: unknown, expired (5 minutes) or used before. */
const REFUSED_CODE: ReadonlySet<number> = new Set([WECHAT_ERRCODES.invalidCode, WECHAT_ERRCODES.codeUsed]);

const profileOf = (row: repo.SubscriberRow): Profile => ({ district: row.district as Profile['district'], audiences: row.audiences as Profile['audiences'] });

/**
 * What a mini-program user does for themself: log in, keep a profile, subscribe to topics, and record
 * the outcome of requestSubscribeMessage. Every use case after login takes the subscriber id of a
 * verified session token.
 */
export function createMiniProgramUsers(deps: { db: Database; clock: Clock; logger: Logger; mp: WechatClient; tokens: SessionTokens }) {
  const { db, clock, logger, mp, tokens } = deps;

  async function subscriber(id: number): Promise<repo.SubscriberRow> {
    const row = await repo.findSubscriberById(db, id);
    // A token outliving its subscriber (the row was erased on request): the user logs in afresh.
    if (!row) throw new UnauthorizedError('登录已失效，请重新登录');
    return row;
  }

  async function activeTopic(code: string) {
    const topic = (await listActiveTopics(db)).find((t) => t.code === code);
    if (!topic) throw new AppError(404, 'unknown_topic', `主题不存在：${code}`, { topics: [code] });
    return topic;
  }

  async function subscriptions(id: number): Promise<Subscription[]> {
    const [rows, topics] = await Promise.all([repo.subscriptionRowsOf(db, id), listActiveTopics(db)]);
    return rows.map((r) => ({
      topic: r.topic,
      name: topics.find((t) => t.code === r.topic)?.name ?? r.topic,
      districts: r.districts as Subscription['districts'],
      audiences: r.audiences as Subscription['audiences'],
      since: r.createdAt.toISOString(),
    }));
  }

  async function credits(id: number): Promise<Credit[]> {
    const [templates, held] = await Promise.all([repo.listSubscribeTemplates(db), repo.creditsOf(db, id)]);
    return templates.map((t) => {
      const c = held.find((h) => h.templateId === t.templateId);
      const remaining = c?.remaining ?? 0;
      const rejected = c?.rejected ?? false;
      // The latest answer counts: after a refusal nothing is sent until the user accepts again (which keeps
      // the credits left), as push targeting decides (targeting.ts, credits.ts).
      const sendable = !rejected && (t.kind === 'long_term' ? c?.longTerm === true : remaining > 0);
      return { templateId: t.templateId, title: t.title, kind: t.kind, remaining, rejected, sendable };
    });
  }

  return {
    /**
     * wx.login code → jscode2session → the subscriber (created on first login) → a session token. The
     * session_key is dropped here: nothing decrypts user data with it, and a key not kept cannot leak.
     */
    async logIn(code: string) {
      let identity: { openid: string; unionid: string | null };
      try {
        const { openid, unionid } = await mp.code2Session(code);
        identity = { openid, unionid };
      } catch (err) {
        if (err instanceof WechatApiError && err.errcode !== null && REFUSED_CODE.has(err.errcode)) {
          throw new AppError(400, 'invalid_code', '登录凭证无效或已使用，请重新登录');
        }
        if (err instanceof AppError) throw err;
        logger.warn({ err: loggableError(err) }, 'jscode2session failed');
        throw new AppError(503, 'wechat_unavailable', '微信服务暂时不可用，请稍后再试');
      }
      const row = await repo.upsertMiniProgramUser(db, { ...identity, now: clock.now() });
      const issued = await tokens.issue(row.id);
      logger.info({ openid: maskOpenId(identity.openid), subscriberId: row.id, unionid: identity.unionid !== null }, 'mini-program login');
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString(), profile: profileOf(row) };
    },

    async profile(id: number): Promise<Profile> {
      return profileOf(await subscriber(id));
    },

    async updateProfile(id: number, profile: Profile): Promise<Profile> {
      const row = await repo.updateProfile(db, { subscriberId: id, district: profile.district, audiences: profile.audiences });
      if (!row) throw new UnauthorizedError('登录已失效，请重新登录');
      return profileOf(row);
    },

    /**
     * Active topics, each with the subscribe-message templates to request before subscribing (those
     * configured for the topic or for every topic, subscribe_templates.topics; one-time ones, or long-term
     * ones when there are none, since one request may not mix the kinds; at most the 3 one request may
     * ask for), and the caller's subscription when there is a caller.
     */
    async topics(id: number | null) {
      const [active, templates] = await Promise.all([listActiveTopics(db), repo.listSubscribeTemplates(db)]);
      const templateIdsOf = (code: string) => {
        // The topic's own templates first, so the limit never cuts them for general ones.
        const serving = templates.filter((t) => t.topics.includes(code)).concat(templates.filter((t) => t.topics.length === 0));
        const oneTime = serving.filter((t) => t.kind === 'one_time');
        return (oneTime.length > 0 ? oneTime : serving).slice(0, MAX_TEMPLATES_PER_REQUEST).map((t) => t.templateId);
      };
      const topics = active.map((t) => ({ ...t, templateIds: templateIdsOf(t.code) }));
      if (id === null) return topics;
      await subscriber(id);
      const mine = await subscriptions(id);
      return topics.map((t) => {
        const s = mine.find((m) => m.topic === t.code);
        return { ...t, subscription: s ? { districts: s.districts, audiences: s.audiences, since: s.since } : null };
      });
    },

    async subscriptions(id: number): Promise<Subscription[]> {
      await subscriber(id);
      return subscriptions(id);
    },

    /** Subscribes to the topic, narrowed to the districts and audiences (empty = all); again = new narrowing. */
    async subscribe(id: number, topic: string, narrowing: Pick<Subscription, 'districts' | 'audiences'>): Promise<Subscription> {
      await subscriber(id);
      await activeTopic(topic);
      await repo.upsertSubscription(db, { subscriberId: id, topic, ...narrowing, now: clock.now() });
      return (await subscriptions(id)).find((s) => s.topic === topic)!;
    },

    async unsubscribe(id: number, topic: string): Promise<Subscription[]> {
      await subscriber(id);
      await repo.deleteSubscription(db, { subscriberId: id, topic });
      return subscriptions(id);
    },

    /**
     * The object wx.requestSubscribeMessage resolved with. Any value starting with `accept` (accept,
     * acceptWithAudio, …) adds one credit to a one-time template, or opens a long-term one; `reject` marks
     * the template refused; `ban` and `filter` (the platform withheld the popup) change nothing.
     */
    async recordSubscribeResults(id: number, results: Record<string, string>): Promise<{ items: Credit[]; ignored: string[] }> {
      await subscriber(id);
      const templates = new Map((await repo.listSubscribeTemplates(db)).map((t) => [t.templateId, t]));
      const ignored: string[] = [];
      await db.transaction(async (tx) => {
        for (const [templateId, value] of Object.entries(results)) {
          if (templateId === 'errMsg') continue;
          const template = templates.get(templateId);
          if (!template) {
            ignored.push(templateId);
            continue;
          }
          const now = clock.now();
          if (value.startsWith('accept')) {
            if (template.kind === 'long_term') await repo.grantLongTerm(tx, { subscriberId: id, templateId, now });
            else await repo.addCredit(tx, { subscriberId: id, templateId, now });
          } else if (value === 'reject') {
            await repo.markRejected(tx, { subscriberId: id, templateId, revoke: false, now });
          }
        }
      });
      return { items: await credits(id), ignored };
    },

    async credits(id: number): Promise<Credit[]> {
      await subscriber(id);
      return credits(id);
    },

    /** The bureau's subscribe-message templates (from the WeChat console), by kind. */
    defineTemplate(input: { templateId: string; kind: 'one_time' | 'long_term'; title: string }): Promise<void> {
      return repo.upsertSubscribeTemplate(db, { ...input, now: clock.now() });
    },
  };
}

export type MiniProgramUsers = ReturnType<typeof createMiniProgramUsers>;
