import type { Clock } from '../clock';
import { listActiveTopics } from '../content/reference-data';
import { createBatcher } from '../db/batcher';
import type { Database } from '../db/database';
import * as repo from './repository';

export type { Channel } from './repository';

export interface TopicRef {
  code: string;
  name: string;
}

export type TopicMatch = { kind: 'found'; topic: TopicRef } | { kind: 'ambiguous'; candidates: TopicRef[] } | { kind: 'unknown' };

const DECORATION = /[\s"'“”‘’《》「」【】<>()（）]/g;

/**
 * Which topic a resident means by what they typed after 订阅/退订: the exact name or code first, then the
 * one topic whose name contains the words (or is contained in them).
 */
export function matchTopic(input: string, topics: readonly TopicRef[]): TopicMatch {
  const wanted = input.replace(DECORATION, '').toLowerCase();
  if (wanted === '') return { kind: 'unknown' };
  const exact = topics.find((t) => t.name.replace(DECORATION, '') === wanted || t.code === wanted);
  if (exact) return { kind: 'found', topic: exact };
  const partial = topics.filter((t) => {
    const name = t.name.replace(DECORATION, '');
    return name.includes(wanted) || wanted.includes(name);
  });
  if (partial.length === 1) return { kind: 'found', topic: partial[0]! };
  if (partial.length > 1) return { kind: 'ambiguous', candidates: partial };
  return { kind: 'unknown' };
}

/** A subscribe-message decision reported by WeChat for one template. */
export interface SubscribeDecision {
  templateId: string;
  accepted: boolean;
  /** true for a later refusal from the 服务通知 settings (subscribe_msg_change_event). */
  revoke: boolean;
}

export type AudienceService = ReturnType<typeof createAudienceService>;

/** `seen` writes a resident at most once per this interval per process: last contact need not be exact. */
const SEEN_REFRESH_MS = 10 * 60_000;
const SEEN_REMEMBERED = 20_000;

/** Followers, their topic subscriptions and their subscribe-message credits. */
export function createAudienceService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  /** channel:openid → when this process last wrote it; oldest first (insertion order), bounded. */
  const lastWritten = new Map<string, number>();
  const touch = createBatcher({
    maxBatch: 100,
    run: async (rows: ReadonlyArray<Parameters<typeof repo.touchSubscribers>[1][number]>) => {
      await repo.touchSubscribers(db, rows);
      return rows.map(() => undefined);
    },
  });

  async function subscriberId(channel: repo.Channel, openid: string): Promise<number> {
    // Only followers can write to a 服务号, so a first contact by message is a follower.
    return repo.upsertSubscriber(db, { channel, openid, following: channel === 'oa', now: clock.now() });
  }

  async function topicNames(codes: readonly string[]): Promise<TopicRef[]> {
    const topics = await listActiveTopics(db);
    return codes.map((code) => topics.find((t) => t.code === code) ?? { code, name: code });
  }

  return {
    listTopics: (): Promise<TopicRef[]> => listActiveTopics(db),

    async resolveTopic(input: string): Promise<TopicMatch> {
      return matchTopic(input, await listActiveTopics(db));
    },

    /**
     * Any interaction: the subscriber exists and was seen now. A resident this process wrote within
     * SEEN_REFRESH_MS is skipped, and concurrent writes go as one statement: one upsert per message was the
     * largest database cost of answering.
     */
    async seen(channel: repo.Channel, openid: string): Promise<void> {
      const key = `${channel}:${openid}`;
      const now = clock.now().getTime();
      const written = lastWritten.get(key);
      if (written !== undefined && now - written >= 0 && now - written < SEEN_REFRESH_MS) return;
      // Only followers can write to a 服务号, so a first contact by message is a follower.
      await touch({ channel, openid, following: channel === 'oa', now: clock.now() });
      lastWritten.delete(key);
      lastWritten.set(key, now);
      if (lastWritten.size > SEEN_REMEMBERED) lastWritten.delete(lastWritten.keys().next().value!);
    },

    follow(input: { channel: repo.Channel; openid: string; scene: string | null }): Promise<void> {
      return repo.markFollowing(db, { ...input, now: clock.now() });
    },

    unfollow(input: { channel: repo.Channel; openid: string }): Promise<void> {
      return repo.markUnfollowed(db, { ...input, now: clock.now() });
    },

    async subscribe(channel: repo.Channel, openid: string, topic: string): Promise<{ created: boolean }> {
      const id = await subscriberId(channel, openid);
      return { created: await repo.insertSubscription(db, { subscriberId: id, topic, now: clock.now() }) };
    },

    async unsubscribe(channel: repo.Channel, openid: string, topic: string): Promise<{ removed: boolean }> {
      const subscriber = await repo.findSubscriber(db, channel, openid);
      if (!subscriber) return { removed: false };
      return { removed: await repo.deleteSubscription(db, { subscriberId: subscriber.id, topic }) };
    },

    async subscriptionsOf(channel: repo.Channel, openid: string): Promise<TopicRef[]> {
      const subscriber = await repo.findSubscriber(db, channel, openid);
      return subscriber ? topicNames(await repo.topicsOf(db, subscriber.id)) : [];
    },

    /**
     * Applies subscribe-message decisions: an accept adds one one-time credit, a refusal marks the
     * template refused (and a revoke also drops the credits left).
     */
    async recordSubscribeDecisions(channel: repo.Channel, openid: string, decisions: readonly SubscribeDecision[]): Promise<void> {
      if (decisions.length === 0) return;
      // A popup may come from an H5 page of a user who does not follow the account, so this never sets following.
      const id = await repo.upsertSubscriber(db, { channel, openid, following: false, now: clock.now() });
      for (const d of decisions) {
        const now = clock.now();
        if (d.accepted) await repo.addCredit(db, { subscriberId: id, templateId: d.templateId, now });
        else await repo.markRejected(db, { subscriberId: id, templateId: d.templateId, revoke: d.revoke, now });
      }
    },

    async creditsOf(channel: repo.Channel, openid: string) {
      const subscriber = await repo.findSubscriber(db, channel, openid);
      return subscriber ? repo.creditsOf(db, subscriber.id) : [];
    },

    find: (channel: repo.Channel, openid: string) => repo.findSubscriber(db, channel, openid),
  };
}
