import { and, arrayContains, asc, desc, eq, gt, inArray, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { contentGeneration, contentItems, contentVersions, interpretationLinks, recruitmentSchedules, wageRates } from './tables';
import type { ContentKind, RecruitmentStatus, WageRate } from '@zj/shared';

export type ContentRow = typeof contentItems.$inferSelect;
export type NewContentRow = typeof contentItems.$inferInsert;
/** The handle of a transaction; writes that belong together take it. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface ListFilter {
  kind: ContentKind;
  topic?: string;
  district?: string;
  audience?: string;
  recruitment?: { status?: RecruitmentStatus; category?: string; now: Date; today: string };
  /** A field of `details` that must equal a value, e.g. a wage standard's type or a notice's category. */
  detailsField?: { field: 'standardType' | 'category' | 'theme'; value: string };
  after?: { publishedAt: Date; id: number };
  limit: number;
}

const published = eq(contentItems.status, 'published');

function recruitmentCondition(r: NonNullable<ListFilter['recruitment']>): SQL | undefined {
  const s = recruitmentSchedules;
  switch (r.status) {
    case undefined:
      return undefined;
    case 'upcoming':
      return gt(s.opensAt, r.now);
    case 'open':
      return and(lte(s.opensAt, r.now), sql`${s.closesAt} >= ${r.now}`);
    case 'closed':
      return and(lt(s.closesAt, r.now), sql`${s.endsOn} >= ${r.today}`);
    case 'finished':
      return and(lt(s.closesAt, r.now), or(isNull(s.endsOn), sql`${s.endsOn} < ${r.today}`));
  }
}

/** Published items of one kind, newest first, after a keyset cursor (publishedAt, id). */
export async function listPublished(db: Database, f: ListFilter): Promise<ContentRow[]> {
  const c = contentItems;
  const conditions: Array<SQL | undefined> = [eq(c.kind, f.kind), published];
  if (f.topic) conditions.push(arrayContains(c.topics, [f.topic]));
  if (f.district) conditions.push(or(sql`cardinality(${c.districts}) = 0`, arrayContains(c.districts, [f.district])));
  if (f.audience) conditions.push(arrayContains(c.audiences, [f.audience]));
  if (f.detailsField) conditions.push(sql`${c.details}->>${f.detailsField.field} = ${f.detailsField.value}`);
  if (f.after) conditions.push(sql`(${c.publishedAt}, ${c.id}) < (${f.after.publishedAt}, ${f.after.id})`);
  const order = [desc(c.publishedAt), desc(c.id)];
  if (f.recruitment) {
    const r = f.recruitment;
    if (r.category) conditions.push(eq(recruitmentSchedules.category, r.category));
    conditions.push(recruitmentCondition(r));
    const rows = await db
      .select({ item: c })
      .from(c)
      .innerJoin(recruitmentSchedules, eq(recruitmentSchedules.contentId, c.id))
      .where(and(...conditions))
      .orderBy(...order)
      .limit(f.limit);
    return rows.map((r) => r.item);
  }
  return db.select().from(c).where(and(...conditions)).orderBy(...order).limit(f.limit);
}

export async function findPublished(db: Database, kind: ContentKind, id: number): Promise<ContentRow | undefined> {
  const [row] = await db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, id), eq(contentItems.kind, kind), published));
  return row;
}

export async function findById(db: Database | Tx, id: number): Promise<ContentRow | undefined> {
  const [row] = await db.select().from(contentItems).where(eq(contentItems.id, id));
  return row;
}

export async function findBySlug(db: Database | Tx, slug: string): Promise<ContentRow | undefined> {
  const [row] = await db.select().from(contentItems).where(eq(contentItems.slug, slug));
  return row;
}

/** Every published item, for the in-memory search index (search-index.ts). */
export async function allPublished(db: Database): Promise<ContentRow[]> {
  return db.select().from(contentItems).where(published);
}

