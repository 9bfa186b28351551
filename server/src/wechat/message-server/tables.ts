import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every inbound message or event, keyed by its dedupe key, claimed before any work so that WeChat's
 * retries (up to 4 deliveries in ~20 s, possibly to different instances) run the work once and get the
 * stored reply.
 */
export const wechatInbound = pgTable(
  'wechat_inbound',
  {
    dedupeKey: text('dedupe_key').primaryKey(),
    openid: text('openid').notNull(),
    msgType: text('msg_type').notNull(),
    event: text('event'),
    /** What the resident sent (text content, event key…); kept for the console, never logged. */
    summary: text('summary'),
    status: text('status').notNull(),
    /**
     * The text answered (wechat_answer_texts.hash); null when nothing was answered. The reply XML is rebuilt
     * from it, the openid, our 原始ID and answered_at, so a retry gets the same bytes.
     */
    answerHash: text('answer_hash'),
    /** How the answer went out: passive reply, customer-service message, or none. */
    delivery: text('delivery'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /**
     * `timestamp:nonce` of the push's signature when the signature does not cover the body (plaintext), so a
     * captured signature cannot carry another body: unique, and a repeat must bring the same `body_hash`.
     * Null when msg_signature covers the body (safe mode only) and on rows from before.
     */
    signatureKey: text('signature_key'),
    /** SHA-256 of the raw body, base64url, next to `signature_key`. */
    bodyHash: text('body_hash'),
  },
  (t) => [
    index('wechat_inbound_openid_idx').on(t.openid, t.receivedAt),
    index('wechat_inbound_received_idx').on(t.receivedAt),
    uniqueIndex('wechat_inbound_signature_key_idx').on(t.signatureKey).where(sql`${t.signatureKey} is not null`),
  ],
);

/**
 * Answer texts, stored once by content hash: thousands of residents asking 最低工资 get the same text, and
 * a kilobyte per push was most of what recording a push wrote. `stored_at` is when an instance last
 * relied on the row; retention removes rows no push refers to and nobody relied on lately.
 */
export const wechatAnswerTexts = pgTable('wechat_answer_texts', {
  /** SHA-256 of the UTF-8 text, base64url. */
  hash: text('hash').primaryKey(),
  text: text('text').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull(),
});

/** Keyword rules of the message router; editors change them in the console, the seed gives defaults. */
export const keywordRules = pgTable(
  'keyword_rules',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The words that trigger the rule; matched as configured by `match`. */
    keywords: text('keywords').array().notNull(),
    match: text('match').notNull(),
    /** What answers: a built-in answer (wage_standard, subsidies, recruitment, hotline, subscribe…) or fixed text. */
    action: text('action').notNull(),
    replyText: text('reply_text'),
    priority: integer('priority').notNull().default(100),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('keyword_rules_active_idx').on(t.active, t.priority)],
);

/** Public service halls with coordinates, for "nearest hall" answers to a location message. */
export const serviceHalls = pgTable('service_halls', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  district: text('district').notNull(),
  address: text('address').notNull(),
  phone: text('phone'),
  hours: text('hours').notNull(),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  isSample: boolean('is_sample').notNull().default(true),
});

/**
 * Asynchronous send outcomes reported by WeChat: TEMPLATESENDJOBFINISH (template messages) and
 * subscribe_msg_sent_event items. Push statistics join them to deliveries by msgid.
 */
export const sendReports = pgTable(
  'send_reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    msgId: text('msg_id').notNull(),
    openid: text('openid').notNull(),
    templateId: text('template_id'),
    status: text('status').notNull(),
    ok: boolean('ok').notNull(),
    raw: jsonb('raw').notNull().default(sql`'{}'::jsonb`),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  // One report per message: a repeated delivery of the same report (WeChat retries) stores nothing.
  (t) => [uniqueIndex('send_reports_msg_uq').on(t.kind, t.msgId)],
);

/** Follows by 带参二维码 scene, for campaign attribution. */
export const qrScans = pgTable(
  'qr_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    openid: text('openid').notNull(),
    scene: text('scene').notNull(),
    /** 'subscribe' for a follow through the code, 'scan' for a follower scanning it again. */
    kind: text('kind').notNull(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('qr_scans_scene_idx').on(t.scene, t.scannedAt)],
);

/**
 * Questions the chat answered with the fallback (nothing found), one row per normalised text, so editors
 * see what residents ask that the content does not cover. Only a masked openid is kept.
 */
export const unansweredQuestions = pgTable(
  'unanswered_questions',
  {
    question: text('question').primaryKey(),
    count: integer('count').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The masked openid (maskOpenId) of the latest asker: enough to tell one persistent asker from many. */
    askerSample: text('asker_sample').notNull(),
  },
  (t) => [index('unanswered_questions_count_idx').on(t.count, t.question), index('unanswered_questions_last_seen_idx').on(t.lastSeenAt)],
);
