import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/** Built in the application from CJK bigrams (see search-tokens.ts), so no text-search parser is involved. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const topics = pgTable('topics', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const audiences = pgTable('audiences', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const contentItems = pgTable(
  'content_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    topics: text('topics').array().notNull(),
    districts: text('districts').array().notNull(),
    audiences: text('audiences').array().notNull(),
    department: text('department').notNull(),
    policyBasis: text('policy_basis'),
    sourceUrl: text('source_url'),
    sourceNote: text('source_note'),
    isSample: boolean('is_sample').notNull(),
    status: text('status').notNull(),
    details: jsonb('details').notNull(),
    version: integer('version').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    searchVector: tsvector('search_vector').notNull(),
  },
  (t) => [
    check('content_items_kind_ck', sql`${t.kind} in ('subsidy','wage_standard','recruitment','policy','interpretation','notice')`),
    check('content_items_status_ck', sql`${t.status} in ('draft','in_review','approved','published','archived')`),
    check('content_items_published_ck', sql`${t.status} not in ('published','archived') or ${t.publishedAt} is not null`),
    index('content_items_listing_idx').on(t.kind, t.status, t.publishedAt.desc(), t.id.desc()),
    index('content_items_topics_idx').using('gin', t.topics),
    index('content_items_districts_idx').using('gin', t.districts),
    index('content_items_audiences_idx').using('gin', t.audiences),
    index('content_items_search_idx').using('gin', t.searchVector),
  ],
);

/** One row per change: who did what, and the item as it was afterwards. */
export const contentVersions = pgTable(
  'content_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contentId: bigint('content_id', { mode: 'number' })
      .notNull()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
    snapshot: jsonb('snapshot').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('content_versions_item_version_uq').on(t.contentId, t.version)],
);

/** Registration window of a recruitment item, kept as columns so the status filter is plain SQL. */
export const recruitmentSchedules = pgTable('recruitment_schedules', {
  contentId: bigint('content_id', { mode: 'number' })
    .primaryKey()
    .references(() => contentItems.id, { onDelete: 'cascade' }),
  category: text('category').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
});

/** Each amount of a wage standard, per type and tier, with the districts it covers. */
export const wageRates = pgTable(
  'wage_rates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contentId: bigint('content_id', { mode: 'number' })
      .notNull()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    tier: integer('tier'),
    amount: numeric('amount', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    unit: text('unit').notNull(),
    districts: text('districts').array().notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  },
  (t) => [
    index('wage_rates_content_idx').on(t.contentId),
    index('wage_rates_districts_idx').using('gin', t.districts),
  ],
);

/** Which policy an interpretation explains, and when it is due (policy publication + 3 working days). */
export const interpretationLinks = pgTable(
  'interpretation_links',
  {
    interpretationId: bigint('interpretation_id', { mode: 'number' })
      .primaryKey()
      .references(() => contentItems.id, { onDelete: 'cascade' }),
    policyId: bigint('policy_id', { mode: 'number' })
      .notNull()
      .references(() => contentItems.id, { onDelete: 'restrict' }),
    dueOn: date('due_on', { mode: 'string' }),
  },
  (t) => [index('interpretation_links_policy_idx').on(t.policyId)],
);

/** A counter bumped by every content write, so each instance knows when its read cache is stale. */
export const contentGeneration = pgTable('content_generation', {
  id: integer('id').primaryKey(),
  generation: bigint('generation', { mode: 'number' }).notNull(),
});