export interface RateRow {
  type: string;
  tier: number | null;
  amount: number;
  unit: string;
  effectiveFrom: string;
  contentId: number;
  details: unknown;
  isSample: boolean;
  /** The districts the rate covers. */
  districts: string[];
}

/**
 * Every published rate in effect on or before `on`, latest first within each type. The table holds a few
 * rows per standard, so the rates of all districts come in one query (the WeChat wage answer shows them
 * all) and `currentRatesOf` picks a district's.
 */
export async function publishedRatesAsOf(db: Database, on: string): Promise<RateRow[]> {
  const w = wageRates;
  return db
    .select({
      type: w.type,
      tier: w.tier,
      amount: w.amount,
      unit: w.unit,
      effectiveFrom: w.effectiveFrom,
      contentId: w.contentId,
      details: contentItems.details,
      isSample: contentItems.isSample,
      districts: w.districts,
    })
    .from(w)
    .innerJoin(contentItems, eq(contentItems.id, w.contentId))
    .where(and(published, lte(w.effectiveFrom, on)))
    .orderBy(asc(w.type), desc(w.effectiveFrom), desc(w.id));
}

/** For each rate type, the rate covering `district` with the latest effective date: the first in `rows`' order. */
export function currentRatesOf(rows: readonly RateRow[], district: string): RateRow[] {
  const byType = new Map<string, RateRow>();
  for (const rate of rows) {
    if (!byType.has(rate.type) && rate.districts.includes(district)) byType.set(rate.type, rate);
  }
  return [...byType.values()];
}

/** The effective date of the next published standard of the same type, if any. */
export async function nextStandardEffectiveFrom(db: Database, standardType: string, after: string): Promise<string | null> {
  const c = contentItems;
  const [row] = await db
    .select({ from: sql<string>`${c.details}->>'effectiveFrom'` })
    .from(c)
    .where(
      and(
        eq(c.kind, 'wage_standard'),
        published,
        sql`${c.details}->>'standardType' = ${standardType}`,
        sql`${c.details}->>'effectiveFrom' > ${after}`,
      ),
    )
    .orderBy(sql`${c.details}->>'effectiveFrom' asc`)
    .limit(1);
  return row?.from ?? null;
}

export async function publishedInterpretationsOf(db: Database, policyId: number): Promise<ContentRow[]> {
  const rows = await db
    .select({ item: contentItems })
    .from(interpretationLinks)
    .innerJoin(contentItems, eq(contentItems.id, interpretationLinks.interpretationId))
    .where(and(eq(interpretationLinks.policyId, policyId), published))
    .orderBy(asc(contentItems.publishedAt));
  return rows.map((r) => r.item);
}

export async function interpretationLinkOf(db: Database, interpretationId: number) {
  const [row] = await db.select().from(interpretationLinks).where(eq(interpretationLinks.interpretationId, interpretationId));
  return row;
}

/** Interpretations whose due day has passed without them being published on time. */
export async function lateInterpretations(db: Database, today: string) {
  return db
    .select({ interpretation: contentItems, policyId: interpretationLinks.policyId, dueOn: interpretationLinks.dueOn })
    .from(interpretationLinks)
    .innerJoin(contentItems, eq(contentItems.id, interpretationLinks.interpretationId))
    .where(
      and(
        sql`${interpretationLinks.dueOn} < ${today}`,
        or(
          inArray(contentItems.status, ['draft', 'in_review', 'approved']),
          sql`(${contentItems.publishedAt} at time zone 'Asia/Shanghai')::date > ${interpretationLinks.dueOn}`,
        ),
      ),
    )
    .orderBy(asc(interpretationLinks.dueOn));
}

export async function insertItem(tx: Tx, row: NewContentRow): Promise<ContentRow> {
  const [inserted] = await tx.insert(contentItems).values(row).onConflictDoNothing({ target: contentItems.slug }).returning();
  return inserted!;
}

export async function updateItem(tx: Tx, id: number, expectedVersion: number, row: Partial<NewContentRow>): Promise<ContentRow | undefined> {
  const [updated] = await tx
    .update(contentItems)
    .set(row)
    .where(and(eq(contentItems.id, id), eq(contentItems.version, expectedVersion)))
    .returning();
  return updated;
}

