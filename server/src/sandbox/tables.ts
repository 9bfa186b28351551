import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The sandbox's platform state, in the app's database so that a restart (or a crash) keeps the chat and
 * what was delivered. The call log, fault injections and rate-limit counters stay in memory: test knobs.
 */

/** Orders chat entries and delivered messages in one timeline; the chat page polls with `after=seq`. */
export const sandboxSeq = pgSequence('sandbox_seq');
const seq = () => bigint('seq', { mode: 'number' }).primaryKey().default(sql`nextval('sandbox_seq')`);

/** Residents the chat page knows: created on the page, or seen following. */
export const sandboxResidents = pgTable('sandbox_residents', {
  openid: text('openid').primaryKey(),
  since: timestamp('since', { withTimezone: true }).notNull(),
  /** Registration order, the order of the page's resident list. */
  seq: bigint('seq', { mode: 'number' }).notNull().default(sql`nextval('sandbox_seq')`),
  /** The last CreateTime pushed for the resident: /wechat takes an equal one for a retry. */
  lastCreateTime: bigint('last_create_time', { mode: 'number' }).notNull().default(0),
  /** A named resident's unionid, shared with their mini-program login (`fake-code-<name>`); null = their own. */
  unionid: text('unionid'),
});

/** The transcript: resident actions, passive replies and platform notices (`payload` as the page shows it). */
export const sandboxChatEntries = pgTable(
  'sandbox_chat_entries',
  {
    seq: seq(),
    openid: text('openid').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('sandbox_chat_entries_openid_idx').on(t.openid, t.seq)],
);

export const sandboxFollowers = pgTable('sandbox_followers', {
  openid: text('openid').primaryKey(),
  followedAt: timestamp('followed_at', { withTimezone: true }).notNull(),
  blocked: boolean('blocked').notNull().default(false),
  lastInteractionAt: timestamp('last_interaction_at', { withTimezone: true }).notNull(),
});

export const sandboxSubscribeCredits = pgTable(
  'sandbox_subscribe_credits',
  {
    openid: text('openid').notNull(),
    templateId: text('template_id').notNull(),
    remaining: integer('remaining').notNull(),
  },
  (t) => [primaryKey({ columns: [t.openid, t.templateId] })],
);

/** Template, subscribe and customer-service messages the platform accepted. msgid is text: it exceeds 2^53. */
export const sandboxMessages = pgTable(
  'sandbox_messages',
  {
    seq: seq(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    appId: text('app_id').notNull(),
    touser: text('touser').notNull(),
    msgid: text('msgid'),
    templateId: text('template_id'),
    data: jsonb('data').$type<Record<string, string>>().notNull(),
    url: text('url'),
    miniprogram: jsonb('miniprogram').$type<{ appid: string; pagepath: string }>(),
    page: text('page'),
    miniprogramState: text('miniprogram_state'),
    clientMsgId: text('client_msg_id'),
    content: text('content'),
  },
  (t) => [index('sandbox_messages_touser_idx').on(t.touser, t.seq)],
);

/** template/send's client_msg_id memory: a retry within the window gets the first msgid, after a restart too. */
export const sandboxClientMsgIds = pgTable(
  'sandbox_client_msg_ids',
  {
    openid: text('openid').notNull(),
    clientMsgId: text('client_msg_id').notNull(),
    msgid: text('msgid').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.openid, t.clientMsgId] })],
);

/** TEMPLATESENDJOBFINISH callbacks once posted: the status sent, and how our /wechat answered (or the error). */
export const sandboxJobReports = pgTable('sandbox_job_reports', {
  seq: seq(),
  msgid: text('msgid').notNull().unique(),
  openid: text('openid').notNull(),
  status: text('status').notNull(),
  httpStatus: integer('http_status'),
  answer: text('answer'),
  error: text('error'),
});

export const sandboxMenus = pgTable('sandbox_menus', {
  appId: text('app_id').primaryKey(),
  menu: jsonb('menu').notNull(),
});

/** Issued access tokens: a restart must not invalidate the token our client cached in wechat_tokens. */
export const sandboxTokens = pgTable(
  'sandbox_tokens',
  {
    token: text('token').primaryKey(),
    appId: text('app_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revoked: boolean('revoked').notNull().default(false),
    /** The newest token of an app is its current one. */
    issuedSeq: bigint('issued_seq', { mode: 'number' }).notNull().default(sql`nextval('sandbox_seq')`),
  },
  (t) => [index('sandbox_tokens_app_idx').on(t.appId, t.issuedSeq)],
);

export const sandboxQrCodes = pgTable('sandbox_qr_codes', {
  seq: seq(),
  ticket: text('ticket').notNull().unique(),
  scene: text('scene').notNull(),
  permanent: boolean('permanent').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
});
