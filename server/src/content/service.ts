import { isDeepStrictEqual } from 'node:util';
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
  type GuideListQuery,
  type ListQuery,
  type NoticeListQuery,
  type RecruitmentListQuery,
  type SearchPage,
  type SearchQuery,
  type WageRateType,
  type WageStandardListQuery,
  type DetailsOf,
  type EditorRole,
  type GateVerdict,
  REVIEW_GATES,
  REVIEW_GATE_NAMES,
} from '@zj/shared';
import type { CalendarService } from '../calendar/service';
import { CalendarYearNotLoadedError, type WorkingDayCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { insertAudit } from '../editors/repository';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { listActiveTopics, listAudiences, listDistricts } from './reference-data';
import * as repo from './repository';
import { toDetail, toSummary, type DetailExtras } from './presenters';
import { createContentSearch } from './search';
import { SeedItem } from './seed/seed-item';
import { diffSnapshots, type VersionDiff } from './version-diff';

export interface ContentServiceDeps {
  db: Database;
  clock: Clock;
  calendar: CalendarService;
  logger: Logger;
  /** Called after every committed write and on `contentChanged()`, so this instance drops its read cache at once. */
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

/** An editor changing content, as the session knows them. */
export interface ContentActor {
  editorId: number;
  name: string;
  role: EditorRole;
}

/** Deciding on a review, publishing and archiving are a reviewer's (or an admin's) job. */
const REVIEWER_ROLES: readonly EditorRole[] = ['reviewer', 'admin'];

export interface StatusChange {
  actor: ContentActor;
  /** The version the actor saw and decided on: if the item changed since, the change is refused. */
  expectedVersion: number;
  note?: string;
  /** Approval: a passing verdict on each of the five gates; rejection: optionally the failed ones. */
  gates?: readonly GateVerdict[];
}

/** An approval passes all five gates, each once. */
function assertAllGatesPass(gates: readonly GateVerdict[] | undefined): void {
  const byGate = new Map((gates ?? []).map((g) => [g.gate, g]));
  const missing = REVIEW_GATES.filter((g) => !byGate.has(g));
  if (missing.length > 0 || byGate.size !== (gates ?? []).length) {
    throw new ValidationError(`审核通过须逐一给出五关意见，缺少：${missing.map((g) => REVIEW_GATE_NAMES[g]).join('、') || '（有重复的关）'}`);
  }
  const failed = REVIEW_GATES.filter((g) => !byGate.get(g)!.pass);
  if (failed.length > 0) {
    throw new AppError(400, 'gate_failed', `${failed.map((g) => REVIEW_GATE_NAMES[g]).join('、')}未通过，不能审核通过，请退回修改`);
  }
}

const Cursor = z.tuple([z.number().int().nonnegative(), z.number().int().positive()]);

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

/** Who wrote the shipped items, in their version history. */
const SEED_ACTOR = 'system:seed';
/** Who publishes and archives at the scheduled times, in the version history and the audit log. */
export const SCHEDULER_ACTOR = 'system:scheduler';

/** Statuses in which only a reviewer or an admin may change an item's publishing (restore, schedule). */
const REVIEWED_STATUSES: readonly ContentStatus[] = ['approved', 'published', 'archived'];

export interface ContentSchedule {
  publishAt: Date | null;
  unpublishAt: Date | null;
}

/** A value as it comes back from jsonb, so stored and shipped columns compare alike. */
const jsonCopy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** The columns of `like` taken from a row or a version snapshot, JSON-normalised. */
function pickColumns(source: Record<string, unknown>, like: Record<string, unknown>): unknown {
  return jsonCopy(Object.fromEntries(Object.keys(like).map((k) => [k, source[k] ?? null])));
}

/** The columns an editor writes (ContentInput), as stored on an item and in its version snapshots. */
const INPUT_COLUMNS = [
  'kind', 'slug', 'title', 'summary', 'body', 'topics', 'districts', 'audiences',
  'department', 'policyBasis', 'sourceUrl', 'sourceNote', 'isSample', 'details',
] as const;

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

const CITY_NAME = '镇江市';

function toCurrentWage(district: District | null, asOf: string, rows: readonly repo.RateRow[]): CurrentWage {
  return {
    district,
    districtName: district ? districtName(district) : CITY_NAME,
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
      districts: r.districts as District[],
    })),
  };
}

/**
 * Every rate in force somewhere in the city, each with the districts where it is the current one (an older
 * rate stays current where a newer standard does not reach), ordered by type and tier.
 */
