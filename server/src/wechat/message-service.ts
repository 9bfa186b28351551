import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { loggableError, maskOpenId } from '../logger';
import { dedupeKey, normaliseInbound, summaryOf, type InboundMessage, type PushFields } from './inbound';
import { claimInbound, findInbound, finishInbound, markDeferred, reclaimAbandoned, type Delivery } from './inbound-repository';
import type { Answer, Answerer } from './message-router';
import { textReply } from './xml';

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
  customerService: CustomerServiceSender;
  /**
   * How long an answer may take before the passive reply gives up and the answer goes out by
   * customer-service message. WeChat waits 5 s; 4 s leaves room for the network.
   */
  replyBudgetMs?: number;
}

export interface ReceiveOptions {
  /** Request logger (carries the requestId). */
  log: Logger;
  /** false for JSON-format pushes: passive replies are XML only, so the answer is recorded, not sent. */
  passive: boolean;
}

export type MessageService = ReturnType<typeof createMessageService>;

type Outcome = { ok: true; answer: Answer } | { ok: false; error: unknown };

const TIMEOUT = Symbol('timeout');
/** Past the reply budget plus this margin, an unanswered, undeferred claim is taken as abandoned. */
const ABANDONED_AFTER_MS = 4000;

function replyXml(m: InboundMessage, answer: Extract<Answer, { kind: 'text' }>, now: Date): string {
  return textReply({ to: m.openid, from: m.toUserName, content: answer.text, now });
}

/**
 * Receives one authenticated push: claims it (so retries and other instances do the work once), answers
 * within the reply budget or hands the answer to the customer-service sender, and records what went out.
 */
export function createMessageService(deps: MessageServiceDeps) {
  const { db, clock } = deps;
  const budgetMs = deps.replyBudgetMs ?? 4000;
  const pending = new Set<Promise<void>>();

  async function finish(log: Logger, key: string, outcome: Parameters<typeof finishInbound>[2]): Promise<void> {
    try {
      await finishInbound(db, key, outcome);
    } catch (err) {
      // The resident still gets the answer; only the record is incomplete.
      log.error({ err: loggableError(err) }, 'could not record the answer of a push');
    }
  }

  /**
   * Records an outcome and delivers it: in time, a text goes back as the passive reply; late, it goes out
   * by customer-service message (the stored reply keeps the text for the console, `delivery` says how).
   * Returns the HTTP answer (irrelevant when late: `success` was sent already).
   */
  async function conclude(m: InboundMessage, key: string, outcome: Outcome, when: 'in_time' | 'late', opts: ReceiveOptions, log: Logger): Promise<string> {
    const now = clock.now();
    if (!outcome.ok) {
      log.error({ err: loggableError(outcome.error), when }, 'answering a push failed; replied success');
      await finish(log, key, { status: 'failed', reply: null, delivery: 'none', answeredAt: now });
      return SUCCESS;
    }
    if (outcome.answer.kind === 'none') {
      await finish(log, key, { status: 'answered', reply: SUCCESS, delivery: 'none', answeredAt: now });
      return SUCCESS;
    }
    const xml = replyXml(m, outcome.answer, now);
    if (!opts.passive) {
      await finish(log, key, { status: 'answered', reply: xml, delivery: 'none', answeredAt: now });
      return SUCCESS;
    }
    if (when === 'in_time') {
      await finish(log, key, { status: 'answered', reply: xml, delivery: 'passive', answeredAt: now });
      return xml;
    }
    const delivery: Delivery = 'customer_service';
    try {
      await deps.customerService.sendText(m.openid, outcome.answer.text);
      await finish(log, key, { status: 'answered', reply: xml, delivery, answeredAt: clock.now() });
      log.info('late answer sent by customer-service message');
    } catch (err) {
      log.warn({ err: loggableError(err) }, 'late answer could not be sent by customer-service message');
      await finish(log, key, { status: 'failed', reply: xml, delivery, answeredAt: clock.now() });
    }
    return SUCCESS;
  }

  return {
    /** Returns the HTTP answer: `success` or a plaintext reply XML (the route encrypts it in safe mode). */
    async receive(fields: PushFields, opts: ReceiveOptions): Promise<string> {
      const started = Date.now();
      const normalised = normaliseInbound(fields);
      if (!normalised.ok) {
        opts.log.warn({ openid: normalised.openid ? maskOpenId(normalised.openid) : null, problem: normalised.problem }, 'push ignored: header missing or invalid');
        return SUCCESS;
      }
      const m = normalised.message;
      const key = dedupeKey(m);
      const log = opts.log.child({ openid: maskOpenId(m.openid), msgType: m.msgType, ...(m.type === 'event' ? { event: m.event } : {}) });

      const receivedAt = clock.now();
      const claimed =
        (await claimInbound(db, {
          dedupeKey: key,
          openid: m.openid,
          msgType: m.msgType,
          event: m.type === 'event' ? m.event : null,
          summary: summaryOf(m),
          receivedAt,
        })) ||
        // WeChat retries for ~15 s: if the instance that claimed the first delivery died, a retry answers.
        (await reclaimAbandoned(db, key, new Date(receivedAt.getTime() - budgetMs - ABANDONED_AFTER_MS), receivedAt));
      if (!claimed) {
        const row = await findInbound(db, key);
        const replay = row?.status === 'answered' && row.delivery === 'passive' && row.reply ? row.reply : SUCCESS;
        log.info({ status: row?.status ?? 'unknown', replayed: replay !== SUCCESS }, 'repeated push: answered from the first delivery');
        return opts.passive ? replay : SUCCESS;
      }

      const work: Promise<Outcome> = deps.answer(m, { log }).then(
        (answer) => ({ ok: true, answer }),
        (error: unknown) => ({ ok: false, error }),
      );
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<typeof TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(TIMEOUT), Math.max(0, budgetMs - (Date.now() - started)));
      });
      const first = await Promise.race([work, deadline]);
      clearTimeout(timer);
      if (first !== TIMEOUT) {
        const reply = await conclude(m, key, first, 'in_time', opts, log);
        log.info({ ms: Date.now() - started, replied: reply === SUCCESS ? 'success' : 'text' }, 'push answered');
        return reply;
      }

      log.warn({ budgetMs }, 'answer not ready within the reply budget; replied success, answering by customer-service message');
      const later = markDeferred(db, key)
        .catch((err: unknown) => log.error({ err: loggableError(err) }, 'could not mark a push as deferred'))
        .then(async () => {
          await conclude(m, key, await work, 'late', opts, log);
        })
        .catch((err: unknown) => log.error({ err: loggableError(err) }, 'late answer failed'))
        .finally(() => pending.delete(later));
      pending.add(later);
      return SUCCESS;
    },

    /** Resolves when every late answer has been sent or given up (tests, orderly shutdown). */
    async settle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
