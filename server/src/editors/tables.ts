import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Console accounts. Never deleted (the audit log and content versions point at them): disabled instead. */
export const editors = pgTable(
  'editors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('editors_name_uq').on(sql`lower(${t.name})`),
    check('editors_role_ck', sql`${t.role} in ('editor','reviewer','admin')`),
  ],
);

/** A login. Only the SHA-256 of the cookie's random id is stored, so a leaked table opens no session. */
export const editorSessions = pgTable(
  'editor_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    editorId: bigint('editor_id', { mode: 'number' })
      .notNull()
      .references(() => editors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute limit; the idle limit is counted from lastSeenAt. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('editor_sessions_editor_idx').on(t.editorId)],
);

/** Every login attempt, kept in the database so that all instances count the same failures. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The name as typed, lower-cased; also for names that do not exist. */
    name: text('name').notNull(),
    ip: text('ip'),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_name_idx').on(t.name, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

/** Who changed what, when, from where, with the before and after. Append-only: a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    editorId: bigint('editor_id', { mode: 'number' }).references(() => editors.id),
    /** The editor's name at the time, or `system:<command>` for operator commands. */
    actorName: text('actor_name').notNull(),
    ip: text('ip'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_editor_idx').on(t.editorId, t.id),
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.id),
  ],
);

/**
 * An editor's own WeChat (a follower of the 服务号), for "发送测试给我". The editor asks the console for a
 * one-time code and sends 「绑定 <code>」 to the account; the message server then stores the sender's openid.
 * The code works once and for 10 minutes; one row per editor.
 */
export const editorWechatLinks = pgTable(
  'editor_wechat_links',
  {
    editorId: bigint('editor_id', { mode: 'number' })
      .primaryKey()
      .references(() => editors.id, { onDelete: 'cascade' }),
    openid: text('openid'),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    code: text('code'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('editor_wechat_links_code_uq').on(t.code)],
);

/** Wrong binding codes per sender, so nobody can try the million codes from one WeChat account. */
export const editorWechatBindFailures = pgTable(
  'editor_wechat_bind_failures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    openid: text('openid').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('editor_wechat_bind_failures_openid_idx').on(t.openid, t.at)],
);
