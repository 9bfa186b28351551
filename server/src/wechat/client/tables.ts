import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The platform access token per appid, shared by every instance. A refresh is claimed by a lease on the
 * row (`refresh_owner` until `refresh_until`, database time), never by a lock held during the HTTP call.
 * Before the first token is stored the row may hold only a lease, so the token columns are nullable.
 */
export const wechatTokens = pgTable('wechat_tokens', {
  appId: text('app_id').primaryKey(),
  accessToken: text('access_token'),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }),
  refreshOwner: text('refresh_owner'),
  refreshUntil: timestamp('refresh_until', { withTimezone: true }),
});
