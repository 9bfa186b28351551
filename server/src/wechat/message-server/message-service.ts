import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { lazyChild, loggableError, maskOpenId } from '../../logger';
import { WechatApiError } from '../client/api-errors';
import { dedupeKey, normaliseInbound, summaryOf, type InboundMessage, type PushFields } from './inbound';
import { createBatcher } from '../../db/batcher';
import { createAnswerTexts, type AnswerText } from './answer-texts';
import {
  findConflicts,
  finishInbound,
  finishUnansweredInbound,
  insertInboundRows,
  markDeferred,
  reclaimAbandoned,
  type Delivery,
  type FinishedInbound,
  type InboundRow,
  type NewInbound,
} from './inbound-repository';
import type { Answer, Answerer } from './message-router';
import { ReplayedSignatureError, type ReplayGuard } from './push-codec';
import { textReply } from '../protocol/xml';

/** The passive answer that means "received, nothing to say" and stops WeChat's retries (§1.4). */
export const SUCCESS = 'success';

/**
 * Sends a text to a resident outside the HTTP response (客服消息, research/wechat.md §1.11): used when an
 * answer misses the passive-reply window. Works within 48 h of the resident's last message.
 */
export interface CustomerServiceSender {
  sendText(openid: string, text: string): Promise<void>;
}

export interface MessageServiceDeps {
  db: Database;
  clock: Clock;
  answer: Answerer;
  /**
   * Whether answering `m` has no side effects (reads published content only). Such a push is answered
   * first and recorded with its answer in one insert; others are claimed first, so their work runs once.
   * Default: none is pure.
   */
  isPure?: (m: InboundMessage) => Promise<boolean>;
  customerService: CustomerServiceSender;
  /**
   * How long after a push arrives the passive reply gives up (`success` goes back) and the answer, if any,
   * goes out by customer-service message. Covers every step, database calls included. WeChat waits 5 s;
   * 4 s leaves room for the network.
   */
  replyBudgetMs?: number;
  /** Late answers running at once; a push that misses its budget beyond this is recorded abandoned. Default 200. */
  lateAnswerLimit?: number;
  /** A late answer not sent by this age (from the push's arrival) is recorded abandoned instead. Default 60 s. */
  lateAnswerMaxAgeMs?: number;
}

export interface ReceiveOptions {
  /** Request logger (carries the requestId); receive adds `module: 'wechat'` and the push's bindings. */
  log: Logger;
  /** false for JSON-format pushes: passive replies are XML only, so the answer is recorded, not sent. */
  passive: boolean;
  /** Date.now() when the request arrived: the reply budget counts from here. Default: when receive is called. */
  arrivedAt?: number;
  /** The push's signature, when it must not come again with another body (push-codec.ts). */
  guard?: ReplayGuard | null;
}

export type MessageService = ReturnType<typeof createMessageService>;

type Outcome = { ok: true; answer: Answer } | { ok: false; error: unknown };

const TIMEOUT = Symbol('timeout');
const TAKEN_OVER = Symbol('taken over');
/** Past the reply budget plus this margin, an unanswered, undeferred claim is taken as abandoned. */
const ABANDONED_AFTER_MS = 4000;

/** One push being handled by this instance. */
interface Push {
  m: InboundMessage;
  key: string;
  opts: ReceiveOptions;
  log: Logger;
  arrivedAt: number;
  /** The clock's time of arrival, as recorded. */
  receivedAt: Date;
  guard: ReplayGuard | null;
  /** Resolves when the reply budget runs out; the push's one timer. */
  deadline: Promise<typeof TIMEOUT>;
  /** The budget ran out: `success` went back, and whatever follows is a late answer. */
  late: boolean;
  /** Late while too many late answers were running: it is recorded abandoned at its next step. */
  dropped: boolean;
}

/** The passive reply to `m`; rebuilt from the stored text and time for a retry, so the bytes match. */
function replyXml(m: InboundMessage, text: string, answeredAt: Date): string {
  return textReply({ to: m.openid, from: m.toUserName, content: text, now: answeredAt });
}

/**
 * Receives one authenticated push and answers it exactly once across retries and instances, within the
 * reply budget or else by customer-service message, and records what went out (wechat_inbound).
 *
 * - A push with side effects is claimed first (insert of a `processing` row), then answered, then finished.
 * - A pure push is answered first and recorded already answered, in one insert: the delivery whose insert
 *   wins sends its reply, any other replays the stored one, so a retry gets the identical reply.
 * - Inserts of concurrent pushes go to the database together (group commit, db/batcher.ts).
 * - Retries reaching this instance while the first delivery is still being handled share its reply.
 * - A signature that must stay single-use rides on the same insert (unique signature key): a repeat is a
 *   retry only with the same body, anything else is refused.
 * - The reply budget covers all of it: when it runs out, `success` goes back and the rest continues as a
 *   late answer, bounded in number and in age.
 */