export async function insertVersion(tx: Tx, row: typeof contentVersions.$inferInsert): Promise<void> {
  await tx.insert(contentVersions).values(row);
}

export async function versionsOf(db: Database, contentId: number) {
  return db.select().from(contentVersions).where(eq(contentVersions.contentId, contentId)).orderBy(asc(contentVersions.version));
}

export async function replaceRecruitmentSchedule(tx: Tx, row: typeof recruitmentSchedules.$inferInsert): Promise<void> {
  await tx
    .insert(recruitmentSchedules)
    .values(row)
    .onConflictDoUpdate({ target: recruitmentSchedules.contentId, set: { category: row.category, opensAt: row.opensAt, closesAt: row.closesAt, endsOn: row.endsOn } });
}

export async function replaceWageRates(tx: Tx, contentId: number, effectiveFrom: string, rates: WageRate[]): Promise<void> {
  await tx.delete(wageRates).where(eq(wageRates.contentId, contentId));
  await tx.insert(wageRates).values(rates.map((r) => ({ contentId, effectiveFrom, type: r.type, tier: r.tier, amount: r.amount, unit: r.unit, districts: r.districts })));
}

export async function replaceInterpretationLink(tx: Tx, row: typeof interpretationLinks.$inferInsert): Promise<void> {
  await tx
    .insert(interpretationLinks)
    .values(row)
    .onConflictDoUpdate({ target: interpretationLinks.interpretationId, set: { policyId: row.policyId, dueOn: row.dueOn } });
}

export async function interpretationLinksOfPolicy(tx: Tx, policyId: number) {
  return tx.select().from(interpretationLinks).where(eq(interpretationLinks.policyId, policyId));
}

export async function setInterpretationDue(tx: Tx, interpretationId: number, dueOn: string | null): Promise<void> {
  await tx.update(interpretationLinks).set({ dueOn }).where(eq(interpretationLinks.interpretationId, interpretationId));
}

export async function bumpGeneration(tx: Tx): Promise<void> {
  await tx
    .insert(contentGeneration)
    .values({ id: 1, generation: 1 })
    .onConflictDoUpdate({ target: contentGeneration.id, set: { generation: sql`${contentGeneration.generation} + 1` } });
}

export async function readGeneration(db: Database): Promise<number> {
  const [row] = await db.select({ g: contentGeneration.generation }).from(contentGeneration).where(eq(contentGeneration.id, 1));
  return row?.g ?? 0;
}

/** Items in any status for the console, most recently changed first. */
export async function listItems(db: Database, f: { status?: string; kind?: string; limit: number }): Promise<ContentRow[]> {
  const c = contentItems;
  return db
    .select()
    .from(c)
    .where(and(f.status ? eq(c.status, f.status) : undefined, f.kind ? eq(c.kind, f.kind) : undefined))
    .orderBy(desc(c.updatedAt), desc(c.id))
    .limit(f.limit);
}

/**
 * Items whose scheduled publish or unpublish time has come, locked for this transaction; rows another
 * instance is working on are skipped, so each is handled once.
 */
export async function lockDueForSchedule(tx: Tx, now: Date, skip: readonly number[]): Promise<ContentRow | undefined> {
  const [row] = await tx
    .select()
    .from(contentItems)
    .where(
      and(
        or(
          and(eq(contentItems.status, 'approved'), lte(contentItems.publishAt, now)),
          and(eq(contentItems.status, 'published'), lte(contentItems.unpublishAt, now)),
        ),
        skip.length > 0 ? notInArray(contentItems.id, [...skip]) : undefined,
      ),
    )
    .orderBy(asc(contentItems.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

export async function versionOf(db: Database, contentId: number, version: number) {
  const [row] = await db
    .select()
    .from(contentVersions)
    .where(and(eq(contentVersions.contentId, contentId), eq(contentVersions.version, version)));
  return row;
}
