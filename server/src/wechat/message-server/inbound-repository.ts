import { and, eq, getTableColumns, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { preparedRows, queryRows, simpleQueryRows, textLiteral, timestampLiteral, type Database } from '../../db/database';
import type { AnswerText } from './answer-texts';
import { qrScans, wechatAnswerTexts, wechatInbound } from './tables';

/**
 * `unknown`: the customer-service send failed in a way that may still have delivered it (never resent);
 * `abandoned`: a late answer not sent, because it was too old or too many late answers were running.
 */
export type InboundStatus = 'processing' | 'answered' | 'failed' | 'unknown' | 'abandoned';
/** How the answer went out: in the HTTP response, by customer-service message, or not at all. */
export type Delivery = 'passive' | 'customer_service' | 'none';
export type InboundRow = typeof wechatInbound.$inferSelect & { answerText: string | null };

export interface NewInbound {
  dedupeKey: string;
  openid: string;
  msgType: string;
  event: string | null;
  summary: string | null;
  receivedAt: Date;
  status: InboundStatus;
  /** The text answered; null while processing or when nothing was answered. */
  answer: AnswerText | null;
  delivery: Delivery | null;
  answeredAt: Date | null;
  /** See wechatInbound.signatureKey; null when the body is authenticated by msg_signature. */
  signatureKey: string | null;
  bodyHash: string | null;
}

export interface FinishedInbound {
  status: Exclude<InboundStatus, 'processing'>;
  answer: AnswerText | null;
  delivery: Delivery;
  answeredAt: Date;
}

/**
 * Stores answer texts, or refreshes their stored_at: a CTE that goes ahead of the statement that refers to
 * them. Machine-built with literals, like the insert it precedes (see `insertInboundRows`).
 */
function storeTextsCte(texts: readonly AnswerText[], now: Date): string {
  const values = texts.map((t) => `(${textLiteral(t.hash)}, ${textLiteral(t.text)}, ${timestampLiteral(now)})`).join(', ');
  return `stored_texts as (
    insert into wechat_answer_texts (hash, text, stored_at) values ${values}
    on conflict (hash) do update set stored_at = excluded.stored_at
  )`;
}

/**
 * Inserts many pushes in one statement, each only if its dedupe key is new: a claim (`processing`) or an
 * answer recorded at once. Atomic per key, so of any number of deliveries (retries, several instances)
 * exactly one gets `true`. Returns, per row, whether it was inserted. `texts` are the answer texts to store
 * in the same statement (those the rows refer to and the database may not hold). A key twice in `rows` is
 * inserted for its first row only.
 *
 * This runs for every push, so it goes over the simple query protocol with inlined literals (one call
 * into PGlite instead of six).
 */
export async function insertInboundRows(db: Database, rows: readonly NewInbound[], texts: readonly AnswerText[], now: Date): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const values = rows
    .map(
      (r) =>
        `(${textLiteral(r.dedupeKey)}, ${textLiteral(r.openid)}, ${textLiteral(r.msgType)}, ${textLiteral(r.event)}, ${textLiteral(r.summary)}, ` +
        `${timestampLiteral(r.receivedAt)}, ${textLiteral(r.status)}, ${textLiteral(r.answer?.hash ?? null)}, ${textLiteral(r.delivery)}, ${timestampLiteral(r.answeredAt)}, ` +
        `${textLiteral(r.signatureKey)}, ${textLiteral(r.bodyHash)})`,
    )
    .join(', ');
  // No conflict target: a row is skipped on a known dedupe key and on a signature used before alike.
  const insert = `insert into wechat_inbound (dedupe_key, openid, msg_type, event, summary, received_at, status, answer_hash, delivery, answered_at, signature_key, body_hash)
    values ${values}
    on conflict do nothing
    returning dedupe_key, signature_key`;
  const inserted = await simpleQueryRows<{ dedupe_key: string; signature_key: string | null }>(db, texts.length === 0 ? insert : `with ${storeTextsCte(texts, now)} ${insert}`);
  const fresh = new Set(inserted.map((r) => insertedId(r.dedupe_key, r.signature_key)));
  // delete: a second row with the same key was not inserted, even though its key came back.
  return rows.map((r) => fresh.delete(insertedId(r.dedupeKey, r.signatureKey)));
}

/** Which of the rows was inserted: two rows of one batch may share a dedupe key and differ in signature. */
function insertedId(dedupeKey: string, signatureKey: string | null): string {
  return signatureKey === null ? dedupeKey : `${dedupeKey}\n${signatureKey}`;
}

/**
 * Takes over a claim whose holder died: still processing, never deferred (a live holder marks it deferred
 * when its reply budget runs out), and claimed before `claimedBefore`. Atomic, so one retry wins.
 */
export async function reclaimAbandoned(db: Database, dedupeKey: string, claimedBefore: Date, now: Date): Promise<boolean> {
  const taken = await db
    .update(wechatInbound)
    .set({ receivedAt: now })
    .where(
      and(
        eq(wechatInbound.dedupeKey, dedupeKey),
        eq(wechatInbound.status, 'processing' satisfies InboundStatus),
        isNull(wechatInbound.delivery),
        lt(wechatInbound.receivedAt, claimedBefore),
      ),
    )
    .returning({ key: wechatInbound.dedupeKey });
  return taken.length > 0;
}

/**
 * Why a push's insert was skipped: the record under its dedupe key (with the text it was answered with),
 * and the record that already holds its signature key, if any (the same row for a retry).
 */
