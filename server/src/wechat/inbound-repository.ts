import { and, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { qrScans, sendReports, wechatInbound } from './tables';

export type InboundStatus = 'processing' | 'answered' | 'failed';
/** How the answer went out: in the HTTP response, by customer-service message, or not at all. */
export type Delivery = 'passive' | 'customer_service' | 'none';
export type InboundRow = typeof wechatInbound.$inferSelect;

/**
 * Claims a push for this instance: one atomic INSERT … ON CONFLICT DO NOTHING RETURNING, so of any number
 * of deliveries (retries, several instances) exactly one gets `true` and does the work.
 */
export async function claimInbound(
  db: Database,
  row: { dedupeKey: string; openid: string; msgType: string; event: string | null; summary: string | null; receivedAt: Date },
): Promise<boolean> {
  const claimed = await db
    .insert(wechatInbound)
    .values({ ...row, status: 'processing' satisfies InboundStatus })
    .onConflictDoNothing({ target: wechatInbound.dedupeKey })
    .returning({ key: wechatInbound.dedupeKey });
  return claimed.length > 0;
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
