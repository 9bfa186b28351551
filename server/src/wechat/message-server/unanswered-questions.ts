import Router from '@koa/router';
import { and, asc, desc, gte, sql } from 'drizzle-orm';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { IsoDate, IsoDateTime, MAX_PAGE_SIZE } from '@zj/shared';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { ValidationError } from '../../errors';
import type { AppState } from '../../http/state';
import { parseOrThrow, queryOf } from '../../http/validate';
import { loggableError, maskOpenId } from '../../logger';
import { unansweredQuestions } from './tables';

/**
 * Questions the chat could not answer (the fallback went out), counted per normalised text for editors.
 * Recording never holds up a reply: `record` only notes the question in memory, and the notes go to the
 * database shortly after, many questions in one upsert.
 */

const MAX_QUESTION_CHARS = 100;

/** One form per question: full-width forms folded, case ignored, punctuation and runs of spaces made one space. */
export function normaliseQuestion(text: string): string {
  const q = text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
  return [...q].slice(0, MAX_QUESTION_CHARS).join('').trim();
}

interface Pending {
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  askerSample: string;
}

export const UnansweredQuestion = z.object({
  question: z.string(),
  count: z.number().int(),
  firstSeenAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  askerSample: z.string().describe('masked openid of the latest asker'),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestion>;

export const UnansweredQuestionsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    cursor: z.string().min(1).max(200).optional(),
    since: z.union([IsoDateTime, IsoDate]).optional().describe('only questions asked again at or after this instant (a date: from its start, Beijing time)'),
  })
  .strict();
export type UnansweredQuestionsQuery = z.infer<typeof UnansweredQuestionsQuery>;

export interface UnansweredQuestionsPage {
  items: UnansweredQuestion[];
  nextCursor: string | null;
}

const Cursor = z.object({ o: z.number().int().min(0).max(100_000) });

function decodeCursor(cursor: string): number {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).o;
  } catch {
    throw new ValidationError('分页游标无效，请从第一页重新加载', [{ path: ['cursor'], message: 'invalid cursor' }]);
  }
}

export interface UnansweredQuestionsOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** How long notes wait for company before they are written. Default 500 ms. */
  flushDelayMs?: number;
  /** Distinct questions noted before a write starts at once. Default 200. */
  maxPending?: number;
}

export type UnansweredQuestions = ReturnType<typeof createUnansweredQuestions>;

export function createUnansweredQuestions(options: UnansweredQuestionsOptions) {
  const { db, clock, logger } = options;
  const flushDelayMs = options.flushDelayMs ?? 500;
  const maxPending = options.maxPending ?? 200;
  let pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | null = null;
  const writing = new Set<Promise<void>>();

  async function write(batch: Map<string, Pending>): Promise<void> {
    const t = unansweredQuestions;
    // One row per question in the statement: ON CONFLICT cannot touch a row twice.
    const rows = [...batch].map(([question, p]) => ({ question, ...p }));
    try {
      await db
        .insert(t)
        .values(rows)
        .onConflictDoUpdate({
          target: t.question,
          set: {
            count: sql`${t.count} + excluded.count`,
            firstSeenAt: sql`least(${t.firstSeenAt}, excluded.first_seen_at)`,
            lastSeenAt: sql`greatest(${t.lastSeenAt}, excluded.last_seen_at)`,
            askerSample: sql`excluded.asker_sample`,
          },
        });
    } catch (err) {
      // Only the tally is lost; the residents got their answers.
      logger.warn({ err: loggableError(err), questions: rows.length }, 'unanswered questions could not be recorded');
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return Promise.resolve();
    const batch = pending;
    pending = new Map();
    const done = write(batch).finally(() => writing.delete(done));
    writing.add(done);
    return done;
  }

  return {
    /** Notes a question the chat had no answer for; returns at once. */
    record(text: string, openid: string): void {
      const question = normaliseQuestion(text);
      if (question === '') return;
      const now = clock.now();
      const seen = pending.get(question);
      if (seen) {
        seen.count++;
        seen.lastSeenAt = now;
        seen.askerSample = maskOpenId(openid);
      } else {
        pending.set(question, { count: 1, firstSeenAt: now, lastSeenAt: now, askerSample: maskOpenId(openid) });
      }
      if (pending.size >= maxPending) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushDelayMs);
        timer.unref();
      }
    },

    /** Writes what is noted and waits for writes under way (tests, orderly shutdown). */
    async settle(): Promise<void> {
      await flush();
      while (writing.size > 0) await Promise.allSettled([...writing]);
    },

    /** The most frequent questions first; `since` keeps those asked again since then. */
    async list(query: UnansweredQuestionsQuery): Promise<UnansweredQuestionsPage> {
      const t = unansweredQuestions;
      const offset = query.cursor ? decodeCursor(query.cursor) : 0;
      const since = query.since === undefined ? undefined : new Date(query.since.length === 10 ? `${query.since}T00:00:00+08:00` : query.since);
      const rows = await db
        .select()
        .from(t)
        .where(and(since ? gte(t.lastSeenAt, since) : undefined))
        .orderBy(desc(t.count), desc(t.lastSeenAt), asc(t.question))
        .limit(query.limit + 1)
        .offset(offset);
      return {
        items: rows.slice(0, query.limit).map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString() })),
        nextCursor: rows.length > query.limit ? Buffer.from(JSON.stringify({ o: offset + query.limit })).toString('base64url') : null,
      };
    },
  };
}

/**
 * GET /admin/api/unanswered-questions behind `guard` (the editors' session and role check, passed in by
 * the composition root).
 */
export function unansweredQuestionsRoutes(service: Pick<UnansweredQuestions, 'list'>, guard: Middleware<AppState>): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/admin/api/unanswered-questions' });
  router.get('/', guard, async (ctx) => {
    ctx.state.route = '/admin/api/unanswered-questions';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await service.list(parseOrThrow(UnansweredQuestionsQuery, queryOf(ctx)));
  });
  return router;
}
