import { detailPagePath, KEYWORD_FIELD_NAMES, KeywordSource, PushInput, type ChannelSpec, type ContentKind } from '@zj/shared';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { countTargeted, coverage, type Targeting } from '../audience/targeting';
import type { Clock } from '../clock';
import { findById as findContent } from '../content/repository';
import { queryRows, type Database } from '../db/database';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { findViolations, keywordType } from '../wechat/client/message-limits';
import { keywordValue, type TemplateSource } from './templates';
import { pushDeliveries, pushes, pushOpens, pushTransitions, type ChannelMessage, type PushStatus } from './tables';

/** Who acts on a push: an editor from the console, or the sending worker (editorId null). */
export interface PushActor {
  editorId: number | null;
  name: string;
}

// The push input's schemas are the console's too (shared/src/pushes.ts).
export { KeywordSource, PushInput };

type PushRow = typeof pushes.$inferSelect;
type StoredChannel = ChannelMessage & { keywords: Record<string, KeywordSource> };
type KeywordField = Extract<KeywordSource, { field: unknown }>['field'];

const WORKER: PushActor = { editorId: null, name: 'system:pushes' };

/** The value of each keyword, filled from the content item as the configured templates fill it. */
function fill(spec: ChannelSpec, item: TemplateSource, now: Date): StoredChannel {
  const data: Record<string, string> = {};
  for (const [key, source] of Object.entries(spec.keywords)) {
    const value = keywordValue(source, item, now);
    if (value === null) throw new ValidationError(`关键词「${key}」取「${KEYWORD_FIELD_NAMES[(source as { field: KeywordField }).field]}」，但这条内容没有该项`);
    data[key] = value;
  }
  return { templateId: spec.templateId, data, keywords: spec.keywords };
}

export interface KeywordPreview {
  key: string;
  type: string | null;
  value: string;
  /** Code points, as WeChat counts them. */
  length: number;
  /** Why WeChat would refuse it (47003), or null. */
  problem: string | null;
  tooLong: boolean;
}

function previewOf(message: ChannelMessage | null, kind: 'template' | 'subscribe'): KeywordPreview[] | null {
  if (!message) return null;
  const violations = findViolations(message.data, kind);
  return Object.entries(message.data).map(([key, value]) => {
    const problem = violations.find((v) => v.key === key)?.reason ?? null;
    return { key, type: keywordType(key), value, length: [...value].length, problem, tooLong: problem !== null && /longer than|at most/.test(problem) };
  });
}

/** With the push's id (a stored push), a person's delivery already written counts as their one message. */
export function targetingOf(push: Pick<PushRow, 'topics' | 'districts' | 'audiences' | 'template' | 'subscribe'> & { id?: number }): Targeting {
  return {
    ...(push.id === undefined ? {} : { pushId: push.id }),
    topics: push.topics,
    districts: push.districts,
    audiences: push.audiences,
    channels: { oa: push.template !== null, mp: push.subscribe ? { templateId: push.subscribe.templateId } : null },
  };
}

/** The view of a push for the console: the stored row without the lease internals. */
export function toPushView(row: PushRow) {
  const { leaseOwner: _o, leaseUntil: _u, expandAfter, ...rest } = row;
  return { ...rest, audienceExpanded: expandAfter === null };
}

export type PushService = ReturnType<typeof createPushService>;

