import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { subscribers, type TemplateKeyword } from '../audience/tables';
import { contentItems } from '../content/tables';

export const PUSH_STATUSES = ['draft', 'submitted', 'approved', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'failed', 'skipped', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One channel's message: the template and the keyword values, already filled from the content item. */
export interface ChannelMessage {
  templateId: string;
  data: Record<string, string>;
}

/**
 * A targeted push of one content item. `send_at` null means "as soon as approved"; `not_before` defers a
 * push that is due (quiet hours, the daily quota, the per-minute limit). The lease says which instance is
 * sending it and until when: an instance that dies loses it when it runs out.
 */
export const pushes = pgTable(
  'pushes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contentId: bigint('content_id', { mode: 'number' })
      .notNull()
      .references(() => contentItems.id),
    title: text('title').notNull(),
    /** The mini-program page the message opens, without the tracking parameters added per delivery. */
    page: text('page').notNull(),
    status: text('status').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    topics: text('topics').array().notNull(),
    districts: text('districts').array().notNull().default(sql`'{}'`),
    audiences: text('audiences').array().notNull().default(sql`'{}'`),
    /** 服务号 template message to followers; null = this channel is not used. */
    template: jsonb('template').$type<ChannelMessage | null>(),
    /** Mini-program subscribe message; null = this channel is not used. */
    subscribe: jsonb('subscribe').$type<ChannelMessage | null>(),
    sendAt: timestamp('send_at', { withTimezone: true }),
    notBefore: timestamp('not_before', { withTimezone: true }),
    /** Why a due push waits (quiet_hours, daily_quota, minute_quota), for the console. */
    waitingFor: text('waiting_for'),
    /** The audience is expanded into deliveries in pages; the last subscriber id done, null when finished. */
    expandAfter: bigint('expand_after', { mode: 'number' }).default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }),
    /**
     * Why the system drafted this push by itself (auto-drafts.ts): `registration_deadline` or
     * `new_publication`; null for a push an editor composed. One automatic draft per item and origin.
     */
    origin: text('origin'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('pushes_status_ck', sql`${t.status} in ('draft','submitted','approved','scheduled','sending','paused','completed','cancelled')`),
    index('pushes_due_idx').on(t.status, t.sendAt),
    check('pushes_origin_ck', sql`${t.origin} is null or ${t.origin} in ('registration_deadline','new_publication')`),
    uniqueIndex('pushes_auto_origin_uq').on(t.contentId, t.origin).where(sql`${t.origin} is not null`),
  ],
);

/** Every status change of a push, with who made it and when. */
export const pushTransitions = pgTable(
  'push_transitions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pushId: bigint('push_id', { mode: 'number' })
      .notNull()
      .references(() => pushes.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** null for the sending worker. */
    editorId: bigint('editor_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('push_transitions_push_idx').on(t.pushId, t.id)],
);

/**
 * One recipient of one push. `sending` is written before the platform call and resolved after it, so a
 * crash in between is visible: a template row is sent again with the same client_msg_id (WeChat drops the
 * repeat), a subscribe row becomes `unknown`.
 */
export const pushDeliveries = pgTable(
  'push_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pushId: bigint('push_id', { mode: 'number' })
      .notNull()
      .references(() => pushes.id, { onDelete: 'cascade' }),
    subscriberId: bigint('subscriber_id', { mode: 'number' })
      .notNull()
      .references(() => subscribers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    openid: text('openid').notNull(),
    status: text('status').notNull(),
    /** skipped: no_credit, opted_out, unfollowed, refused; failed: the errcode's text. */
    reason: text('reason'),
    errcode: integer('errcode'),
    attempts: integer('attempts').notNull().default(0),
    msgid: text('msgid'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('push_deliveries_recipient_uq').on(t.pushId, t.subscriberId),
    check('push_deliveries_status_ck', sql`${t.status} in ('pending','sending','sent','delivered','failed','skipped','unknown')`),
    // Partial: a delivery leaves the work index when it is sent, and enters the msgid index only then, so
    // each of its two writes while a push goes out touches one index fewer.
    index('push_deliveries_work_idx').on(t.pushId, t.status, t.id).where(sql`${t.status} in ('pending', 'sending')`),
    index('push_deliveries_msgid_idx').on(t.msgid).where(sql`${t.msgid} is not null`),
    // A user's received pushes (GET /api/v1/me/pushes), newest first; also what a subscriber's erasure cascades through.
    index('push_deliveries_subscriber_idx').on(t.subscriberId, t.updatedAt),
  ],
);

/** The mini-program page opened from a push: once per delivery when the link's token is present. */
export const pushOpens = pgTable(
  'push_opens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    pushId: bigint('push_id', { mode: 'number' })
      .notNull()
      .references(() => pushes.id, { onDelete: 'cascade' }),
    deliveryId: bigint('delivery_id', { mode: 'number' }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('push_opens_delivery_uq').on(t.pushId, t.deliveryId)],
);

/** The send rate shared by every instance: one token bucket row per name. */
export const pushSendBudget = pgTable('push_send_budget', {
  name: text('name').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  refilledAt: timestamp('refilled_at', { withTimezone: true }).notNull(),
});

/**
 * The 服务号's template-message templates (chosen in the MP backend's 类目模板库), with the topics they
 * serve (empty = any) and the default mapping of their keywords.
 */
export const templateMessageTemplates = pgTable('template_message_templates', {
  templateId: text('template_id').primaryKey(),
  title: text('title').notNull(),
  topics: text('topics').array().notNull().default(sql`'{}'`),
  keywords: jsonb('keywords').$type<Record<string, TemplateKeyword>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
