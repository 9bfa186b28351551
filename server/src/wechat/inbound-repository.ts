import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';
import { qrScans, sendReports, wechatInbound } from './tables';

export type InboundStatus = 'processing' | 'answered' | 'failed';
/** How the answer went out: in the HTTP response, by customer-service message, or not at all. */
export type Delivery = 'passive' | 'customer_service' | 'none';
export type InboundRow = typeof wechatInbound.$inferSelect;

export interface NewInbound {
  dedupeKey: string;
  openid: string;
  msgType: string;
  event: string | null;
  summary: string | null;
  receivedAt: Date;
  status: InboundStatus;
  reply: string | null;
  delivery: Delivery | null;
  answeredAt: Date | null;
}

/**
 * Inserts many pushes in one statement, each only if its dedupe key is new: a claim (`processing`) or an
 * answer recorded at once. Atomic per key, so of any number of deliveries (retries, several instances)
 * exactly one gets `true`. Returns, per row, whether it was inserted. Rows go as one JSON parameter, so the
 * statement text is the same for any batch size. A key twice in `rows` is inserted for its first row only.
 */
export async function insertInboundRows(db: Database, rows: readonly NewInbound[]): Promise<boolean[]> {
  const json = JSON.stringify(
    rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), answeredAt: r.answeredAt?.toISOString() ?? null })),
  );
  const inserted = await queryRows<{ dedupe_key: string }>(
    db,
    sql`insert into wechat_inbound (dedupe_key, openid, msg_type, event, summary, received_at, status, reply, delivery, answered_at)
        select "dedupeKey", openid, "msgType", event, summary, "receivedAt", status, reply, delivery, "answeredAt"
        from json_to_recordset(${json}::json) as r("dedupeKey" text, openid text, "msgType" text, event text, summary text,
          "receivedAt" timestamptz, status text, reply text, delivery text, "answeredAt" timestamptz)
        on conflict (dedupe_key) do nothing
        returning dedupe_key`,
  );
  const fresh = new Set(inserted.map((r) => r.dedupe_key));
  // delete: a second row with the same key was not inserted, even though its key came back.
  return rows.map((r) => fresh.delete(r.dedupeKey));
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

export async function findInbound(db: Database, dedupeKey: string): Promise<InboundRow | undefined> {
  const [row] = await db.select().from(wechatInbound).where(eq(wechatInbound.dedupeKey, dedupeKey));
  return row;
}

/** The answer missed the passive window: it will go out by customer-service message. */
export async function markDeferred(db: Database, dedupeKey: string): Promise<void> {
  await db
    .update(wechatInbound)
    .set({ delivery: 'customer_service' satisfies Delivery })
    .where(eq(wechatInbound.dedupeKey, dedupeKey));
}

export async function finishInbound(
  db: Database,
  dedupeKey: string,
  outcome: { status: Exclude<InboundStatus, 'processing'>; reply: string | null; delivery: Delivery; answeredAt: Date },
): Promise<void> {
  await db.update(wechatInbound).set(outcome).where(eq(wechatInbound.dedupeKey, dedupeKey));
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
  await db.insert(sendReports).values([...rows]);
}

export async function insertQrScan(db: Database, row: { openid: string; scene: string; kind: 'subscribe' | 'scan'; scannedAt: Date }): Promise<void> {
  await db.insert(qrScans).values(row);
}

export async function deleteInboundBefore(db: Database, before: Date): Promise<number> {
  const deleted = await db.delete(wechatInbound).where(lt(wechatInbound.receivedAt, before)).returning({ key: wechatInbound.dedupeKey });
  return deleted.length;
}