export async function findConflicts(db: Database, dedupeKey: string, signatureKey: string | null): Promise<{ byKey?: InboundRow; bySignature?: InboundRow }> {
  const rows = await db
    .select({ ...getTableColumns(wechatInbound), answerText: wechatAnswerTexts.text })
    .from(wechatInbound)
    .leftJoin(wechatAnswerTexts, eq(wechatAnswerTexts.hash, wechatInbound.answerHash))
    .where(signatureKey === null ? eq(wechatInbound.dedupeKey, dedupeKey) : or(eq(wechatInbound.dedupeKey, dedupeKey), eq(wechatInbound.signatureKey, signatureKey)));
  return {
    byKey: rows.find((r) => r.dedupeKey === dedupeKey),
    bySignature: signatureKey === null ? undefined : rows.find((r) => r.signatureKey === signatureKey),
  };
}

/** The answer missed the passive window: it will go out by customer-service message. */
export async function markDeferred(db: Database, dedupeKey: string): Promise<void> {
  await db
    .update(wechatInbound)
    .set({ delivery: 'customer_service' satisfies Delivery })
    .where(eq(wechatInbound.dedupeKey, dedupeKey));
}

/** Records how a claimed push ended, with its answer text stored first. */
export async function finishInbound(db: Database, dedupeKey: string, outcome: FinishedInbound, now: Date): Promise<void> {
  const { answer } = outcome;
  if (answer) {
    await db
      .insert(wechatAnswerTexts)
      .values({ hash: answer.hash, text: answer.text, storedAt: now })
      .onConflictDoUpdate({ target: wechatAnswerTexts.hash, set: { storedAt: now } });
  }
  await db
    .update(wechatInbound)
    .set({ status: outcome.status, answerHash: answer?.hash ?? null, delivery: outcome.delivery, answeredAt: outcome.answeredAt })
    .where(eq(wechatInbound.dedupeKey, dedupeKey));
}

/**
 * `finishInbound` for many pushes answered without a text (platform reports such as TEMPLATESENDJOBFINISH,
 * thousands a second while a push goes out), in one statement.
 */
export async function finishUnansweredInbound(db: Database, rows: readonly { dedupeKey: string; outcome: FinishedInbound & { answer: null } }[]): Promise<void> {
  if (rows.length === 0) return;
  // One jsonb parameter, one statement text: prepared once, whatever the batch's size.
  const records = rows.map(({ dedupeKey, outcome }) => ({ dedupe_key: dedupeKey, status: outcome.status, delivery: outcome.delivery, answered_at: outcome.answeredAt }));
  await preparedRows(
    db,
    'inbound_finish_unanswered',
    sql`update wechat_inbound w set status = v.status, answer_hash = null, delivery = v.delivery, answered_at = v.answered_at
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(dedupe_key text, status text, delivery text, answered_at timestamptz)
        where w.dedupe_key = v.dedupe_key`,
  );
}

/** Whether this resident already got a passive answer to `event` since `since`. */
export async function answeredSince(db: Database, q: { openid: string; event: string; since: Date }): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(wechatInbound)
    .where(
      and(
        eq(wechatInbound.openid, q.openid),
        eq(wechatInbound.event, q.event),
        eq(wechatInbound.delivery, 'passive' satisfies Delivery),
        gte(wechatInbound.receivedAt, q.since),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function insertSendReports(
  db: Database,
  rows: ReadonlyArray<{ kind: 'template' | 'subscribe'; msgId: string; openid: string; templateId: string | null; status: string; ok: boolean; raw: unknown; receivedAt: Date }>,
): Promise<void> {
  if (rows.length === 0) return;
  // One jsonb parameter rather than Drizzle's eight per row: a push brings thousands of these a second.
  const records = rows.map((r) => ({ kind: r.kind, msg_id: r.msgId, openid: r.openid, template_id: r.templateId, status: r.status, ok: r.ok, raw: r.raw, received_at: r.receivedAt }));
  // A report WeChat delivers again (it retries a push it got no answer to) is already stored.
  await preparedRows(
    db,
    'send_reports_insert',
    sql`insert into send_reports (kind, msg_id, openid, template_id, status, ok, raw, received_at)
        select kind, msg_id, openid, template_id, status, ok, coalesce(raw, '{}'::jsonb), received_at
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          as r(kind text, msg_id text, openid text, template_id text, status text, ok boolean, raw jsonb, received_at timestamptz)
        on conflict (kind, msg_id) do nothing`,
  );
}

export async function insertQrScan(db: Database, row: { openid: string; scene: string; kind: 'subscribe' | 'scan'; scannedAt: Date }): Promise<void> {
  await db.insert(qrScans).values(row);
}

/**
 * Retention: deletes the record of pushes received before `before`, then the answer texts no remaining
 * push refers to and no instance stored since `before` (an instance in use of a text stores it again
 * hourly, see answer-texts.ts). Returns how many of each went.
 */
export async function deleteInboundBefore(db: Database, before: Date): Promise<{ pushes: number; texts: number }> {
  const cutoff = before.toISOString();
  const [pushes] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from wechat_inbound where received_at < ${cutoff}::timestamptz returning 1) select count(*)::int as n from gone`,
  );
  const [texts] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
      delete from wechat_answer_texts t
      where t.stored_at < ${cutoff}::timestamptz and not exists (select 1 from wechat_inbound i where i.answer_hash = t.hash)
      returning 1
    ) select count(*)::int as n from gone`,
  );
  return { pushes: Number(pushes?.n ?? 0), texts: Number(texts?.n ?? 0) };
}
