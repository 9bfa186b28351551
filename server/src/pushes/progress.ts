import type { PushProgress, PushTimeline } from '@zj/shared';
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock';
import { queryRows, type Database } from '../db/database';
import type { PushService } from './service';
import type { PushStatus } from './tables';

/** Accepted by the API in the last minute: the rate the console shows and extrapolates from. */
const RATE_WINDOW_MS = 60_000;

/**
 * What the console's push page polls while a push sends (progress), and the deliveries over time for its
 * chart (timeline). Both read push_deliveries only, by the push's index.
 */
export function createPushProgress(deps: { db: Database; clock: Clock; pushes: Pick<PushService, 'load'> }) {
  const { db, clock, pushes } = deps;

  return {
    async progress(id: number): Promise<PushProgress> {
      const push = await pushes.load(id);
      const since = new Date(clock.now().getTime() - RATE_WINDOW_MS).toISOString();
      const [row] = await queryRows<{ targeted: string | number; pending: string | number; recent: string | number }>(
        db,
        sql`select count(*) as targeted,
                   count(*) filter (where status in ('pending', 'sending')) as pending,
                   count(*) filter (where status in ('sent', 'delivered', 'failed', 'unknown') and updated_at > ${since}::timestamptz) as recent
            from push_deliveries where push_id = ${id}`,
      );
      const targeted = Number(row?.targeted ?? 0);
      const pending = Number(row?.pending ?? 0);
      const ratePerMinute = Number(row?.recent ?? 0);
      const audienceExpanded = push.expandAfter === null;
      return {
        status: push.status as PushStatus,
        targeted,
        done: targeted - pending,
        pending,
        ratePerMinute,
        // While the audience is still being expanded the remaining count is not known yet.
        etaSeconds: ratePerMinute > 0 && audienceExpanded ? Math.ceil((pending / ratePerMinute) * 60) : null,
        audienceExpanded,
        waitingFor: push.waitingFor,
        notBefore: push.notBefore ? push.notBefore.toISOString() : null,
      };
    },

    /**
     * Resolved deliveries per minute or hour of their last change, classified as the statistics are: a
     * template message WeChat later reported failed (TEMPLATESENDJOBFINISH) counts as sent and failed.
     */
    async timeline(id: number, bucket: 'minute' | 'hour'): Promise<PushTimeline> {
      await pushes.load(id);
      const rows = await queryRows<{ at: Date | string; status: string; failure: string | null; accepted: boolean; n: string | number }>(
        db,
        sql`select date_trunc(${bucket}, d.updated_at) as at,
                   case when d.status = 'sent' and (d.channel = 'mp' or r.ok is true) then 'delivered'
                        when d.status = 'sent' and r.ok is false then 'failed'
                        else d.status end as status,
                   case when d.status = 'sent' and r.ok is false then r.status
                        when d.errcode is not null then d.errcode::text
                        else d.reason end as failure,
                   d.status = 'sent' as accepted,
                   count(*) as n
            from push_deliveries d
            left join lateral (
              select sr.ok, sr.status from send_reports sr where sr.kind = 'template' and sr.msg_id = d.msgid order by sr.id desc limit 1
            ) r on d.channel = 'oa' and d.msgid is not null
            where d.push_id = ${id} and d.status not in ('pending', 'sending')
            group by 1, 2, 3, 4
            order by 1`,
      );
      const points = new Map<string, PushTimeline['points'][number]>();
      for (const r of rows) {
        const at = new Date(r.at).toISOString();
        let p = points.get(at);
        if (!p) points.set(at, (p = { at, sent: 0, delivered: 0, failed: {}, skipped: 0, unknown: 0 }));
        const n = Number(r.n);
        if (r.accepted) p.sent += n;
        if (r.status === 'delivered') p.delivered += n;
        else if (r.status === 'failed') p.failed[r.failure ?? 'other'] = (p.failed[r.failure ?? 'other'] ?? 0) + n;
        else if (r.status === 'skipped') p.skipped += n;
        else if (r.status === 'unknown') p.unknown += n;
      }
      return { bucket, points: [...points.values()] };
    },
  };
}

export type PushProgressService = ReturnType<typeof createPushProgress>;
