import type { Logger } from 'pino';
import { z } from 'zod';
import {
  ContentInput,
  DISTRICTS,
  districtName,
  shanghaiDate,
  WAGE_RATE_TYPE_NAMES,
  checkEligibility,
  type ContentDetail,
  type ContentKind,
  type ContentPage,
  type ContentStatus,
  type CurrentWage,
  type District,
  type EligibilityAnswers,
  type EligibilityCheckResponse,
  type ListQuery,
  type NoticeListQuery,
  type RecruitmentListQuery,
  type SearchQuery,
  type WageRateType,
  type WageStandardListQuery,
  type DetailsOf,
} from '@zj/shared';
import type { CalendarService } from '../calendar/service';
import { CalendarYearNotLoadedError, type WorkingDayCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors';
import { listActiveTopics, listAudiences, listDistricts } from './reference-data';
import * as repo from './repository';
import { toDetail, toSummary, type DetailExtras } from './presenters';
import { buildSearchQuery, buildSearchVector } from './search-tokens';
import { SeedItem } from './seed/seed-item';

export interface ContentServiceDeps {
  db: Database;
  clock: Clock;
  calendar: CalendarService;
  logger: Logger;
  /** Called after every committed write, so this instance drops its read cache at once. */
  onChange?: () => void;
}

/** Days after a policy's publication within which its interpretation must be published (DOMAIN.md). */
export const INTERPRETATION_DUE_WORKING_DAYS = 3;

const ALLOWED_TRANSITIONS: Record<ContentStatus, readonly ContentStatus[]> = {
  draft: ['in_review'],
  in_review: ['approved', 'draft'],
  approved: ['published', 'draft'],
  published: ['archived'],
  archived: ['published'],
};

const Cursor = z.tuple([z.number().int().nonnegative(), z.number().int().positive()]);
const SearchCursor = z.object({ o: z.number().int().min(0).max(10_000) });

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function decodeCursor<T>(schema: z.ZodType<T>, cursor: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('分页游标无效，请从第一页重新加载', [{ path: ['cursor'], message: 'invalid cursor' }]);
  }
}

/** Text of the kind-specific fields that residents search for as well (conditions, positions, 文号). */
function searchableDetails(input: ContentInput): string {
  switch (input.kind) {
    case 'subsidy':
      return [...input.details.conditions, input.details.amount].join(' ');
    case 'recruitment':
      return [input.details.organiser, ...input.details.positions.map((p) => `${p.title} ${p.major}`)].join(' ');
    case 'policy':
      return `${input.details.docNumber} ${input.details.issuer}`;
    case 'wage_standard':
      return `${input.details.docNumber} ${input.details.localDocNumber ?? ''} ${input.details.issuer}`;
    case 'interpretation':
      return input.details.qa.map((x) => `${x.question} ${x.answer}`).join(' ');
    case 'notice':
      return '';
  }
}

function columnsOf(input: ContentInput) {
  return {
    kind: input.kind,
    slug: input.slug,
    title: input.title,
    summary: input.summary,
    body: input.body,
    topics: input.topics,
    districts: input.districts,
    audiences: input.audiences,
    department: input.department,
    policyBasis: input.policyBasis,
    sourceUrl: input.sourceUrl,
    sourceNote: input.sourceNote,
    isSample: input.isSample,
    details: input.details,
    searchVector: buildSearchVector([
      [input.title, 'A'],
      [`${input.summary} ${input.policyBasis ?? ''}`, 'B'],
      [searchableDetails(input), 'B'],
      [input.body, 'C'],
    ]),
  };
}

function inputOf(row: repo.ContentRow): ContentInput {
  return ContentInput.parse({
    kind: row.kind,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    topics: row.topics,
    districts: row.districts,
    audiences: row.audiences,
    department: row.department,
    policyBasis: row.policyBasis,
    sourceUrl: row.sourceUrl,
    sourceNote: row.sourceNote,
    isSample: row.isSample,
    details: row.details,
  });
}

function toCurrentWage(district: District, asOf: string, rows: readonly repo.CurrentRateRow[]): CurrentWage {
  return {
    district,
    districtName: districtName(district),
    asOf,
    rates: rows.map((r) => ({
      type: r.type as WageRateType,
      typeName: WAGE_RATE_TYPE_NAMES[r.type as WageRateType],
      tier: r.tier,
      amount: Number(r.amount),
      unit: r.unit,
      effectiveFrom: r.effectiveFrom,
      standardId: r.contentId,
      docNumber: (r.details as DetailsOf<'wage_standard'>).docNumber,
      isSample: r.isSample,
    })),
  };
}

