import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';

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
    /**
     * The person behind the openid across the bureau's apps (jscode2session gives it when the app is bound
     * to an open-platform account): a follower and a mini-program user with the same unionid are one person.
     */
    unionid: text('unionid'),
    /**
     * Followers only: when cgi-bin/user/info may be asked for the unionid next (null = not yet asked). A
     * lookup in progress holds it a few minutes ahead; an account not bound to the open platform, a week.
     */
    unionidLookupAt: timestamp('unionid_lookup_at', { withTimezone: true }),
    /** Profile (district code, audience codes), set by the user in the mini-program. */
    district: text('district'),
    audiences: text('audiences').array().notNull().default(sql`'{}'`),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('subscribers_channel_openid_uq').on(t.channel, t.openid),
    check('subscribers_channel_ck', sql`${t.channel} in ('oa','mp')`),
    index('subscribers_unionid_idx').on(t.unionid),
    // In the resolver's order (never asked first, then the longest waiting), so a tick reads its 500 rows
    // off the index instead of sorting every follower still without a unionid (92 ms against 0.7 ms at 1M).
    index('subscribers_unionid_lookup_idx').on(t.unionidLookupAt.asc().nullsFirst(), t.id).where(sql`${t.channel} = 'oa' and ${t.unionid} is null`),
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

/**
 * Where a template keyword's value comes from by default: a field of the content item (`registrationClosesAt`
 * only for a recruitment with a registration window), or fixed text. Automatic drafts fill their keywords
 * from this; the console offers it as the starting mapping.
 */
export type TemplateKeyword =
  | { field: 'title' | 'summary' | 'department' | 'kind' | 'publishedDate' | 'registrationClosesAt' }
  | { text: string };

/**
 * The mini-program's subscribe-message templates: a one-time template needs a credit (one accept) per
 * send; a long-term one (长期订阅, granted to government services) sends until the user refuses.
 */
export const subscribeTemplates = pgTable(
  'subscribe_templates',
  {
    templateId: text('template_id').primaryKey(),
    kind: text('kind', { enum: ['one_time', 'long_term'] }).notNull(),
    title: text('title').notNull(),
    /** The topics whose subscribe step requests this template (the mini-program reads them from GET /api/v1/topics). */
    topics: text('topics').array().notNull().default(sql`'{}'`),
    /** The default mapping of its keywords onto content fields (automatic drafts, the console's starting point). */
    keywords: jsonb('keywords').$type<Record<string, TemplateKeyword>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('subscribe_templates_kind_ck', sql`${t.kind} in ('one_time','long_term')`)],
);

/** HMAC keys of mini-program session tokens, shared by every instance; the newest signs, all verify. */
export const mpSessionKeys = pgTable('mp_session_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Fixed-window request counters of the mini-program API (per IP, per user), shared by every instance. */
export const apiRateLimits = pgTable(
  'api_rate_limits',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ name: 'api_rate_limits_pk', columns: [t.key, t.windowStart] })],
);
