import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
import type { GateVerdict } from '@zj/shared';
import { editors } from '../editors/tables';

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
    /** An approved item is published by the scheduler tick at this time (cleared once done). */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** A published item is archived by the scheduler tick at this time (cleared once done). */
    unpublishAt: timestamp('unpublish_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('content_items_kind_ck', sql`${t.kind} in ('subsidy','wage_standard','recruitment','policy','interpretation','notice','guide')`),
    check('content_items_status_ck', sql`${t.status} in ('draft','in_review','approved','published','archived')`),
    check('content_items_published_ck', sql`${t.status} not in ('published','archived') or ${t.publishedAt} is not null`),
    index('content_items_listing_idx').on(t.kind, t.status, t.publishedAt.desc(), t.id.desc()),
    index('content_items_topics_idx').using('gin', t.topics),
    index('content_items_districts_idx').using('gin', t.districts),
    index('content_items_audiences_idx').using('gin', t.audiences),
    check('content_items_schedule_ck', sql`${t.publishAt} is null or ${t.unpublishAt} is null or ${t.unpublishAt} > ${t.publishAt}`),
    index('content_items_publish_at_idx').on(t.publishAt).where(sql`${t.publishAt} is not null`),
    index('content_items_unpublish_at_idx').on(t.unpublishAt).where(sql`${t.unpublishAt} is not null`),
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
    /** The editor's name at the time, or `system:seed`. */
    actor: text('actor').notNull(),
    /** The editor who made the change (from the session); null for system writes such as the seed. */
    editorId: bigint('editor_id', { mode: 'number' }).references(() => editors.id),
    note: text('note'),
    /** A review's verdict on each of the five gates (五关), with comments. */
    gates: jsonb('gates').$type<GateVerdict[]>(),
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

/**
 * Search vocabulary, editable by editors: a word residents type and the words the bureau writes for it
 * (失业金 → 失业保险金). Expansion goes one way, from `term` to `expansions`.
 */
export const searchSynonyms = pgTable('search_synonyms', {
  term: text('term').primaryKey(),
  expansions: text('expansions').array().notNull(),
});

/** Words a search ignores because they carry no topic (怎么、多少、请问 …). */
export const searchStopWords = pgTable('search_stop_words', {
  word: text('word').primaryKey(),
});
