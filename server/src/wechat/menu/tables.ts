import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { editors } from '../../editors/tables';
import type { Menu } from '../client/menu';

/**
 * The official-account menu as admins edit it in the console: every saved menu is a version; publishing
 * one sends it to the platform and stamps `published_at`. With no row, menu.json is the menu.
 */
export const menuVersions = pgTable(
  'menu_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    menu: jsonb('menu').$type<Menu>().notNull(),
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => editors.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedByName: text('published_by_name'),
  },
  (t) => [index('menu_versions_published_idx').on(t.publishedAt)],
);
