import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import {
  DISTRICTS,
  INTERPRETATION_STATES,
  KEY_AREAS,
  shanghaiDate,
  type AreaMonthRow,
  type CoverageRow,
  type InterpretationRow,
  type InterpretationState,
  type KeyArea,
  type MonthReachRow,
  type OpennessReport,
  type PushReachRow,
  type UpcomingPushRow,
} from '@zj/shared';
import type { CalendarService } from '../calendar/service';
import { CalendarYearNotLoadedError, type WorkingDayCalendar } from '../calendar/working-days';
import type { Clock } from '../clock';
import { INTERPRETATION_DUE_WORKING_DAYS } from '../content/service';
import { queryRows, type Database } from '../db/database';

/**
 * The figures of the openness assessment (政务公开考核) for one calendar year, Beijing time: interpretations
 * against the 3-working-day rule, content published per key area and month, subscribers per topic and
 * district (coverage), reach per push and month (delivered ÷ targeted), and pushes due in the next 7 days.
 */

export interface OpennessDeps {
  db: Database;
  clock: Clock;
  calendar: CalendarService;
  logger: Logger;
}

/** Beijing midnight starting a year, as an instant. */
const yearStart = (year: number) => new Date(`${year}-01-01T00:00:00+08:00`);
const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const rate = (delivered: number, targeted: number) => (targeted === 0 ? 0 : Math.round((delivered / targeted) * 10_000) / 10_000);

const AREA_OF_TOPIC = new Map<string, KeyArea>(KEY_AREAS.flatMap((a) => a.topics.map((t) => [t, a.code] as [string, KeyArea])));
const AREA_CODES: KeyArea[] = [...KEY_AREAS.map((a) => a.code), 'other'];

/** A policy's interpretation against its due day; `today` in Beijing time. */
function stateOf(dueOn: string | null, interpretationPublishedOn: string | null, today: string): InterpretationState {
  if (interpretationPublishedOn !== null) return dueOn === null || interpretationPublishedOn <= dueOn ? 'on_time' : 'late';
  return dueOn !== null && today > dueOn ? 'overdue' : 'due';
}

export type Openness = ReturnType<typeof createOpenness>;