export function createPushService(deps: { db: Database; clock: Clock; onApproved?: () => void }) {
  const { db, clock } = deps;

  async function load(id: number): Promise<PushRow> {
    const [row] = await db.select().from(pushes).where(eq(pushes.id, id));
    if (!row) throw new NotFoundError('该推送');
    return row;
  }

  /** Moves a push between statuses if it is still in one of `from`, recording who and when. */
  async function transition(id: number, from: readonly PushStatus[], to: PushStatus, actor: PushActor, extra: Partial<PushRow> = {}, note: string | null = null): Promise<PushRow> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [before] = await tx.select({ status: pushes.status }).from(pushes).where(eq(pushes.id, id)).for('update');
      if (!before) throw new NotFoundError('该推送');
      if (!from.includes(before.status as PushStatus)) throw new ConflictError('push_state', `推送当前为「${before.status}」状态，不能执行此操作`, { status: before.status });
      const [row] = await tx
        .update(pushes)
        .set({ ...extra, status: to, updatedAt: now, version: sql`${pushes.version} + 1` })
        .where(eq(pushes.id, id))
        .returning();
      await tx.insert(pushTransitions).values({ pushId: id, fromStatus: before.status, toStatus: to, editorId: actor.editorId, actorName: actor.name, note, at: now });
      return row!;
    });
  }

  async function build(input: z.output<typeof PushInput>) {
    const item = await findContent(db, input.contentId);
    if (!item) throw new NotFoundError('该内容');
    if (item.status !== 'published') throw new ConflictError('content_not_published', '只能推送已发布的内容');
    const now = clock.now();
    const topics = input.topics ?? item.topics;
    if (topics.length === 0) throw new ValidationError('请至少选择一个主题：推送只发给订阅了这些主题的用户');
    return {
      contentId: item.id,
      title: item.title,
      page: detailPagePath(item.kind as ContentKind, item.id),
      urgent: input.urgent,
      topics,
      districts: input.districts ?? item.districts,
      audiences: input.audiences ?? item.audiences,
      template: input.template ? fill(input.template, item, now) : null,
      subscribe: input.subscribe ? fill(input.subscribe, item, now) : null,
    };
  }

  function parseInput(body: unknown) {
    const parsed = PushInput.safeParse(body);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? '推送内容不完整', parsed.error.issues);
    return parsed.data;
  }

  return {
    load,
    transitionsOf: (id: number) => db.select().from(pushTransitions).where(eq(pushTransitions.pushId, id)).orderBy(asc(pushTransitions.id)),

    list: (input: { status?: PushStatus; limit: number }) =>
      db
        .select()
        .from(pushes)
        .where(input.status ? eq(pushes.status, input.status) : undefined)
        .orderBy(desc(pushes.id))
        .limit(input.limit),

    async create(body: unknown, actor: PushActor): Promise<PushRow> {
      const values = await build(parseInput(body));
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(pushes).values({ ...values, status: 'draft', createdBy: actor.editorId, createdAt: now, updatedAt: now }).returning();
        await tx.insert(pushTransitions).values({ pushId: row!.id, fromStatus: null, toStatus: 'draft', editorId: actor.editorId, actorName: actor.name, at: now });
        return row!;
      });
    },

    /**
     * A draft the system makes by itself (auto-drafts.ts): at most one per content item and origin, however
     * many instances and ticks try (the unique index pushes_auto_origin_uq); null when it exists already.
     * `record` runs in the same transaction (the audit entry), so a draft never exists unaudited.
     */
    async createAutomatic(
      body: unknown,
      draft: { origin: 'registration_deadline' | 'new_publication'; title: string },
      actor: PushActor,
      record: (tx: Parameters<Parameters<Database['transaction']>[0]>[0], row: PushRow) => Promise<void>,
    ): Promise<PushRow | null> {
      const values = await build(parseInput(body));
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(pushes)
          .values({ ...values, title: draft.title, origin: draft.origin, status: 'draft', createdBy: null, createdAt: now, updatedAt: now })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        await tx.insert(pushTransitions).values({ pushId: row.id, fromStatus: null, toStatus: 'draft', editorId: actor.editorId, actorName: actor.name, note: draft.origin, at: now });
        await record(tx, row);
        return row;
      });
    },

    async update(id: number, body: unknown, actor: PushActor): Promise<PushRow> {
      const current = await load(id);
      const values = await build(parseInput(body));
      // An automatic draft keeps the title it was given (报名明天截止：…), not the item's.
      return transition(id, ['draft'], 'draft', actor, current.origin === null ? values : { ...values, title: current.title }, 'edited');
    },

    async preview(id: number) {
      const push = await load(id);
      return { template: previewOf(push.template, 'template'), subscribe: previewOf(push.subscribe, 'subscribe') };
    },

    async dryRun(id: number) {
      return countTargeted(db, targetingOf(await load(id)));
    },

    /** The preview of a form not saved yet: the values `create` would store, as WeChat will show them. */
    async previewInput(body: unknown) {
      const values = await build(parseInput(body));
      return { template: previewOf(values.template, 'template'), subscribe: previewOf(values.subscribe, 'subscribe') };
    },

    /** The dry run of a form not saved yet, for the live recipient count while composing. */
    async dryRunInput(body: unknown) {
      return countTargeted(db, targetingOf(await build(parseInput(body))));
    },

    async submit(id: number, actor: PushActor) {
      const push = await load(id);
      const problems = [...(previewOf(push.template, 'template') ?? []), ...(previewOf(push.subscribe, 'subscribe') ?? [])].filter((k) => k.problem !== null);
      if (problems.length > 0) throw new AppError(422, 'push_keywords_invalid', `关键词「${problems[0]!.key}」不符合微信的规则：${problems[0]!.problem}`, problems);
      return transition(id, ['draft'], 'submitted', actor);
    },

    /** Approves and schedules: `sendAt` null sends now. A time in the past is refused. */
    async approve(id: number, input: { sendAt: Date | null; note?: string }, actor: PushActor) {
      const push = await load(id);
      if (push.createdBy !== null && push.createdBy === actor.editorId) throw new ForbiddenError('不能审核自己创建的推送，请由另一位审核人批准');
      // An automatic draft has no author: whoever edited or submitted it is its author for the four-eyes rule.
      if (push.createdBy === null && actor.editorId !== null) {
        const [own] = await db
          .select({ id: pushTransitions.id })
          .from(pushTransitions)
          .where(and(eq(pushTransitions.pushId, id), eq(pushTransitions.editorId, actor.editorId), inArray(pushTransitions.toStatus, ['draft', 'submitted'])))
          .limit(1);
        if (own) throw new ForbiddenError('不能审核自己修改或提交的推送，请由另一位审核人批准');
      }
      if (input.sendAt && input.sendAt.getTime() < clock.now().getTime()) throw new ValidationError('发送时间已过，请选择将来的时间');
      await transition(id, ['submitted'], 'approved', actor, {}, input.note ?? null);
      const row = await transition(id, ['approved'], 'scheduled', actor, { sendAt: input.sendAt ?? clock.now() });
      deps.onApproved?.();
      return row;
    },

    async reschedule(id: number, sendAt: Date, actor: PushActor) {
      if (sendAt.getTime() < clock.now().getTime()) throw new ValidationError('发送时间已过，请选择将来的时间');
      return transition(id, ['scheduled'], 'scheduled', actor, { sendAt }, 'rescheduled');
    },

    pause: (id: number, actor: PushActor) => transition(id, ['scheduled', 'sending'], 'paused', actor),

    async resume(id: number, actor: PushActor) {
      const row = await transition(id, ['paused'], 'scheduled', actor, { leaseOwner: null, leaseUntil: null });
      deps.onApproved?.();
      return row;
    },

    async cancel(id: number, actor: PushActor) {
      const row = await transition(id, ['draft', 'submitted', 'approved', 'scheduled', 'sending', 'paused'], 'cancelled', actor);
      // Recipients not reached yet are never reached: counted as skipped, not left pending for ever.
      await db
        .update(pushDeliveries)
        .set({ status: 'skipped', reason: 'cancelled', updatedAt: clock.now() })
        .where(and(eq(pushDeliveries.pushId, id), eq(pushDeliveries.status, 'pending')));
      return row;
    },

    /** The worker's own transitions (scheduled → sending, sending → completed). */
    workerTransition: (id: number, from: readonly PushStatus[], to: PushStatus) => transition(id, from, to, WORKER),

    async stats(id: number) {
      await load(id);
      const rows = await queryRows<{ channel: string; status: string; reason: string | null; errcode: number | null; n: string | number }>(
        db,
        sql`select d.channel,
              case when d.status = 'sent' and d.channel = 'mp' then 'delivered'
                   when d.status = 'sent' and r.ok is true then 'delivered'
                   when d.status = 'sent' and r.ok is false then 'failed'
                   else d.status end as status,
              case when d.status = 'sent' and r.ok is false then r.status else d.reason end as reason,
              d.errcode, count(*) as n
            from push_deliveries d
            left join lateral (
              select sr.ok, sr.status from send_reports sr where sr.kind = 'template' and sr.msg_id = d.msgid order by sr.id desc limit 1
            ) r on d.channel = 'oa' and d.msgid is not null
            where d.push_id = ${id}
            group by 1, 2, 3, 4`,
      );
      const stats = {
        targeted: 0,
        pending: 0,
        sent: 0,
        delivered: 0,
        failed: {} as Record<string, number>,
        skipped: {} as Record<string, number>,
        unknown: 0,
        byChannel: { oa: 0, mp: 0 } as Record<string, number>,
        reachRate: 0,
        opens: 0,
      };
      for (const r of rows) {
        const n = Number(r.n);
        stats.targeted += n;
        stats.byChannel[r.channel] = (stats.byChannel[r.channel] ?? 0) + n;
        if (r.status === 'pending' || r.status === 'sending') stats.pending += n;
        else if (r.status === 'unknown') stats.unknown += n;
        else if (r.status === 'skipped') stats.skipped[r.reason ?? 'other'] = (stats.skipped[r.reason ?? 'other'] ?? 0) + n;
        else if (r.status === 'failed') {
          const key = r.errcode !== null ? String(r.errcode) : (r.reason ?? 'other');
          stats.failed[key] = (stats.failed[key] ?? 0) + n;
        }
        // Accepted by the API: everything sent, whatever the later report says.
        if (r.status === 'sent' || r.status === 'delivered' || (r.status === 'failed' && r.errcode === null)) stats.sent += n;
        if (r.status === 'delivered') stats.delivered += n;
      }
      stats.reachRate = stats.targeted === 0 ? 0 : Math.round((stats.delivered / stats.targeted) * 10_000) / 10_000;
      const [opens] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from push_opens where push_id = ${id}`);
      stats.opens = Number(opens?.n ?? 0);
      return stats;
    },

    /**
     * The mini-program page opened from a push. With the delivery id from the link it counts once per
     * recipient; without one (a shared link) every open counts.
     */
    async recordOpen(id: number, deliveryId: number | null): Promise<void> {
      const [push] = await db.select({ id: pushes.id }).from(pushes).where(and(eq(pushes.id, id), inArray(pushes.status, ['sending', 'paused', 'completed', 'cancelled'])));
      if (!push) throw new NotFoundError('该推送');
      let delivery: number | null = null;
      if (deliveryId !== null) {
        const [d] = await db.select({ id: pushDeliveries.id }).from(pushDeliveries).where(and(eq(pushDeliveries.id, deliveryId), eq(pushDeliveries.pushId, id)));
        delivery = d?.id ?? null;
      }
      await db.insert(pushOpens).values({ pushId: id, deliveryId: delivery, openedAt: clock.now() }).onConflictDoNothing();
    },

    coverage: () => coverage(db),
  };
}