function ratesInForce(rows: readonly repo.RateRow[]): repo.RateRow[] {
  const covered = new Map<repo.RateRow, District[]>();
  for (const d of DISTRICTS) {
    for (const rate of repo.currentRatesOf(rows, d.code)) covered.set(rate, [...(covered.get(rate) ?? []), d.code]);
  }
  return [...covered]
    .map(([rate, districts]) => ({ ...rate, districts }))
    .sort((a, b) => a.type.localeCompare(b.type) || (a.tier ?? 9) - (b.tier ?? 9));
}

/**
 * One district's current rates, or without a district the whole city's: a resident asking 镇江最低工资 needs
 * each tier's figure and where it applies.
 */
function currentWageOf(inForce: readonly repo.RateRow[], district: District | null, asOf: string): CurrentWage {
  return toCurrentWage(district, asOf, district ? inForce.filter((r) => r.districts.includes(district)) : inForce);
}

export type ContentService = ReturnType<typeof createContentService>;

export function createContentService(deps: ContentServiceDeps) {
  const { db, clock, logger } = deps;
  const search = createContentSearch({ db, clock });

  function changed(): void {
    search.invalidate();
    deps.onChange?.();
  }

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
    changed();
    return result;
  }

  async function insertNew(
    input: ContentInput,
    meta: { status: ContentStatus; publishedAt: Date | null; actor: string; editorId: number | null; action: string; note?: string },
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
        editorId: meta.editorId,
        note: meta.note ?? null,
        snapshot: row,
        createdAt: now,
      });
      return row;
    });
  }

  /** Rewrites a seeded item with the shipped version when nobody has touched it since the seed; true if it did. */
  async function refreshSeeded(existing: repo.ContentRow, item: SeedItem): Promise<boolean> {
    const input = parseInput(item);
    const shipped = columnsOf(input);
    const stored = pickColumns(existing, shipped);
    if (isDeepStrictEqual(stored, pickColumns(shipped, shipped))) return false;
    const versions = await repo.versionsOf(db, existing.id);
    const last = versions.at(-1);
    if (!last || versions.some((v) => v.actor !== SEED_ACTOR)) return false;
    if (!isDeepStrictEqual(stored, pickColumns(last.snapshot as Record<string, unknown>, shipped))) return false;
    await assertTopicsExist(input.topics);
    const now = clock.now();
    return write(async (tx, calendar) => {
      const row = await repo.updateItem(tx, existing.id, existing.version, { ...shipped, version: existing.version + 1, updatedAt: now });
      if (!row) return false;
      await syncFacts(tx, calendar, row, input);
      await repo.insertVersion(tx, { contentId: row.id, version: row.version, status: row.status, action: 'seed_refresh', actor: SEED_ACTOR, editorId: null, note: null, snapshot: row, createdAt: now });
      return true;
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
        return { kind: row.kind as 'subsidy' | 'recruitment' | 'notice' | 'guide' };
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
    listDistricts: () => listDistricts(db),
    listAudiences: () => listAudiences(db),

    listNotices(query: NoticeListQuery): Promise<ContentPage> {
      return page('notice', query, query.category ? { detailsField: { field: 'category', value: query.category } } : {});
    },

    listPublished(kind: Exclude<ContentKind, 'recruitment' | 'wage_standard'>, query: ListQuery): Promise<ContentPage> {
      return page(kind, query);
    },

    listGuides(query: GuideListQuery): Promise<ContentPage> {
      return page('guide', query, query.theme ? { detailsField: { field: 'theme', value: query.theme } } : {});
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

    search: (query: SearchQuery): Promise<SearchPage> => search.search(query),

    /** Published content or the search dictionary changed elsewhere (another instance, a dictionary write). */
    contentChanged: changed,

    /** One district's current standard, or without a district the whole city's. */
    async currentWage(district: District | undefined, on?: string): Promise<CurrentWage> {
      const asOf = on ?? shanghaiDate(clock.now());
      return currentWageOf(ratesInForce(await repo.publishedRatesAsOf(db, asOf)), district ?? null, asOf);
    },

    /** The current standard of every district, in DISTRICTS order, from one query. */
    async currentWages(on?: string): Promise<CurrentWage[]> {
      const asOf = on ?? shanghaiDate(clock.now());
      const inForce = ratesInForce(await repo.publishedRatesAsOf(db, asOf));
      return DISTRICTS.map((d) => currentWageOf(inForce, d.code, asOf));
    },

    async checkEligibility(id: number, answers: EligibilityAnswers): Promise<EligibilityCheckResponse> {
      const row = await repo.findPublished(db, 'subsidy', id);
      if (!row) throw new NotFoundError('该补贴');
      const d = row.details as DetailsOf<'subsidy'>;
      const result = checkEligibility({ rules: d.eligibility, window: d.applicationWindow }, answers, shanghaiDate(clock.now()));
      return { subsidy: { id: row.id, title: row.title }, result };
    },

    /** Interpretations published late, or still unpublished after their due day. */
    async lateInterpretations() {
      const rows = await repo.lateInterpretations(db, shanghaiDate(clock.now()));
      return rows.map((r) => ({ id: r.interpretation.id, title: r.interpretation.title, status: r.interpretation.status, policyId: r.policyId, dueOn: r.dueOn! }));
    },

    versions: (id: number) => repo.versionsOf(db, id),

    /** The console's view: any status. */
    findItem: (id: number) => repo.findById(db, id),
    listItems: (query: { status?: ContentStatus; kind?: ContentKind; limit: number }) => repo.listItems(db, query),

    async createItem(raw: unknown, actor: ContentActor): Promise<repo.ContentRow> {
      const input = parseInput(raw);
      const row = await insertNew(input, { status: 'draft', publishedAt: null, actor: actor.name, editorId: actor.editorId, action: 'create' });
      if (!row) throw new ConflictError('slug_taken', `已有内容使用该标识:${input.slug}`);
      return row;
    },

    async updateItem(id: number, raw: unknown, opts: { actor: ContentActor; expectedVersion: number }): Promise<repo.ContentRow> {
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
        // Review and approval covered the text as it was: a changed item goes back to draft and through review again.
        const status = 'draft';
        const row = await repo.updateItem(tx, id, opts.expectedVersion, { ...columnsOf(input), status, version: opts.expectedVersion + 1, updatedAt: now });
        if (!row) throw new ConflictError('version_conflict', '内容已被他人修改，请刷新后重试', { currentVersion: current.version });
        await syncFacts(tx, calendar, row, input);
        await repo.insertVersion(tx, { contentId: id, version: row.version, status, action: 'update', actor: opts.actor.name, editorId: opts.actor.editorId, note: null, snapshot: row, createdAt: now });
        return row;
      });
    },

    /**
     * Moves an item through the workflow. Every change names the version it was decided on; approval
     * needs all five gates passed by a reviewer who neither created nor edited the item; a rejection
     * (in review → draft) needs a comment. The verdicts are stored with the version.
     */
    async changeStatus(id: number, to: ContentStatus, opts: StatusChange): Promise<repo.ContentRow> {
      const current = await repo.findById(db, id);
      if (!current) throw new NotFoundError('该内容');
      const from = current.status as ContentStatus;
      if (!ALLOWED_TRANSITIONS[from].includes(to)) {
        throw new ConflictError('invalid_transition', `内容当前状态为 ${from},不能变更为 ${to}`, { from, to });
      }
      const { actor } = opts;
      const rejecting = from === 'in_review' && to === 'draft';
      if ((to !== 'in_review' && to !== 'draft') || rejecting) {
        if (!REVIEWER_ROLES.includes(actor.role)) throw new ForbiddenError('只有审核员或管理员可以审核、发布或归档内容');
      }
      if (current.version !== opts.expectedVersion) {
        throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后按最新版本重新审核', { currentVersion: current.version });
      }
      if (to === 'approved') {
        assertAllGatesPass(opts.gates);
        const authors = (await repo.versionsOf(db, id)).filter((v) => v.action === 'create' || v.action === 'update' || v.action === 'restore').map((v) => v.editorId);
        if (authors.includes(actor.editorId)) throw new ForbiddenError('不能审核自己创建或修改过的内容，请由其他审核员审核');
      }
      if (rejecting && !opts.note?.trim()) throw new ValidationError('退回修改须写明意见');
      const now = clock.now();
      return write(async (tx, calendar) => {
        const row = await repo.updateItem(tx, id, opts.expectedVersion, {
          status: to,
          version: current.version + 1,
          updatedAt: now,
          publishedAt: to === 'published' ? (current.publishedAt ?? now) : current.publishedAt,
          // Published or archived by hand: the schedule for that step is done with.
          ...(to === 'published' && { publishAt: null, unpublishAt: current.unpublishAt && current.unpublishAt <= now ? null : current.unpublishAt }),
          ...(to === 'archived' && { unpublishAt: null }),
        });
        if (!row) throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后按最新版本重新审核');
        await syncFacts(tx, calendar, row, inputOf(row));
        await repo.insertVersion(tx, {
          contentId: id,
          version: row.version,
          status: to,
          action: rejecting ? 'reject' : `status:${to}`,
          actor: actor.name,
          editorId: actor.editorId,
          note: opts.note ?? null,
          gates: opts.gates && opts.gates.length > 0 ? [...opts.gates] : null,
          snapshot: row,
          createdAt: now,
        });
        return row;
      });
    },

    /** Changed fields and the body's line diff between two versions of an item, `from` → `to`. */
    async versionDiff(id: number, from: number, to: number): Promise<VersionDiff> {
      const [a, b] = await Promise.all([repo.versionOf(db, id, from), repo.versionOf(db, id, to)]);
      if (!a || !b) throw new NotFoundError('该版本');
      return diffSnapshots(a.snapshot as Record<string, unknown>, b.snapshot as Record<string, unknown>);
    },

    /**
     * Puts an older version's content back as a new draft version: it goes through review again. A
     * published or archived item is taken off line by it, which only a reviewer or an admin may do.
     */
    async restoreVersion(id: number, version: number, opts: { actor: ContentActor; expectedVersion: number }): Promise<repo.ContentRow> {
      const current = await repo.findById(db, id);
      if (!current) throw new NotFoundError('该内容');
      const old = await repo.versionOf(db, id, version);
      if (!old) throw new NotFoundError('该版本');
      if (current.version !== opts.expectedVersion) {
        throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后重试', { currentVersion: current.version });
      }
      if (REVIEWED_STATUSES.includes(current.status as ContentStatus) && !REVIEWER_ROLES.includes(opts.actor.role)) {
        throw new ForbiddenError('已审核通过、已发布或已归档的内容恢复旧版本后将撤回重审，只有审核员或管理员可以操作');
      }
      // The slug stays the item's own: an old one may belong to another item by now.
      const snapshot: Record<string, unknown> = { ...(old.snapshot as Record<string, unknown>), slug: current.slug, kind: current.kind };
      const parsed = ContentInput.safeParse(Object.fromEntries(INPUT_COLUMNS.map((k) => [k, snapshot[k]])));
      if (!parsed.success) throw new ValidationError(`第 ${version} 版的内容不符合现行格式，不能恢复`, parsed.error.issues);
      const input = parsed.data;
      await assertTopicsExist(input.topics);
      const now = clock.now();
      return write(async (tx, calendar) => {
        const row = await repo.updateItem(tx, id, opts.expectedVersion, { ...columnsOf(input), status: 'draft', version: current.version + 1, updatedAt: now });
        if (!row) throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后重试');
        await syncFacts(tx, calendar, row, input);
        await repo.insertVersion(tx, {
          contentId: id,
          version: row.version,
          status: 'draft',
          action: 'restore',
          actor: opts.actor.name,
          editorId: opts.actor.editorId,
          note: `恢复为第 ${version} 版的内容`,
          snapshot: row,
          createdAt: now,
        });
        return row;
      });
    },

    /**
     * Sets (or clears, with null) when an item is published and when it is archived. While it is a draft
     * or in review the schedule is part of what the reviewer sees; once approved, only a reviewer or an
     * admin may change it.
     */
    async setSchedule(id: number, schedule: ContentSchedule, opts: { actor: ContentActor; expectedVersion: number }): Promise<repo.ContentRow> {
      const current = await repo.findById(db, id);
      if (!current) throw new NotFoundError('该内容');
      if (current.version !== opts.expectedVersion) {
        throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后重试', { currentVersion: current.version });
      }
      const status = current.status as ContentStatus;
      if (REVIEWED_STATUSES.includes(status) && !REVIEWER_ROLES.includes(opts.actor.role)) {
        throw new ForbiddenError('已审核通过或已发布的内容，只有审核员或管理员可以设置定时发布与下线');
      }
      const now = clock.now();
      const { publishAt, unpublishAt } = schedule;
      if (publishAt && (status === 'published' || status === 'archived')) {
        throw new ConflictError('already_published', '该内容已发布过，不能再设置定时发布');
      }
      if (publishAt && publishAt <= now) throw new ValidationError('定时发布时间须晚于当前时间', [{ path: ['publishAt'], message: 'in the past' }]);
      if (unpublishAt && unpublishAt <= now) throw new ValidationError('定时下线时间须晚于当前时间', [{ path: ['unpublishAt'], message: 'in the past' }]);
      if (publishAt && unpublishAt && unpublishAt <= publishAt) {
        throw new ValidationError('定时下线时间须晚于定时发布时间', [{ path: ['unpublishAt'], message: 'not after publishAt' }]);
      }
      return write(async (tx) => {
        const row = await repo.updateItem(tx, id, opts.expectedVersion, { publishAt, unpublishAt, version: current.version + 1, updatedAt: now });
        if (!row) throw new ConflictError('version_conflict', '内容在您查看之后已被修改，请刷新后重试');
        await repo.insertVersion(tx, {
          contentId: id,
          version: row.version,
          status,
          action: 'schedule',
          actor: opts.actor.name,
          editorId: opts.actor.editorId,
          note: null,
          snapshot: row,
          createdAt: now,
        });
        return row;
      });
    },

    /**
     * The scheduler's tick: publishes approved items whose publish time has come and archives published
     * ones whose unpublish time has come, each in its own transaction under a row lock that other
     * instances skip, so each happens once. Recorded as the system actor in the history and the audit log.
     */
    async runSchedule(): Promise<{ published: number[]; archived: number[] }> {
      const done = { published: [] as number[], archived: [] as number[] };
      const failed: number[] = [];
      const calendar = await deps.calendar.current();
      for (;;) {
        const now = clock.now();
        let id: number | null = null;
        try {
          const result = await db.transaction(async (tx) => {
            const current = await repo.lockDueForSchedule(tx, now, [...failed, ...done.published, ...done.archived]);
            if (!current) return null;
            id = current.id;
            const to: ContentStatus = current.status === 'approved' ? 'published' : 'archived';
            const row = await repo.updateItem(tx, current.id, current.version, {
              status: to,
              version: current.version + 1,
              updatedAt: now,
              publishedAt: current.publishedAt ?? now,
              ...(to === 'published' ? { publishAt: null } : { unpublishAt: null }),
            });
            if (!row) throw new Error(`content ${current.id} changed under its row lock`);
            await syncFacts(tx, calendar, row, inputOf(row));
            const note = to === 'published' ? '定时发布' : '定时下线';
            await repo.insertVersion(tx, { contentId: row.id, version: row.version, status: to, action: `status:${to}`, actor: SCHEDULER_ACTOR, editorId: null, note, snapshot: row, createdAt: now });
            await insertAudit(tx, {
              at: now,
              editorId: null,
              actorName: SCHEDULER_ACTOR,
              ip: null,
              action: to === 'published' ? 'content.publish' : 'content.archive',
              targetType: 'content',
              targetId: String(row.id),
              before: current,
              after: row,
            });
            await repo.bumpGeneration(tx);
            return { id: row.id, to };
          });
          if (!result) break;
          (result.to === 'published' ? done.published : done.archived).push(result.id);
          changed();
        } catch (err) {
          if (id === null) throw err;
          // One item that cannot be published (its stored content no longer valid) must not hold up the others.
          logger.error({ err, contentId: id }, 'scheduled publish or unpublish failed');
          failed.push(id);
        }
      }
      if (done.published.length + done.archived.length > 0) logger.info(done, 'scheduled content published and archived');
      return done;
    },

    /** Loads shipped content; an item whose slug exists is left alone, so edits are never overwritten. */
    /**
     * Loads shipped items: new slugs are inserted; an item nobody has touched since the seed wrote it
     * (every version by the seed, the row as the seed left it) is brought up to date when the shipped text
     * changed, so a newer release's corrections reach a demo database. Anything an editor (or anyone
     * else) changed is kept as it is.
     */
    async importSeed(items: readonly unknown[]): Promise<{ inserted: number; refreshed: number; kept: number }> {
      let inserted = 0;
      let refreshed = 0;
      for (const raw of items) {
        const item = SeedItem.parse(raw);
        const existing = await repo.findBySlug(db, item.slug);
        if (existing) {
          if (await refreshSeeded(existing, item)) refreshed++;
          continue;
        }
        const row = await insertNew(parseInput(item), {
          status: item.status,
          publishedAt: item.publishedAt ? new Date(item.publishedAt) : null,
          actor: SEED_ACTOR,
          editorId: null,
          action: 'seed',
        });
        if (row) inserted++;
      }
      return { inserted, refreshed, kept: items.length - inserted - refreshed };
    },
  };
}
