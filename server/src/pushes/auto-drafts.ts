import type { ContentKind } from '@zj/shared';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { queryRows, type Database } from '../db/database';
import { insertAudit } from '../editors/repository';
import { toPushView, type PushActor, type PushService } from './service';
import { chooseTemplate, listSubscribeMessageTemplates, listTemplateMessageTemplates, type TemplateSource } from './templates';

/**
 * Push drafts the system makes by itself, for a reviewer to approve (never sent without one):
 * - `registration_deadline`: a recruitment whose registration closes tomorrow (Beijing date) → 「报名明天截止：…」
 *   to its topics' subscribers, opening the recruitment's page;
 * - `new_publication`: a wage standard or subsidy published recently → a draft for its topics.
 *
 * Driven by the scheduler's minute tick, which scans the database rather than listening for a publish
 * event in the process: a tick finds what a restart, a crash or another instance's publication would
 * have made an in-process event miss, and the unique index on (content item, origin) makes every instance
 * and every tick agree on one draft. Channels and keyword mappings come from the configured templates
 * (templates.ts), so the draft is ready to submit. The author is the system (createdBy null, actor
 * `system:auto`): any reviewer who did not edit or submit it may approve it.
 */

export const AUTO_ACTOR: PushActor = { editorId: null, name: 'system:auto' };

export interface AutoDraftSettings {
  /** A wage standard or subsidy published longer ago than this gets no draft (a server down for days still catches up). */
  publicationLookbackMs: number;
}

export const DEFAULT_AUTO_DRAFT_SETTINGS: AutoDraftSettings = { publicationLookbackMs: 7 * 86_400_000 };

/** Kinds whose publication is news to their topics' subscribers. */
const ANNOUNCED_KINDS: readonly ContentKind[] = ['wage_standard', 'subsidy'];

const BEIJING_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Tomorrow in Beijing as [start, end) instants. */
function beijingTomorrow(now: Date): { start: Date; end: Date } {
  const startOfToday = Math.floor((now.getTime() + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS;
  return { start: new Date(startOfToday + DAY_MS), end: new Date(startOfToday + 2 * DAY_MS) };
}

interface Candidate extends TemplateSource {
  id: number;
  topics: string[];
}

export type AutoDrafts = ReturnType<typeof createAutoDrafts>;

export function createAutoDrafts(deps: { db: Database; clock: Clock; logger: Logger; pushes: PushService; settings?: Partial<AutoDraftSettings> }) {
  const { db, clock, pushes } = deps;
  const settings = { ...DEFAULT_AUTO_DRAFT_SETTINGS, ...deps.settings };
  const log = deps.logger.child({ module: 'auto-drafts' });
  /** Items already reported as having no usable template, so the minute tick does not repeat the warning. */
  const reported = new Set<string>();

  const columns = sql`ci.id, ci.kind, ci.title, ci.summary, ci.department, ci.published_at, ci.details, ci.topics`;
  const toCandidate = (r: Candidate & { published_at: Date | string | null }): Candidate => ({
    ...r,
    id: Number(r.id),
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
  });

  async function closingTomorrow(): Promise<Candidate[]> {
    const { start, end } = beijingTomorrow(clock.now());
    const rows = await queryRows<Candidate & { published_at: Date | string | null }>(
      db,
      sql`select ${columns} from content_items ci join recruitment_schedules rs on rs.content_id = ci.id
          where ci.status = 'published' and cardinality(ci.topics) > 0
            and rs.closes_at >= ${start.toISOString()}::timestamptz and rs.closes_at < ${end.toISOString()}::timestamptz
            and not exists (select 1 from pushes p where p.content_id = ci.id and p.origin = 'registration_deadline')
          order by ci.id`,
    );
    return rows.map(toCandidate);
  }

  async function recentlyPublished(): Promise<Candidate[]> {
    const now = clock.now();
    const rows = await queryRows<Candidate & { published_at: Date | string | null }>(
      db,
      sql`select ${columns} from content_items ci
          where ci.status = 'published' and ci.kind = any(${`{${ANNOUNCED_KINDS.join(',')}}`}::text[]) and cardinality(ci.topics) > 0
            and ci.published_at > ${new Date(now.getTime() - settings.publicationLookbackMs).toISOString()}::timestamptz
            and ci.published_at <= ${now.toISOString()}::timestamptz
            and not exists (select 1 from pushes p where p.content_id = ci.id and p.origin = 'new_publication')
          order by ci.id`,
    );
    return rows.map(toCandidate);
  }

  async function draft(item: Candidate, origin: 'registration_deadline' | 'new_publication'): Promise<boolean> {
    const now = clock.now();
    const deadline = origin === 'registration_deadline';
    const [oaTemplates, mpTemplates] = await Promise.all([listTemplateMessageTemplates(db), listSubscribeMessageTemplates(db)]);
    const choose = (templates: Parameters<typeof chooseTemplate>[0]) => chooseTemplate(templates, { topics: item.topics, item, deadline, now });
    const template = choose(oaTemplates);
    const subscribe = choose(mpTemplates);
    if (!template && !subscribe) {
      const key = `${item.id}:${origin}`;
      if (!reported.has(key)) log.warn({ contentId: item.id, origin, topics: item.topics }, 'no configured message template fits this item: no automatic push draft');
      reported.add(key);
      return false;
    }
    const title = deadline ? `报名明天截止：${item.title}` : item.title;
    const row = await pushes.createAutomatic({ contentId: item.id, template, subscribe }, { origin, title }, AUTO_ACTOR, async (tx, created) => {
      await insertAudit(tx, {
        at: now,
        editorId: null,
        actorName: AUTO_ACTOR.name,
        ip: null,
        action: 'push.create',
        targetType: 'push',
        targetId: String(created.id),
        before: null,
        after: toPushView(created),
      });
    });
    if (row) log.info({ push: row.id, contentId: item.id, origin }, 'automatic push draft created');
    return row !== null;
  }

  return {
    /** One tick: drafts for tomorrow's registration deadlines and for recent publications; how many were made. */
    async run(): Promise<{ created: number }> {
      let created = 0;
      for (const item of await closingTomorrow()) if (await draft(item, 'registration_deadline')) created += 1;
      for (const item of await recentlyPublished()) if (await draft(item, 'new_publication')) created += 1;
      return { created };
    },
  };
}
