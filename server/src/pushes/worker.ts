import { randomUUID } from 'node:crypto';
import { trackedPushPage } from '@zj/shared';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { refundCredit, type CreditUse } from '../audience/credits';
import { expandPage } from '../audience/targeting';
import type { Clock } from '../clock';
import { createBatcher } from '../db/batcher';
import { bigintArray, preparedRows, queryRows, textArray, type Database } from '../db/database';
import { maskOpenId } from '../logger';
import type { WechatClient } from '../wechat/client/api-client';
import { WECHAT_ERRCODES } from '../wechat/client/api-errors';
import { sendOutcome, type SendOutcome } from '../wechat/client/send-outcome';
import { targetingOf, type PushService } from './service';
import { type SendBudget } from './send-budget';
import type { ChannelMessage } from './tables';
import { DEFAULT_QUIET_HOURS, nextBeijingMidnight, quietUntil, retryDelayMs, type QuietHours } from './timing';

export interface PushWorkerSettings {
  /** Sends in flight at once per instance. */
  concurrency: number;
  /** How long a claim lasts without renewal; an instance that dies loses its pushes after this. */
  leaseMs: number;
  /** Subscribers expanded into deliveries per statement, and deliveries read per round of sending. */
  pageSize: number;
  /** Sends per delivery at most (first included) for failures that may pass. */
  maxAttempts: number;
  retry: { baseMs: number; maxMs: number };
  quietHours: QuietHours | null;
}

/** Without settings (tests); the server takes concurrency and quiet hours from PUSH_CONCURRENCY and PUSH_QUIET_HOURS. */
export const DEFAULT_WORKER_SETTINGS: PushWorkerSettings = {
  concurrency: 8,
  leaseMs: 60_000,
  pageSize: 5_000,
  maxAttempts: 5,
  retry: { baseMs: 30_000, maxMs: 600_000 },
  quietHours: DEFAULT_QUIET_HOURS,
};

/** Most deliveries marked `sending`, or recorded `sent`, in one statement. */
const MAX_BATCH = 200;
/** Most send tokens fetched from the shared budget at once, and deliveries begun per statement. */
const TOKENS_PER_TAKE = 50;
/** Starters beginning chunks at once (each: a budget take, then one `sending` statement). */
const STARTERS = 3;
/** The next page is read when fewer deliveries than this (or than the lanes) are left to begin. */
const PAGE_READ_AHEAD = 1_000;
/** Accepted sends wait up to this long for others to be recorded with (a lone one waits the full time). */
const RECORD_LINGER = { minBatch: 50, maxWaitMs: 10 };


interface Claimed {
  id: number;
  status: string;
  page: string;
  urgent: boolean;
  topics: string[];
  districts: string[];
  audiences: string[];
  template: ChannelMessage | null;
  subscribe: ChannelMessage | null;
  expand_after: string | number | null;
}

interface Delivery {
  id: number;
  subscriber_id: number;
  channel: 'oa' | 'mp';
  openid: string;
  attempts: number;
}

/** Why a push stops sending for now, and until when. */
type Hold = { until: Date; reason: 'daily_quota' | 'minute_quota' | 'quiet_hours' | 'retry' };

export type PushWorker = ReturnType<typeof createPushWorker>;

/**
 * Sends due pushes. Each instance claims one push at a time (FOR UPDATE SKIP LOCKED, then a lease it
 * renews); the audience is expanded in pages into deliveries, then each delivery is marked `sending`
 * (with its subscribe credit taken, in one transaction that also checks the push is still sending under
 * this lease, so cancel and pause stop the very next send), sent, and resolved from the answer.
 */