export function createOpenness(deps: OpennessDeps) {
  const { db, clock, logger } = deps;

  function dueAfter(calendar: WorkingDayCalendar, publishedAt: Date): string | null {
    try {
      return calendar.addWorkingDays(shanghaiDate(publishedAt), INTERPRETATION_DUE_WORKING_DAYS);
    } catch (err) {
      if (!(err instanceof CalendarYearNotLoadedError)) throw err;
      logger.warn({ year: err.year }, 'interpretation due date unknown: holiday calendar year not loaded');
      return null;
    }
  }

  /** Every policy published in the year with each of its interpretations, or a row saying it has none. */
  async function interpretations(year: number, today: string): Promise<OpennessReport['interpretations']> {
    const calendar = await deps.calendar.current();
    const rows = await queryRows<{
      policy_id: string | number;
      policy_title: string;
      doc_number: string | null;
      policy_published_at: Date | string;
      due_on: string | null;
      interpretation_id: string | number | null;
      interpretation_title: string | null;
      interpretation_status: string | null;
      interpretation_published_at: Date | string | null;
    }>(
      db,
      sql`select p.id as policy_id, p.title as policy_title, p.details->>'docNumber' as doc_number, p.published_at as policy_published_at,
            l.due_on::text as due_on, i.id as interpretation_id, i.title as interpretation_title, i.status as interpretation_status,
            case when i.status in ('published', 'archived') then i.published_at end as interpretation_published_at
          from content_items p
          left join interpretation_links l on l.policy_id = p.id
          left join content_items i on i.id = l.interpretation_id
          where p.kind = 'policy' and p.status in ('published', 'archived')
            and p.published_at >= ${yearStart(year)} and p.published_at < ${yearStart(year + 1)}
          order by p.published_at, p.id, i.id`,
    );
    const counts = Object.fromEntries(INTERPRETATION_STATES.map((s) => [s, 0])) as Record<InterpretationState, number>;
    const out: InterpretationRow[] = rows.map((r) => {
      const policyPublishedAt = new Date(r.policy_published_at);
      const dueOn = r.due_on ?? dueAfter(calendar, policyPublishedAt);
      const publishedOn = r.interpretation_published_at === null ? null : shanghaiDate(new Date(r.interpretation_published_at));
      const state: InterpretationState =
        r.interpretation_id === null ? (dueOn !== null && today > dueOn ? 'missing' : 'due') : stateOf(dueOn, publishedOn, today);
      counts[state]++;
      return {
        policyId: Number(r.policy_id),
        policyTitle: r.policy_title,
        docNumber: r.doc_number,
        policyPublishedAt: policyPublishedAt.toISOString(),
        dueOn,
        interpretationId: r.interpretation_id === null ? null : Number(r.interpretation_id),
        interpretationTitle: r.interpretation_title,
        interpretationStatus: r.interpretation_status,
        interpretationPublishedAt: iso(r.interpretation_published_at),
        state,
      };
    });
    return { rows: out, counts };
  }

  /** Items first published in the year, per month and key area; archived ones count (they were published). */
  async function publishedByArea(year: number): Promise<AreaMonthRow[]> {
    const rows = await queryRows<{ month: string; topics: string[] }>(
      db,
      sql`select to_char(published_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, topics
          from content_items
          where status in ('published', 'archived') and published_at >= ${yearStart(year)} and published_at < ${yearStart(year + 1)}`,
    );
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const byMonth = new Map<string, AreaMonthRow>(
      months.map((month) => [month, { month, counts: Object.fromEntries(AREA_CODES.map((a) => [a, 0])) as Record<KeyArea, number>, total: 0 }]),
    );
    for (const r of rows) {
      const entry = byMonth.get(r.month);
      if (!entry) continue;
      entry.total++;
      const areas = new Set(r.topics.map((t) => AREA_OF_TOPIC.get(t)).filter((a): a is KeyArea => a !== undefined));
      if (areas.size === 0) areas.add('other');
      for (const a of areas) entry.counts[a]++;
    }
    return [...byMonth.values()];
  }

  /** Subscribers who can be reached now (followers still following), per topic and profile district. */
  async function coverage(): Promise<OpennessReport['coverage']> {
    const rows = await queryRows<{ topic: string; topic_name: string | null; district: string | null; n: string | number }>(
      db,
      sql`select sub.topic, t.name as topic_name, s.district, count(distinct s.id) as n
          from subscriptions sub
          join subscribers s on s.id = sub.subscriber_id
          left join topics t on t.code = sub.topic
          where s.channel <> 'oa' or s.following
          group by sub.topic, t.name, t.sort_order, s.district
          order by t.sort_order nulls last, sub.topic`,
    );
    const [total] = await queryRows<{ n: string | number }>(
      db,
      sql`select count(distinct s.id) as n from subscribers s
          where (s.channel <> 'oa' or s.following) and exists (select 1 from subscriptions sub where sub.subscriber_id = s.id)`,
    );
    const byTopic = new Map<string, CoverageRow>();
    for (const r of rows) {
      const row = byTopic.get(r.topic) ?? { topic: r.topic, topicName: r.topic_name ?? r.topic, byDistrict: {}, total: 0 };
      const key = r.district ?? '';
      row.byDistrict[key] = (row.byDistrict[key] ?? 0) + Number(r.n);
      row.total += Number(r.n);
      byTopic.set(r.topic, row);
    }
    return { rows: [...byTopic.values()], districts: DISTRICTS.map((d) => ({ code: d.code, name: d.name })), subscribers: Number(total?.n ?? 0) };
  }

  /**
   * Delivered ÷ targeted per push that started sending in the year, and per month. Delivered as the
   * pushes' statistics count it: a subscribe message accepted by the API, a template message confirmed by
   * TEMPLATESENDJOBFINISH.
   */
  async function reach(year: number): Promise<OpennessReport['reach']> {
    const rows = await queryRows<{ id: string | number; title: string; status: string; started_at: Date | string | null; targeted: string | number; delivered: string | number }>(
      db,
      sql`with started as (
            select p.id, p.title, p.status,
              coalesce((select min(tr.at) from push_transitions tr where tr.push_id = p.id and tr.to_status = 'sending'), p.send_at) as started_at
            from pushes p
            where p.status in ('sending', 'paused', 'completed', 'cancelled')
          )
          select st.id, st.title, st.status, st.started_at,
            count(d.id) as targeted,
            count(d.id) filter (where d.status = 'delivered' or (d.status = 'sent' and (d.channel = 'mp' or r.ok is true))) as delivered
          from started st
          left join push_deliveries d on d.push_id = st.id
          left join lateral (
            select sr.ok from send_reports sr where sr.kind = 'template' and sr.msg_id = d.msgid order by sr.id desc limit 1
          ) r on d.channel = 'oa' and d.msgid is not null
          where st.started_at >= ${yearStart(year)} and st.started_at < ${yearStart(year + 1)}
          group by st.id, st.title, st.status, st.started_at
          order by st.started_at, st.id`,
    );
    const pushes: PushReachRow[] = rows.map((r) => {
      const startedAt = r.started_at === null ? null : new Date(r.started_at);
      const targeted = Number(r.targeted);
      const delivered = Number(r.delivered);
      return {
        id: Number(r.id),
        title: r.title,
        status: r.status,
        month: startedAt ? shanghaiDate(startedAt).slice(0, 7) : '',
        startedAt: startedAt?.toISOString() ?? null,
        targeted,
        delivered,
        reachRate: rate(delivered, targeted),
      };
    });
    const months: MonthReachRow[] = Array.from({ length: 12 }, (_, i) => {
      const month = `${year}-${String(i + 1).padStart(2, '0')}`;
      const of = pushes.filter((p) => p.month === month);
      const targeted = of.reduce((n, p) => n + p.targeted, 0);
      const delivered = of.reduce((n, p) => n + p.delivered, 0);
      return { month, pushes: of.length, targeted, delivered, reachRate: rate(delivered, targeted) };
    });
    return { pushes, months };
  }

  /** Approved or scheduled pushes whose send time falls in the next 7 days. */
  async function upcoming(now: Date): Promise<UpcomingPushRow[]> {
    const until = new Date(now.getTime() + 7 * 86_400_000);
    const rows = await queryRows<{ id: string | number; title: string; status: string; at: Date | string; topics: string[]; districts: string[] }>(
      db,
      sql`select id, title, status, coalesce(not_before, send_at) as at, topics, districts from pushes
          where status in ('approved', 'scheduled') and coalesce(not_before, send_at) >= ${now} and coalesce(not_before, send_at) < ${until}
          order by 4, id`,
    );
    return rows.map((r) => ({ id: Number(r.id), title: r.title, status: r.status, sendAt: new Date(r.at).toISOString(), topics: r.topics, districts: r.districts }));
  }

  return {
    async report(year?: number): Promise<OpennessReport> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const y = year ?? Number(today.slice(0, 4));
      const [i, p, c, r, u] = await Promise.all([interpretations(y, today), publishedByArea(y), coverage(), reach(y), upcoming(now)]);
      return { year: y, asOf: now.toISOString(), interpretations: i, publishedByArea: p, coverage: c, reach: r, upcoming: u };
    },
  };
}
