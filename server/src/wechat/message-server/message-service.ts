import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { lazyChild, loggableError, maskOpenId } from '../../logger';
import { dedupeKey, normaliseInbound, summaryOf, type InboundMessage, type PushFields } from './inbound';
import { createBatcher } from '../../db/batcher';
import { createAnswerTexts } from './answer-texts';
import { findInbound, finishInbound, insertInboundRows, markDeferred, reclaimAbandoned, type Delivery, type FinishedInbound, type NewInbound } from './inbound-repository';
import type { Answer, Answerer } from './message-router';
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
   * How long an answer may take before the passive reply gives up and the answer goes out by
   * customer-service message. WeChat waits 5 s; 4 s leaves room for the network.
   */
  replyBudgetMs?: number;
}

export interface ReceiveOptions {
  /** Request logger (carries the requestId); receive adds `module: 'wechat'` and the push's bindings. */
  log: Logger;
  /** false for JSON-format pushes: passive replies are XML only, so the answer is recorded, not sent. */
  passive: boolean;
}

export type MessageService = ReturnType<typeof createMessageService>;

type Outcome = { ok: true; answer: Answer } | { ok: false; error: unknown };

const TIMEOUT = Symbol('timeout');
/** Past the reply budget plus this margin, an unanswered, undeferred claim is taken as abandoned. */
const ABANDONED_AFTER_MS = 4000;

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
 */