export function createPushWorker(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  pushes: PushService;
  clients: { oa: WechatClient; mp: WechatClient };
  budget: SendBudget;
  settings?: Partial<PushWorkerSettings>;
  random?: () => number;
}) {
  const { db, clock, pushes, clients, budget } = deps;
  const settings = { ...DEFAULT_WORKER_SETTINGS, ...deps.settings };
  const random = deps.random ?? Math.random;
  const owner = randomUUID();
  const log = deps.logger.child({ module: 'push-worker' });
  let abandoned = false;
  let running: Promise<void> | null = null;
  let again = false;

  const iso = (d: Date) => d.toISOString();
  const leaseEnd = () => new Date(clock.now().getTime() + settings.leaseMs);

  async function claim(): Promise<Claimed | null> {
    const now = iso(clock.now());
    const [row] = await queryRows<Claimed>(
      db,
      sql`with due as (
            select id, status as previous from pushes
            where status in ('scheduled', 'sending')
              and (send_at is null or send_at <= ${now}::timestamptz)
              and (not_before is null or not_before <= ${now}::timestamptz)
              and (lease_until is null or lease_until <= ${now}::timestamptz)
            order by send_at nulls first, id
            limit 1
            for update skip locked
          )
          update pushes p set lease_owner = ${owner}, lease_until = ${iso(leaseEnd())}::timestamptz, waiting_for = null, not_before = null
          from due where p.id = due.id
          returning p.id, due.previous as status, p.page, p.urgent, p.topics, p.districts, p.audiences, p.template, p.subscribe, p.expand_after`,
    );
    if (!row) return null;
    if (row.status === 'scheduled') await pushes.workerTransition(row.id, ['scheduled'], 'sending');
    return row;
  }

  /** Renews the lease; false when the push was paused or cancelled, or the lease was lost. */
  async function renew(id: number): Promise<boolean> {
    if (abandoned) return false;
    const rows = await queryRows(
      db,
      sql`update pushes set lease_until = ${iso(leaseEnd())}::timestamptz where id = ${id} and lease_owner = ${owner} and status = 'sending' returning id`,
    );
    return rows.length > 0;
  }

  async function release(id: number, hold: Hold | null): Promise<void> {
    if (abandoned) return;
    await db.execute(
      sql`update pushes set lease_owner = null, lease_until = null, not_before = ${hold ? iso(hold.until) : null}::timestamptz, waiting_for = ${hold?.reason ?? null}
          where id = ${id} and lease_owner = ${owner}`,
    );
  }

  /**
   * Deliveries left `sending` by an instance that died mid-call: a template message is sent again with
   * the same client_msg_id (WeChat drops a repeat within 10 minutes); a subscribe message has no such
   * key, so it is `unknown`, never sent twice.
   */
  async function recover(id: number): Promise<void> {
    await db.execute(
      sql`update push_deliveries set status = case when channel = 'oa' then 'pending' else 'unknown' end,
            reason = case when channel = 'oa' then reason else 'interrupted' end, updated_at = ${iso(clock.now())}::timestamptz
          where push_id = ${id} and status = 'sending'`,
    );
  }

  async function expand(push: Claimed): Promise<boolean> {
    let after = push.expand_after === null ? null : Number(push.expand_after);
    const targeting = targetingOf(push);
    while (after !== null) {
      if (!(await renew(push.id))) return false;
      const last = await expandPage(db, { pushId: push.id, targeting, after, pageSize: settings.pageSize, now: clock.now() });
      after = last;
      await db.execute(sql`update pushes set expand_after = ${last} where id = ${push.id} and lease_owner = ${owner}`);
    }
    return true;
  }

  /**
   * Marks a chunk of deliveries `sending` and takes their subscribe credits, if the push is still sending
   * under our lease: one statement for the whole chunk (at thousands of sends a second, statements, not
   * rows, are what the database spends its time on). The credit update is consumeCredit's for many
   * subscribers at once (one delivery per subscriber and push, so no subscriber appears twice): never below
   * zero, a long-term grant not used up. A mini-program delivery without a credit is skipped instead, and
   * the same person's folded follower row is sent in its place, in the same statement so that a crash
   * cannot leave the person with neither. Returns the deliveries to send now with the credit each took;
   * null when the push stopped sending.
   */
  async function beginAll(push: Claimed, ds: readonly Delivery[]): Promise<{ d: Delivery; credit: CreditUse }[] | null> {
    const now = iso(clock.now());
    const rows = await preparedRows<{ id: string | number; status: string | null; long_term: boolean | null }>(
      db,
      'push_begin',
      sql`with live as (
            select 1 from pushes where id = ${push.id} and status = 'sending' and lease_owner = ${owner}
          ), picked as (
            select d.id, d.subscriber_id, d.channel from push_deliveries d
            where d.id = any(${bigintArray(ds.map((d) => d.id))}) and d.status = 'pending' and exists (select 1 from live)
            for update
          ), taken as (
            update subscribe_credits c
            set remaining = c.remaining - case when c.long_term then 0 else 1 end, updated_at = ${now}::timestamptz
            from picked p
            where p.channel = 'mp' and c.subscriber_id = p.subscriber_id and c.template_id = ${push.subscribe?.templateId ?? null}
              and not c.rejected and (c.long_term or c.remaining > 0)
            returning c.subscriber_id, c.long_term
          ), marked as (
            update push_deliveries d
            set status = case when p.channel = 'oa' or t.subscriber_id is not null then 'sending' else 'skipped' end,
                reason = case when p.channel = 'oa' or t.subscriber_id is not null then d.reason else 'no_credit' end,
                attempts = d.attempts + case when p.channel = 'oa' or t.subscriber_id is not null then 1 else 0 end,
                updated_at = ${now}::timestamptz
            from picked p left join taken t on t.subscriber_id = p.subscriber_id
            where d.id = p.id
            returning d.id, d.subscriber_id, d.status, t.long_term
          ), refolded as (
            -- The credit went since the audience was written (another push used it): the same person's
            -- follower row, folded for this one (duplicate_person, targeting.ts), is sent after all.
            update push_deliveries f set status = 'pending', reason = null, updated_at = ${now}::timestamptz
            from marked mk join subscribers m on m.id = mk.subscriber_id
              join subscribers o on o.unionid = m.unionid and o.id <> m.id and o.channel = 'oa'
            where mk.status = 'skipped' and f.push_id = ${push.id} and f.subscriber_id = o.id
              and f.status = 'skipped' and f.reason = 'duplicate_person'
          )
          select m.id, m.status, m.long_term from marked m
          union all
          select null, null, null where not exists (select 1 from live)`,
    );
    if (rows.some((r) => r.id === null)) return null;
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const started: { d: Delivery; credit: CreditUse }[] = [];
    for (const d of ds) {
      // Missing: no longer pending (another instance, or cancelled meanwhile); skipped: no credit left.
      const r = byId.get(d.id);
      if (r?.status === 'sending') started.push({ d, credit: d.channel === 'oa' ? null : r.long_term ? 'long_term' : 'one_time' });
    }
    return started;
  }

  /**
   * Puts back deliveries marked `sending` but not sent (the push was held or stopped first): pending again
   * with their attempt and one-time credit given back, or skipped if the push was cancelled meanwhile.
   */
  async function unbegin(push: Claimed, items: readonly { d: Delivery; credit: CreditUse }[]): Promise<void> {
    if (items.length === 0) return;
    const now = iso(clock.now());
    await db.execute(
      sql`update push_deliveries set attempts = attempts - 1, updated_at = ${now}::timestamptz,
            status = case when (select status from pushes where id = ${push.id}) = 'cancelled' then 'skipped' else 'pending' end,
            reason = case when (select status from pushes where id = ${push.id}) = 'cancelled' then 'cancelled' else reason end
          where id = any(${bigintArray(items.map((i) => i.d.id))}) and status = 'sending'`,
    );
    const refunds = items.filter((i) => i.credit === 'one_time').map((i) => i.d.subscriber_id);
    if (refunds.length > 0) {
      await db.execute(
        sql`update subscribe_credits set remaining = remaining + 1, updated_at = ${now}::timestamptz
            where template_id = ${push.subscribe!.templateId} and subscriber_id = any(${bigintArray(refunds)})`,
      );
    }
  }

  /** Records accepted sends, many per statement. */
  async function markSent(sent: readonly { id: number; msgid: string }[]): Promise<void[]> {
    await preparedRows(
      db,
      'push_mark_sent',
      sql`update push_deliveries d set status = 'sent', msgid = v.msgid, reason = null, errcode = null, next_attempt_at = null, updated_at = ${iso(clock.now())}::timestamptz
          from unnest(${bigintArray(sent.map((x) => x.id))}, ${textArray(sent.map((x) => x.msgid))}) as v(id, msgid)
          where d.id = v.id and d.status = 'sending'`,
    );
    return sent.map(() => undefined);
  }

  function send(push: Claimed, d: Delivery): Promise<SendOutcome> {
    // The delivery id in the link lets the page count one open per recipient.
    const page = trackedPushPage(push.page, push.id, d.id);
    if (d.channel === 'oa') {
      const t = push.template!;
      return sendOutcome(() =>
        clients.oa.sendTemplate({ touser: d.openid, templateId: t.templateId, data: t.data, miniprogram: { appid: clients.mp.appId, pagepath: page }, clientMsgId: `push-${push.id}-${d.id}` }),
      );
    }
    const s = push.subscribe!;
    return sendOutcome(() => clients.mp.sendSubscribe({ touser: d.openid, templateId: s.templateId, data: s.data, page }));
  }

  async function resolve(push: Claimed, d: Delivery, credit: CreditUse, outcome: SendOutcome, recordSent: (sent: { id: number; msgid: string }) => Promise<void>): Promise<Hold | null> {
    const now = clock.now();
    const set = (fields: { status: string; reason?: string | null; errcode?: number | null; msgid?: string | null; next?: Date | null; attempts?: 'keep' | 'undo' }) =>
      db.execute(
        sql`update push_deliveries set status = ${fields.status}, reason = ${fields.reason ?? null}, errcode = ${fields.errcode ?? null}, msgid = ${fields.msgid ?? null},
              next_attempt_at = ${fields.next ? iso(fields.next) : null}::timestamptz, updated_at = ${iso(now)}::timestamptz,
              attempts = attempts - ${fields.attempts === 'undo' ? 1 : 0}
            where id = ${d.id} and status = 'sending'`,
      );
    const refund = async () => {
      if (credit === 'one_time') await refundCredit(db, { subscriberId: d.subscriber_id, templateId: push.subscribe!.templateId, now });
    };
    if (outcome.ok) {
      await recordSent({ id: d.id, msgid: outcome.msgid });
      return null;
    }
    const attempts = d.attempts + 1;
    if (outcome.deliveryUnknown) {
      // A template message can go again under the same client_msg_id; a subscribe message cannot.
      if (d.channel === 'oa' && attempts < settings.maxAttempts) {
        await set({ status: 'pending', reason: 'retry', next: new Date(now.getTime() + retryDelayMs(attempts, settings.retry, random)) });
      } else await set({ status: 'unknown', reason: outcome.kind });
      return null;
    }
    // From here WeChat answered and did not act: the credit is still the resident's.
    if (outcome.errcode === WECHAT_ERRCODES.apiQuota) {
      await refund();
      await set({ status: 'pending', attempts: 'undo' });
      return { until: nextBeijingMidnight(now), reason: 'daily_quota' };
    }
    if (outcome.errcode === WECHAT_ERRCODES.apiMinuteQuota) {
      await refund();
      await set({ status: 'pending', attempts: 'undo' });
      return { until: new Date(now.getTime() + (outcome.retryAfterMs ?? 60_000)), reason: 'minute_quota' };
    }
    if (outcome.errcode === WECHAT_ERRCODES.userRefused || outcome.errcode === WECHAT_ERRCODES.requireSubscribe) {
      const reason = outcome.errcode === WECHAT_ERRCODES.userRefused ? 'refused' : 'unfollowed';
      await set({ status: 'skipped', reason, errcode: outcome.errcode });
      return null;
    }
    await refund();
    if (outcome.transient && attempts < settings.maxAttempts) {
      await set({ status: 'pending', reason: 'retry', errcode: outcome.errcode, next: new Date(now.getTime() + retryDelayMs(attempts, settings.retry, random)) });
      return null;
    }
    log.warn({ push: push.id, delivery: d.id, openid: maskOpenId(d.openid), errcode: outcome.errcode, kind: outcome.kind }, 'push delivery failed');
    await set({ status: 'failed', reason: outcome.errmsg.slice(0, 200), errcode: outcome.errcode });
    return null;
  }

  /**
   * Sends one pass over the deliveries due, from `first` (a page) on, with bounded concurrency; the first
   * hold stops new sends (those in flight finish). The next page is read while the end of the current one
   * is being sent, so the lanes do not run dry at every page.
   *
   * Starters mark the next deliveries `sending` a chunk at a time (as many as the shared budget grants),
   * each chunk in one statement that also checks the push is still sending under our lease; lanes send
   * them. Begun and not yet resolved are never more than `concurrency`, so a cancel or pause lets through
   * at most the sends already begun, as when each send was checked alone. Accepted sends are recorded in
   * groups, without holding up the lanes.
   */
  async function sendPass(push: Claimed, first: Delivery[]): Promise<Hold | null> {
    const recordSent = createBatcher<{ id: number; msgid: string }, void>({ maxBatch: MAX_BATCH, linger: RECORD_LINGER, run: markSent });
    const recording = new Set<Promise<void>>();
    const record = (sent: { id: number; msgid: string }): Promise<void> => {
      const p = recordSent(sent)
        .catch((err: unknown) => log.error({ err, push: push.id }, 'accepted sends not recorded; they stay `sending` and are recovered as such'))
        .finally(() => recording.delete(p));
      recording.add(p);
      return Promise.resolve();
    };
    let batch = first;
    /** The pass has no page after those read: the last one read was short. */
    let exhausted = first.length < settings.pageSize;
    let reading: Promise<void> | null = null;
    let readFailure: unknown = null;
    const readAhead = () => {
      reading ??= nextPage(push, batch.at(-1)!.id)
        .then(
          (page) => {
            if (page === null) stopped = true;
            else if (!Array.isArray(page)) hold ??= page;
            else {
              batch = batch.slice(next).concat(page);
              next = 0;
              exhausted = page.length < settings.pageSize;
            }
          },
          (err: unknown) => {
            // Rethrown once the sends in flight are resolved, as a failed read between pages was.
            readFailure = err;
            stopped = true;
          },
        )
        .finally(() => {
          reading = null;
          wakeStarters();
        });
      return reading;
    };
    const lanes = exhausted ? Math.min(settings.concurrency, first.length) : settings.concurrency;
    // Chunks of a quarter of the lanes at least: fewer statements, while the lanes stay busy.
    const chunk = Math.max(1, Math.min(TOKENS_PER_TAKE, Math.floor(lanes / 4)));
    const ready: { d: Delivery; credit: CreditUse }[] = [];
    /** Lanes spoken for: deliveries begun and not yet resolved, plus those a starter is about to begin. */
    let begun = 0;
    let hold: Hold | null = null;
    let stopped = false;
    let next = 0;
    let startersLeft = STARTERS;
    const lanesWaiting: (() => void)[] = [];
    const startersWaiting: (() => void)[] = [];
    const wake = (waiting: (() => void)[]) => {
      for (const resume of waiting) resume();
    };
    const wakeLanes = () => wake(lanesWaiting.splice(0));
    const wakeStarters = () => wake(startersWaiting.splice(0));
    const ended = () => hold !== null || abandoned || stopped;
    // Several starters, so that one chunk's budget and `sending` statements run while another's wait for
    // the database: one starter alone, two round trips per chunk, held the rate under the configured one.
    // Each speaks for its lanes before it awaits anything, so together they never begin more than `lanes`.
    const starter = async () => {
      try {
        while (!ended() && (next < batch.length || !exhausted)) {
          if (!exhausted && batch.length - next <= Math.max(lanes, PAGE_READ_AHEAD)) void readAhead();
          if (next >= batch.length) {
            await reading;
            continue;
          }
          const want = Math.min(lanes - begun, TOKENS_PER_TAKE, batch.length - next);
          if (want < Math.min(chunk, batch.length - next)) {
            await new Promise<void>((resolve) => startersWaiting.push(resolve));
            continue;
          }
          begun += want;
          const granted = await budget.take(want);
          const taken = ended() ? [] : batch.slice(next, next + granted);
          next += taken.length;
          begun -= want - taken.length;
          if (taken.length === 0) break;
          const started = await beginAll(push, taken);
          begun -= taken.length - (started?.length ?? 0);
          if (started === null) stopped = true;
          else ready.push(...started);
          wakeLanes();
          wakeStarters();
        }
      } finally {
        startersLeft -= 1;
        wakeLanes();
        wakeStarters();
      }
    };
    const lane = async () => {
      try {
        for (;;) {
          if (ended()) return;
          const item = ready.shift();
          if (!item) {
            if (startersLeft === 0) return;
            await new Promise<void>((resolve) => lanesWaiting.push(resolve));
            continue;
          }
          const outcome = await send(push, item.d);
          if (abandoned) return;
          const h = await resolve(push, item.d, item.credit, outcome, record);
          if (h && !hold) hold = h;
          begun -= 1;
          wakeStarters();
        }
      } finally {
        // A lane that stops (held, stopped, abandoned) must not leave a starter waiting for it.
        wakeStarters();
      }
    };
    await Promise.all([...Array.from({ length: STARTERS }, starter), ...Array.from({ length: lanes }, lane)]);
    // A page still being read when a hold stopped the pass: its renewal must not follow the release.
    await reading;
    await Promise.all(recording);
    // Begun but not sent: the push was held or stopped (an abandoned run leaves them, as a crash would).
    if (!abandoned) await unbegin(push, ready.splice(0));
    if (readFailure !== null) throw readFailure;
    return hold;
  }

  /**
   * The next page of deliveries due now, in id order after `after` (null: from the first), once the lease
   * is renewed and outside the quiet hours; null when the lease is lost or the push stopped sending.
   */
  async function nextPage(push: Claimed, after: number | null): Promise<Delivery[] | Hold | null> {
    if (!(await renew(push.id))) return null;
    const quiet = push.urgent ? null : quietUntil(clock.now(), settings.quietHours);
    if (quiet) return { until: quiet, reason: 'quiet_hours' };
    const rows = await queryRows<Delivery>(
      db,
      sql`select id, subscriber_id, channel, openid, attempts from push_deliveries
          where push_id = ${push.id} and status = 'pending' and id > ${after ?? 0} and (next_attempt_at is null or next_attempt_at <= ${iso(clock.now())}::timestamptz)
          order by id limit ${settings.pageSize}`,
    );
    return rows.map((d) => ({ ...d, id: Number(d.id), subscriber_id: Number(d.subscriber_id) }));
  }

  async function work(push: Claimed): Promise<void> {
    await recover(push.id);
    if (!(await expand(push))) return;
    for (;;) {
      const first = await nextPage(push, null);
      if (first === null) return;
      if (!Array.isArray(first)) return release(push.id, first);
      if (first.length === 0) {
        const [waiting] = await queryRows<{ next: Date | string | null; n: string | number }>(
          db,
          sql`select min(next_attempt_at) as next, count(*) as n from push_deliveries where push_id = ${push.id} and status in ('pending', 'sending')`,
        );
        if (Number(waiting?.n ?? 0) === 0) {
          await pushes.workerTransition(push.id, ['sending'], 'completed');
          return release(push.id, null);
        }
        return release(push.id, { until: new Date(waiting!.next ?? clock.now()), reason: 'retry' });
      }
      const hold = await sendPass(push, first);
      if (abandoned) return;
      if (hold) {
        log.info({ push: push.id, reason: hold.reason, until: hold.until }, 'push sending held');
        return release(push.id, hold);
      }
    }
  }

  async function runAll(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (abandoned) return;
        const push = await claim();
        if (!push) break;
        try {
          await work(push);
        } catch (err) {
          log.error({ err, push: push.id }, 'push sending failed; the lease will expire and another run resumes it');
          return;
        }
      }
    } while (again && !abandoned);
  }

  return {
    /** Sends every due push, one after another; a call while a run is going joins it (and runs it again). */
    runDue(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = runAll().finally(() => {
        running = null;
      });
      return running;
    },
    /** Starts a run in the background (after an approval for "now"). */
    kick(): void {
      this.runDue().catch((err: unknown) => log.error({ err }, 'push run failed'));
    },
    /** Resolves when no run is going. */
    async idle(): Promise<void> {
      while (running) await running.catch(() => undefined);
    },
    /**
     * Stops at once, leaving sends in flight unresolved and the lease held, as a killed process would:
     * for crash drills. Another instance takes over when the lease runs out.
     */
    abandon(): void {
      abandoned = true;
    },
  };
}
