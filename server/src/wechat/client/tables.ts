import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The platform access token per appid, shared by every instance; refreshed by one holder of a lock. */
export const wechatTokens = pgTable('wechat_tokens', {
  appId: text('app_id').primaryKey(),
  accessToken: text('access_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
});
