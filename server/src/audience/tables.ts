import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * A person we can reach: an official-account follower (channel 'oa', reached by template message) or a
 * mini-program user (channel 'mp', reached by subscribe message). Openids are per app, so the pair is unique.
 */
export const subscribers = pgTable(
  'subscribers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channel: text('channel').notNull(),
    openid: text('openid').notNull(),
    /** For 'oa': whether they follow the account now; an unfollow stops every push at once. */
    following: boolean('following').notNull().default(true),
    followedAt: timestamp('followed_at', { withTimezone: true }),
    unfollowedAt: timestamp('unfollowed_at', { withTimezone: true }),
    /** The 带参二维码 scene that brought them (campaign attribution), from the first qrscene_ follow. */
    scene: text('scene'),
    district: text('district'),
    audience: text('audience'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('subscribers_channel_openid_uq').on(t.channel, t.openid),
    check('subscribers_channel_ck', sql`${t.channel} in ('oa','mp')`),
  ],
);

/** A subscriber following a topic, optionally narrowed to districts and audiences (empty = all). */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    districts: text('districts').array().notNull().default(sql`'{}'`),
    audiences: text('audiences').array().notNull().default(sql`'{}'`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('subscriptions_subscriber_topic_uq').on(t.subscriberId, t.topic), index('subscriptions_topic_idx').on(t.topic, t.subscriberId)],
);

/**
 * Subscribe-message send credits per subscriber and template: each one-time accept adds one, each send
 * takes one; a long-term accept allows repeated sends until the user rejects.
 */
export const subscribeCredits = pgTable(
  'subscribe_credits',
  {
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    templateId: text('template_id').notNull(),
    remaining: integer('remaining').notNull().default(0),
    longTerm: boolean('long_term').notNull().default(false),
    rejected: boolean('rejected').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('subscribe_credits_uq').on(t.subscriberId, t.templateId), check('subscribe_credits_remaining_ck', sql`${t.remaining} >= 0`)],
);