export function createMessageService(deps: MessageServiceDeps) {
  const { db, clock } = deps;
  const budgetMs = deps.replyBudgetMs ?? 4000;
  const lateLimit = deps.lateAnswerLimit ?? 200;
  const lateMaxAgeMs = deps.lateAnswerMaxAgeMs ?? 60_000;
  /** Pushes still being handled after their budget ran out; `settle()` waits for them. */
  const pending = new Set<Promise<void>>();
  let lateRunning = 0;
  const inflight = new Map<string, Promise<string>>();
  /** Signature keys of pushes being handled here: their rows may not be stored yet. */
  const signaturesInFlight = new Map<string, { key: string; bodyHash: string }>();
  const answerTexts = createAnswerTexts({ now: () => clock.now().getTime() });
  const insert = createBatcher({
    maxBatch: 100,
    // Under load a batch waits for ~25 pushes (PGlite spends ~0.3 ms on every statement besides its rows);
    // a lone push waits at most 2 ms.
    linger: { minBatch: 25, maxWaitMs: 2 },
    run: async (rows: readonly NewInbound[]) => {
      const texts = answerTexts.toStore(rows.map((r) => r.answer));
      const inserted = await insertInboundRows(db, rows, texts, clock.now());
      answerTexts.stored(texts);
      return inserted;
    },
  });

  // Written out rather than spread from a shared base: spreads were a measurable cost per push on Node 20.
  function row(p: Push, r: FinishedInbound | { status: 'processing'; answer: null; delivery: Delivery | null; answeredAt: null }): NewInbound {
    const { m } = p;
    return {
      dedupeKey: p.key,
      openid: m.openid,
      msgType: m.msgType,
      event: m.type === 'event' ? m.event : null,
      summary: summaryOf(m),
      receivedAt: p.receivedAt,
      status: r.status,
      answer: r.answer,
      delivery: r.delivery,
      answeredAt: r.answeredAt,
      signatureKey: p.guard?.signatureKey ?? null,
      bodyHash: p.guard?.bodyHash ?? null,
    };
  }

  const claim = (p: Push, delivery: Delivery | null) => insert(row(p, { status: 'processing', answer: null, delivery, answeredAt: null }));

  // Pushes finished without a text (platform reports, thousands a second while a push goes out) are
  // recorded together, one statement for those finishing within 10 ms: only WeChat waits for them.
  const finishUnanswered = createBatcher<{ dedupeKey: string; outcome: FinishedInbound & { answer: null } }, void>({
    maxBatch: 200,
    linger: { minBatch: 200, maxWaitMs: 10 },
    run: async (rows) => {
      await finishUnansweredInbound(db, rows);
      return rows.map(() => undefined);
    },
  });

  async function finish(p: Push, outcome: FinishedInbound): Promise<void> {
    try {
      const { answer } = outcome;
      if (answer === null) await finishUnanswered({ dedupeKey: p.key, outcome: { ...outcome, answer } });
      else await finishInbound(db, p.key, outcome, clock.now());
    } catch (err) {
      // The resident still gets the answer; only the record is incomplete.
      p.log.error({ err: loggableError(err) }, 'could not record the answer of a push');
    }
  }

  async function deferred(p: Push): Promise<void> {
    try {
      await markDeferred(db, p.key);
    } catch (err) {
      p.log.error({ err: loggableError(err) }, 'could not mark a push as deferred');
    }
  }

  /** What a repeated delivery answers: the first delivery's passive reply, or `success` while it is still being handled. */
  function replay(p: Push, row: InboundRow | undefined): string {
    const passive = row?.status === 'answered' && row.delivery === 'passive' ? row : undefined;
    const reply = passive?.answerText && passive.answeredAt ? replyXml(p.m, passive.answerText, passive.answeredAt) : SUCCESS;
    p.log.info({ status: row?.status ?? 'unknown', replayed: reply !== SUCCESS }, 'repeated push: answered from the first delivery');
    return p.opts.passive ? reply : SUCCESS;
  }

  /**
   * After an insert that did not insert: refuses a signature that came before with another body; takes over
   * a claim whose holder died (WeChat retries for ~15 s, a retry may reach another instance); otherwise
   * the push is a retry and gets the first delivery's answer.
   */
  async function onConflict(p: Push): Promise<string | typeof TAKEN_OVER> {
    const { byKey, bySignature } = await findConflicts(db, p.key, p.guard?.signatureKey ?? null);
    if (p.guard && bySignature && (bySignature.dedupeKey !== p.key || bySignature.bodyHash !== p.guard.bodyHash)) {
      p.log.warn('push refused: its signature came before with another body');
      throw new ReplayedSignatureError();
    }
    const claimedBefore = new Date(p.receivedAt.getTime() - budgetMs - ABANDONED_AFTER_MS);
    const looksAbandoned = byKey?.status === 'processing' && byKey.delivery === null && byKey.receivedAt < claimedBefore;
    if (looksAbandoned && (await reclaimAbandoned(db, p.key, claimedBefore, p.receivedAt))) return TAKEN_OVER;
    return replay(p, byKey);
  }

  const answering = (p: Push): Promise<Outcome> =>
    deps.answer(p.m, { log: p.log }).then(
      (answer) => ({ ok: true, answer }),
      (error: unknown) => ({ ok: false, error }),
    );

  /** The record and HTTP answer of an outcome ready within the budget. */
  function inTime(p: Push, outcome: Outcome): { record: FinishedInbound; reply: string } {
    const now = clock.now();
    if (!outcome.ok) {
      p.log.error({ err: loggableError(outcome.error), when: p.late ? 'late' : 'in_time' }, 'answering a push failed; replied success');
      return { record: { status: 'failed', answer: null, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    }
    if (outcome.answer.kind === 'none') return { record: { status: 'answered', answer: null, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    const answer = answerTexts.of(outcome.answer.text);
    if (!p.opts.passive) return { record: { status: 'answered', answer, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    return { record: { status: 'answered', answer, delivery: 'passive', answeredAt: now }, reply: replyXml(p.m, answer.text, now) };
  }

  /** A late push past its age, or beyond the cap of late answers: recorded abandoned, nothing more is done. */
  async function abandoned(p: Push, answer: AnswerText | null): Promise<boolean> {
    const ageMs = Date.now() - p.arrivedAt;
    if (!p.dropped && ageMs <= lateMaxAgeMs) return false;
    p.log.warn({ ageMs, reason: p.dropped ? 'too_many_late_answers' : 'too_old' }, 'late answer abandoned');
    await finish(p, { status: 'abandoned', answer, delivery: 'none', answeredAt: clock.now() });
    return true;
  }

  /**
   * Delivers and records an answer that missed the budget (`success` went back already): a text goes out by
   * customer-service message; the record keeps the text for the console, `delivery` says how. A send that
   * may have arrived all the same is recorded `unknown`, and not sent again.
   */
  async function late(p: Push, work: Promise<Outcome>): Promise<string> {
    const outcome = await work;
    if (!outcome.ok || outcome.answer.kind === 'none' || !p.opts.passive) {
      await finish(p, inTime(p, outcome).record);
      return SUCCESS;
    }
    const answer = answerTexts.of(outcome.answer.text);
    if (await abandoned(p, answer)) return SUCCESS;
    const delivery: Delivery = 'customer_service';
    try {
      await deps.customerService.sendText(p.m.openid, answer.text);
      await finish(p, { status: 'answered', answer, delivery, answeredAt: clock.now() });
      p.log.info('late answer sent by customer-service message');
    } catch (err) {
      const unknown = err instanceof WechatApiError && err.deliveryUnknown;
      p.log.warn({ err: loggableError(err), deliveryUnknown: unknown }, 'late answer could not be sent by customer-service message');
      await finish(p, { status: unknown ? 'unknown' : 'failed', answer, delivery, answeredAt: clock.now() });
    }
    return SUCCESS;
  }

  /** Claims first, then answers: the work runs once across deliveries. */
  async function handleClaimed(p: Push): Promise<string> {
    if (!(await claim(p, null))) {
      const conflict = await onConflict(p);
      if (conflict !== TAKEN_OVER) return conflict;
    }
    if (p.late) {
      // The claim itself outlived the budget: the work is not started when it could not be sent anyway.
      if (await abandoned(p, null)) return SUCCESS;
      await deferred(p);
      return late(p, answering(p));
    }
    const work = answering(p);
    const first = await Promise.race([work, p.deadline]);
    if (first === TIMEOUT || p.late) {
      await deferred(p);
      return late(p, work);
    }
    const { record, reply } = inTime(p, first);
    await finish(p, record);
    // Recording outlived the budget: the passive reply is gone, the answer goes out late.
    return p.late ? late(p, Promise.resolve(first)) : reply;
  }

  /** Answers first, then records with the answer in one insert. */
  async function handlePure(p: Push): Promise<string> {
    const work = answering(p);
    const first = await Promise.race([work, p.deadline]);
    if (first !== TIMEOUT && !p.late) {
      const { record, reply } = inTime(p, first);
      if (!(await insert(row(p, record)))) {
        const conflict = await onConflict(p);
        if (conflict !== TAKEN_OVER) return conflict;
        await finish(p, record);
      }
      return p.late ? late(p, Promise.resolve(first)) : reply;
    }
    // Too slow for a passive reply: claim it as deferred, so that one delivery sends it by customer service.
    if (!(await claim(p, 'customer_service'))) {
      const conflict = await onConflict(p);
      if (conflict !== TAKEN_OVER) return conflict;
      await deferred(p);
    }
    return late(p, work);
  }

  async function handle(p: Push): Promise<string> {
    return deps.isPure && (await deps.isPure(p.m)) ? handlePure(p) : handleClaimed(p);
  }

  /** The budget ran out: from here on the push is a late answer, within the cap or else dropped. */
  function turnLate(p: Push, done: Promise<void>): void {
    p.late = true;
    pending.add(done);
    if (lateRunning >= lateLimit) {
      p.dropped = true;
      p.log.warn({ lateLimit }, 'reply budget ran out with too many late answers running; this one will be abandoned');
      return;
    }
    lateRunning++;
    p.log.warn({ budgetMs }, 'reply budget ran out; replied success, answering by customer-service message');
  }

  return {
    /** Returns the HTTP answer: `success` or a plaintext reply XML (the route encrypts it in safe mode). */
    async receive(fields: PushFields, opts: ReceiveOptions): Promise<string> {
      const arrivedAt = opts.arrivedAt ?? Date.now();
      const normalised = normaliseInbound(fields);
      if (!normalised.ok) {
        // Nothing is stored or done for it, so a signature reused on such a body gains nothing.
        opts.log.child({ module: 'wechat' }).warn({ openid: normalised.openid ? maskOpenId(normalised.openid) : null, problem: normalised.problem }, 'push ignored: header missing or invalid');
        return SUCCESS;
      }
      const m = normalised.message;
      const key = dedupeKey(m);
      const log = lazyChild(opts.log, () => ({ module: 'wechat', openid: maskOpenId(m.openid), msgType: m.msgType, ...(m.type === 'event' ? { event: m.event } : {}) }));
      const guard = opts.guard ?? null;

      if (guard) {
        const holder = signaturesInFlight.get(guard.signatureKey);
        if (holder && (holder.key !== key || holder.bodyHash !== guard.bodyHash)) {
          log.warn('push refused: its signature is being handled here with another body');
          throw new ReplayedSignatureError();
        }
      }
      const earlier = inflight.get(key);
      if (earlier) {
        log.info('repeated push while the first delivery is being handled here: same answer');
        const reply = await earlier;
        return opts.passive ? reply : SUCCESS;
      }

      let timer: NodeJS.Timeout | undefined;
      const p: Push = { m, key, opts, log, arrivedAt, receivedAt: clock.now(), guard, deadline: undefined as never, late: false, dropped: false };
      p.deadline = new Promise((resolve) => {
        timer = setTimeout(() => {
          turnLate(p, done);
          resolve(TIMEOUT);
        }, Math.max(0, budgetMs - (Date.now() - arrivedAt)));
      });
      const handled = handle(p);
      const done: Promise<void> = handled.then(
        () => undefined,
        (err: unknown) => {
          // In time, the route reports it; late, nobody else will.
          if (p.late) log.error({ err: loggableError(err) }, 'late answer failed');
        },
      );
      void done.finally(() => {
        clearTimeout(timer);
        inflight.delete(key);
        if (guard && signaturesInFlight.get(guard.signatureKey)?.key === key) signaturesInFlight.delete(guard.signatureKey);
        if (p.late) {
          pending.delete(done);
          if (!p.dropped) lateRunning--;
        }
      });
      // Until the late answer is out, too: a retry then gets `success` rather than a second answer.
      const reply = Promise.race([handled, p.deadline]).then((r) => (r === TIMEOUT ? SUCCESS : r));
      inflight.set(key, reply);
      if (guard) signaturesInFlight.set(guard.signatureKey, { key, bodyHash: guard.bodyHash });
      const answer = await reply;
      log.debug({ ms: Date.now() - arrivedAt, replied: answer === SUCCESS ? 'success' : 'text' }, 'push answered');
      return answer;
    },

    /** Resolves when every late answer has been sent or given up (tests, orderly shutdown). */
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