export function createMessageService(deps: MessageServiceDeps) {
  const { db, clock } = deps;
  const budgetMs = deps.replyBudgetMs ?? 4000;
  const pending = new Set<Promise<void>>();
  const inflight = new Map<string, Promise<string>>();
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

  async function finish(log: Logger, key: string, outcome: FinishedInbound): Promise<void> {
    try {
      await finishInbound(db, key, outcome, clock.now());
    } catch (err) {
      // The resident still gets the answer; only the record is incomplete.
      log.error({ err: loggableError(err) }, 'could not record the answer of a push');
    }
  }

  /** WeChat retries for ~15 s: if the instance that claimed the first delivery died, a retry takes over. */
  function takeOverAbandoned(key: string, receivedAt: Date): Promise<boolean> {
    return reclaimAbandoned(db, key, new Date(receivedAt.getTime() - budgetMs - ABANDONED_AFTER_MS), receivedAt);
  }

  /** What a repeated delivery answers: the first delivery's passive reply, or `success` while it is still being handled. */
  async function replay(m: InboundMessage, key: string, opts: ReceiveOptions, log: Logger): Promise<string> {
    const row = await findInbound(db, key);
    const passive = row?.status === 'answered' && row.delivery === 'passive' ? row : undefined;
    const reply = passive?.answerText && passive.answeredAt ? replyXml(m, passive.answerText, passive.answeredAt) : SUCCESS;
    log.info({ status: row?.status ?? 'unknown', replayed: reply !== SUCCESS }, 'repeated push: answered from the first delivery');
    return opts.passive ? reply : SUCCESS;
  }

  /** The record and HTTP answer of an outcome ready within the budget. */
  function inTime(m: InboundMessage, outcome: Outcome, opts: ReceiveOptions, log: Logger): { record: FinishedInbound; reply: string } {
    const now = clock.now();
    if (!outcome.ok) {
      log.error({ err: loggableError(outcome.error), when: 'in_time' }, 'answering a push failed; replied success');
      return { record: { status: 'failed', answer: null, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    }
    if (outcome.answer.kind === 'none') return { record: { status: 'answered', answer: null, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    const answer = answerTexts.of(outcome.answer.text);
    if (!opts.passive) return { record: { status: 'answered', answer, delivery: 'none', answeredAt: now }, reply: SUCCESS };
    return { record: { status: 'answered', answer, delivery: 'passive', answeredAt: now }, reply: replyXml(m, answer.text, now) };
  }

  /**
   * Delivers and records an answer that missed the budget (`success` went back already): a text goes out by
   * customer-service message; the record keeps the text for the console, `delivery` says how.
   */
  async function late(m: InboundMessage, key: string, work: Promise<Outcome>, opts: ReceiveOptions, log: Logger): Promise<void> {
    const outcome = await work;
    if (!outcome.ok || outcome.answer.kind === 'none' || !opts.passive) {
      if (!outcome.ok) log.error({ err: loggableError(outcome.error), when: 'late' }, 'answering a push failed; replied success');
      await finish(log, key, inTime(m, outcome, opts, log).record);
      return;
    }
    const answer = answerTexts.of(outcome.answer.text);
    const delivery: Delivery = 'customer_service';
    try {
      await deps.customerService.sendText(m.openid, answer.text);
      await finish(log, key, { status: 'answered', answer, delivery, answeredAt: clock.now() });
      log.info('late answer sent by customer-service message');
    } catch (err) {
      log.warn({ err: loggableError(err) }, 'late answer could not be sent by customer-service message');
      await finish(log, key, { status: 'failed', answer, delivery, answeredAt: clock.now() });
    }
  }

  /** The answer, or TIMEOUT when the reply budget (counted from `started`) runs out first. */
  async function withinBudget(work: Promise<Outcome>, started: number): Promise<Outcome | typeof TIMEOUT> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, budgetMs - (Date.now() - started)));
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Hands a late answer to the background, after `markDeferred` if the push is still to be marked; `settle()` waits for it. */
  function deferLate(m: InboundMessage, key: string, work: Promise<Outcome>, opts: ReceiveOptions, log: Logger, markDeferred?: () => Promise<void>): Promise<void> {
    log.warn({ budgetMs }, 'answer not ready within the reply budget; replied success, answering by customer-service message');
    const later = (markDeferred?.() ?? Promise.resolve())
      .catch((err: unknown) => log.error({ err: loggableError(err) }, 'could not mark a push as deferred'))
      .then(() => late(m, key, work, opts, log))
      .catch((err: unknown) => log.error({ err: loggableError(err) }, 'late answer failed'))
      .finally(() => pending.delete(later));
    pending.add(later);
    return later;
  }

  /** Handles a first (for this instance) delivery; `later` is the late answer, if the budget ran out. */
  async function handle(m: InboundMessage, key: string, opts: ReceiveOptions, log: Logger, started: number): Promise<{ reply: string; later?: Promise<void> }> {
    const receivedAt = clock.now();
    const event = m.type === 'event' ? m.event : null;
    const summary = summaryOf(m);
    // Written out rather than spread from a shared base: spreads were a measurable cost per push on Node 20.
    const row = (r: FinishedInbound | { status: 'processing'; answer: null; delivery: Delivery | null; answeredAt: null }): NewInbound => ({
      dedupeKey: key,
      openid: m.openid,
      msgType: m.msgType,
      event,
      summary,
      receivedAt,
      status: r.status,
      answer: r.answer,
      delivery: r.delivery,
      answeredAt: r.answeredAt,
    });
    const claim = (delivery: Delivery | null) => insert(row({ status: 'processing', answer: null, delivery, answeredAt: null }));
    const answering = (): Promise<Outcome> =>
      deps.answer(m, { log }).then(
        (answer) => ({ ok: true, answer }),
        (error: unknown) => ({ ok: false, error }),
      );

    if (deps.isPure && (await deps.isPure(m))) {
      const work = answering();
      const first = await withinBudget(work, started);
      if (first !== TIMEOUT) {
        const { record, reply } = inTime(m, first, opts, log);
        if (await insert(row(record))) return { reply };
        if (await takeOverAbandoned(key, receivedAt)) {
          await finish(log, key, record);
          return { reply };
        }
        return { reply: await replay(m, key, opts, log) };
      }
      // Too slow for a passive reply: claim it as deferred, so that one delivery sends it by customer service.
      const claimed = (await claim('customer_service')) || ((await takeOverAbandoned(key, receivedAt)) && (await markDeferred(db, key), true));
      if (!claimed) return { reply: await replay(m, key, opts, log) };
      return { reply: SUCCESS, later: deferLate(m, key, work, opts, log) };
    }

    if (!((await claim(null)) || (await takeOverAbandoned(key, receivedAt)))) return { reply: await replay(m, key, opts, log) };
    const work = answering();
    const first = await withinBudget(work, started);
    if (first !== TIMEOUT) {
      const { record, reply } = inTime(m, first, opts, log);
      await finish(log, key, record);
      return { reply };
    }
    return { reply: SUCCESS, later: deferLate(m, key, work, opts, log, () => markDeferred(db, key)) };
  }

  return {
    /** Returns the HTTP answer: `success` or a plaintext reply XML (the route encrypts it in safe mode). */
    async receive(fields: PushFields, opts: ReceiveOptions): Promise<string> {
      const started = Date.now();
      const normalised = normaliseInbound(fields);
      if (!normalised.ok) {
        opts.log.child({ module: 'wechat' }).warn({ openid: normalised.openid ? maskOpenId(normalised.openid) : null, problem: normalised.problem }, 'push ignored: header missing or invalid');
        return SUCCESS;
      }
      const m = normalised.message;
      const key = dedupeKey(m);
      const log = lazyChild(opts.log, () => ({ module: 'wechat', openid: maskOpenId(m.openid), msgType: m.msgType, ...(m.type === 'event' ? { event: m.event } : {}) }));

      const earlier = inflight.get(key);
      if (earlier) {
        log.info('repeated push while the first delivery is being handled here: same answer');
        const reply = await earlier;
        return opts.passive ? reply : SUCCESS;
      }
      const handled = handle(m, key, opts, log, started);
      const reply = handled.then((h) => h.reply);
      inflight.set(key, reply);
      // Until the late answer is out, too: a retry then gets `success` rather than a second answer.
      void handled
        .then((h) => h.later)
        .catch(() => undefined)
        .finally(() => inflight.delete(key));
      const answer = await reply;
      log.debug({ ms: Date.now() - started, replied: answer === SUCCESS ? 'success' : 'text' }, 'push answered');
      return answer;
    },

    /** Resolves when every late answer has been sent or given up (tests, orderly shutdown). */
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