function snapshotOf(row: repo.ContentRow) {
  const { searchVector: _omit, ...rest } = row;
  return rest;
}

export type ContentService = ReturnType<typeof createContentService>;

export function createContentService(deps: ContentServiceDeps) {
  const { db, clock, logger } = deps;

  async function assertTopicsExist(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    const known = new Set((await listActiveTopics(db)).map((t) => t.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw new AppError(400, 'unknown_topic', `主题不存在：${unknown.join('、')}`, { topics: unknown });
  }

  function parseInput(raw: unknown): ContentInput {
    const parsed = ContentInput.safeParse(raw);
    if (!parsed.success) throw new ValidationError('内容不符合要求', parsed.error.issues);
    return parsed.data;
  }

  /** Policy publication day + 3 working days; null (with a warning) when the calendar lacks that year. */
  function interpretationDue(calendar: WorkingDayCalendar, policyPublishedAt: Date | null): string | null {
    if (!policyPublishedAt) return null;
    try {
      return calendar.addWorkingDays(shanghaiDate(policyPublishedAt), INTERPRETATION_DUE_WORKING_DAYS);
    } catch (err) {
      if (!(err instanceof CalendarYearNotLoadedError)) throw err;
      logger.warn({ year: err.year }, 'interpretation due date unknown: holiday calendar year not loaded');
      return null;
    }
  }

  /** Keeps the queryable side tables in step with the item's details, inside the caller's transaction. */
  async function syncFacts(tx: repo.Tx, calendar: WorkingDayCalendar, row: repo.ContentRow, input: ContentInput): Promise<void> {
    switch (input.kind) {
      case 'recruitment':
        await repo.replaceRecruitmentSchedule(tx, {
          contentId: row.id,
          category: input.details.category,
          opensAt: new Date(input.details.registrationOpensAt),
          closesAt: new Date(input.details.registrationClosesAt),
          endsOn: input.details.finishesOn ?? input.details.examOn,
        });
        return;
      case 'wage_standard':
        await repo.replaceWageRates(tx, row.id, input.details.effectiveFrom, input.details.rates);
        return;
      case 'interpretation': {
        const policy = await repo.findBySlug(tx, input.details.policySlug);
        if (!policy || policy.kind !== 'policy') {
          throw new AppError(400, 'unknown_policy', `解读所对应的政策文件不存在:${input.details.policySlug}`);
        }
        const dueOn = policy.status === 'published' || policy.status === 'archived' ? interpretationDue(calendar, policy.publishedAt) : null;
        await repo.replaceInterpretationLink(tx, { interpretationId: row.id, policyId: policy.id, dueOn });
        return;
      }
      case 'policy':
        if (row.status === 'published') {
          const dueOn = interpretationDue(calendar, row.publishedAt);
          for (const link of await repo.interpretationLinksOfPolicy(tx, row.id)) {
            if (link.dueOn === null) await repo.setInterpretationDue(tx, link.interpretationId, dueOn);
          }
        }
        return;
      default:
        return;
    }
  }

  /**
   * Runs a write in one transaction and bumps the content generation with it. Everything the write reads
   * goes through `tx`: on PGlite a query on `db` inside a transaction waits for that transaction forever,
   * so the calendar is loaded before it starts.
   */
  async function write<T>(fn: (tx: repo.Tx, calendar: WorkingDayCalendar) => Promise<T>): Promise<T> {
    const calendar = await deps.calendar.current();
    const result = await db.transaction(async (tx) => {
      const value = await fn(tx, calendar);
      await repo.bumpGeneration(tx);
      return value;
    });
    deps.onChange?.();
    return result;
  }

  async function insertNew(
    input: ContentInput,
    meta: { status: ContentStatus; publishedAt: Date | null; actor: string; action: string; note?: string },
  ): Promise<repo.ContentRow | null> {
    await assertTopicsExist(input.topics);
    const now = clock.now();
    return write(async (tx, calendar) => {
      const row = await repo.insertItem(tx, {
        ...columnsOf(input),
        status: meta.status,
        publishedAt: meta.publishedAt,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) return null;
      await syncFacts(tx, calendar, row, input);
      await repo.insertVersion(tx, {
        contentId: row.id,
        version: 1,
        status: row.status,
        action: meta.action,
        actor: meta.actor,
        note: meta.note ?? null,
        snapshot: snapshotOf(row),
        createdAt: now,
      });
      return row;
    });
  }

  async function extrasFor(row: repo.ContentRow, now: Date): Promise<DetailExtras> {
    switch (row.kind as ContentKind) {
      case 'wage_standard': {
        const d = row.details as DetailsOf<'wage_standard'>;
        const next = await repo.nextStandardEffectiveFrom(db, d.standardType, d.effectiveFrom);
        const effectiveTo = next === null ? null : shanghaiDate(new Date(Date.parse(`${next}T00:00:00+08:00`) - 1));
        const today = shanghaiDate(now);
        return { kind: 'wage_standard', effectiveTo, isCurrent: d.effectiveFrom <= today && (effectiveTo === null || today <= effectiveTo) };
      }
      case 'policy': {
        const items = await repo.publishedInterpretationsOf(db, row.id);
        return { kind: 'policy', interpretations: items.map((i) => ({ id: i.id, title: i.title, publishedAt: i.publishedAt!.toISOString() })) };
      }
      case 'interpretation': {
        const link = await repo.interpretationLinkOf(db, row.id);
        const policy = link ? await repo.findPublished(db, 'policy', link.policyId) : undefined;
        const dueOn = link?.dueOn ?? null;
        return {
          kind: 'interpretation',
          policy: policy
            ? { id: policy.id, title: policy.title, publishedAt: policy.publishedAt!.toISOString(), docNumber: (policy.details as DetailsOf<'policy'>).docNumber }
            : null,
          dueOn,
          onTime: dueOn === null || !row.publishedAt ? null : shanghaiDate(row.publishedAt) <= dueOn,
        };
      }
      default:
        return { kind: row.kind as 'subsidy' | 'recruitment' | 'notice' };
    }
  }

  async function page(kind: ContentKind, query: ListQuery, extra: Partial<repo.ListFilter> = {}): Promise<ContentPage> {
    if (query.topic) await assertTopicsExist([query.topic]);
    const now = clock.now();
    const after = query.cursor ? decodeCursor(Cursor, query.cursor) : undefined;
    const rows = await repo.listPublished(db, {
      kind,
      topic: query.topic,
      district: query.district,
      audience: query.audience,
      after: after ? { publishedAt: new Date(after[0]), id: after[1] } : undefined,
      limit: query.limit + 1,
      ...extra,
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => toSummary(r, now)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.publishedAt!.getTime(), last.id]) : null,
    };
  }

  return {
    listTopics: () => listActiveTopics(db),
    listDistricts: () => listDistricts(db),
    listAudiences: () => listAudiences(db),

    listNotices(query: NoticeListQuery): Promise<ContentPage> {
      return page('notice', query, query.category ? { detailsField: { field: 'category', value: query.category } } : {});
    },

    listPublished(kind: Exclude<ContentKind, 'recruitment' | 'wage_standard'>, query: ListQuery): Promise<ContentPage> {
      return page(kind, query);
    },

    listRecruitments(query: RecruitmentListQuery): Promise<ContentPage> {
      const now = clock.now();
      return page('recruitment', query, { recruitment: { status: query.status, category: query.category, now, today: shanghaiDate(now) } });
    },

    listWageStandards(query: WageStandardListQuery): Promise<ContentPage> {
      return page('wage_standard', query, query.standardType ? { detailsField: { field: 'standardType', value: query.standardType } } : {});
    },

    async getPublished(kind: ContentKind, id: number): Promise<ContentDetail> {
      const row = await repo.findPublished(db, kind, id);
      if (!row) throw new NotFoundError('该内容');
      const now = clock.now();
      return toDetail(row, await extrasFor(row, now), now);
    },

    async search(query: SearchQuery): Promise<ContentPage> {
      const tsquery = buildSearchQuery(query.q);
      if (!tsquery) return { items: [], nextCursor: null };
      const offset = query.cursor ? decodeCursor(SearchCursor, query.cursor).o : 0;
      const rows = await repo.searchPublished(db, { tsquery, kind: query.kind, offset, limit: query.limit + 1 });
      const now = clock.now();
      return {
        items: rows.slice(0, query.limit).map((r) => toSummary(r, now)),
        nextCursor: rows.length > query.limit ? encodeCursor({ o: offset + query.limit }) : null,
      };
    },

    async currentWage(district: District, on?: string): Promise<CurrentWage> {
      const asOf = on ?? shanghaiDate(clock.now());
      return toCurrentWage(district, asOf, repo.currentRatesOf(await repo.publishedRatesAsOf(db, asOf), district));
    },

    /** The current standard of every district, in DISTRICTS order, from one query. */
    async currentWages(on?: string): Promise<CurrentWage[]> {
      const asOf = on ?? shanghaiDate(clock.now());
      const rows = await repo.publishedRatesAsOf(db, asOf);
      return DISTRICTS.map((d) => toCurrentWage(d.code, asOf, repo.currentRatesOf(rows, d.code)));
    },

    async checkEligibility(id: number, answers: EligibilityAnswers): Promise<EligibilityCheckResponse> {
      const row = await repo.findPublished(db, 'subsidy', id);
      if (!row) throw new NotFoundError('该补贴');
      const rules = (row.details as DetailsOf<'subsidy'>).eligibility;
      const year = Number(shanghaiDate(clock.now()).slice(0, 4));
      return { subsidy: { id: row.id, title: row.title }, result: checkEligibility(rules, answers, year) };
    },

    /** Interpretations published late, or still unpublished after their due day. */
    async lateInterpretations() {
      const rows = await repo.lateInterpretations(db, shanghaiDate(clock.now()));
      return rows.map((r) => ({ id: r.interpretation.id, title: r.interpretation.title, status: r.interpretation.status, policyId: r.policyId, dueOn: r.dueOn! }));
    },

    versions: (id: number) => repo.versionsOf(db, id),

    async createItem(raw: unknown, actor: string): Promise<repo.ContentRow> {
      const input = parseInput(raw);
      const row = await insertNew(input, { status: 'draft', publishedAt: null, actor, action: 'create' });
      if (!row) throw new ConflictError('slug_taken', `已有内容使用该标识:${input.slug}`);
      return row;
    },

    async updateItem(id: number, raw: unknown, opts: { actor: string; expectedVersion: number }): Promise<repo.ContentRow> {
      const input = parseInput(raw);
      await assertTopicsExist(input.topics);
      const current = await repo.findById(db, id);
      if (!current) throw new NotFoundError('该内容');
      if (current.kind !== input.kind) throw new ValidationError('内容类型不能修改');
      if (current.status === 'published' || current.status === 'archived') {
        throw new ConflictError('not_editable', '已发布或已归档的内容不能直接修改，请先撤回');
      }
      const now = clock.now();
      return write(async (tx, calendar) => {
        // Approval covered the text as it was: a changed item goes back to draft and through review again.
        const status = current.status === 'approved' ? 'draft' : current.status;
        const row = await repo.updateItem(tx, id, opts.expectedVersion, { ...columnsOf(input), status, version: opts.expectedVersion + 1, updatedAt: now });
        if (!row) throw new ConflictError('version_conflict', '内容已被他人修改，请刷新后重试', { currentVersion: current.version });
        await syncFacts(tx, calendar, row, input);
        await repo.insertVersion(tx, { contentId: id, version: row.version, status, action: 'update', actor: opts.actor, note: null, snapshot: snapshotOf(row), createdAt: now });
        return row;
      });
    },

    async changeStatus(id: number, to: ContentStatus, opts: { actor: string; note?: string }): Promise<repo.ContentRow> {
      const current = await repo.findById(db, id);
      if (!current) throw new NotFoundError('该内容');
      const from = current.status as ContentStatus;
      if (!ALLOWED_TRANSITIONS[from].includes(to)) {
        throw new ConflictError('invalid_transition', `内容当前状态为 ${from},不能变更为 ${to}`, { from, to });
      }
      const now = clock.now();
      return write(async (tx, calendar) => {
        const row = await repo.updateItem(tx, id, current.version, {
          status: to,
          version: current.version + 1,
          updatedAt: now,
          publishedAt: to === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
        });
        if (!row) throw new ConflictError('version_conflict', '内容已被他人修改，请刷新后重试');
        await syncFacts(tx, calendar, row, inputOf(row));
        await repo.insertVersion(tx, { contentId: id, version: row.version, status: to, action: `status:${to}`, actor: opts.actor, note: opts.note ?? null, snapshot: snapshotOf(row), createdAt: now });
        return row;
      });
    },

    /** Loads shipped content; an item whose slug exists is left alone, so edits are never overwritten. */
    async importSeed(items: readonly unknown[]): Promise<{ inserted: number; kept: number }> {
      let inserted = 0;
      for (const raw of items) {
        const item = SeedItem.parse(raw);
        if (await repo.findBySlug(db, item.slug)) continue;
        const row = await insertNew(parseInput(item), {
          status: item.status,
          publishedAt: item.publishedAt ? new Date(item.publishedAt) : null,
          actor: 'system:seed',
          action: 'seed',
        });
        if (row) inserted++;
      }
      return { inserted, kept: items.length - inserted };
    },
  };
}
