import { and, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditQuery } from '@zj/shared';
import type { Database } from '../db/database';
import { auditLog, editorSessions, editors, loginAttempts } from './tables';

export type EditorRow = typeof editors.$inferSelect;
export type SessionRow = typeof editorSessions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type Db = Database | Tx;

export async function insertEditor(db: Db, row: typeof editors.$inferInsert): Promise<EditorRow | undefined> {
  const [inserted] = await db.insert(editors).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findEditor(db: Db, id: number): Promise<EditorRow | undefined> {
  const [row] = await db.select().from(editors).where(eq(editors.id, id));
  return row;
}

export async function findEditorByName(db: Db, name: string): Promise<EditorRow | undefined> {
  const [row] = await db.select().from(editors).where(sql`lower(${editors.name}) = ${name.toLowerCase()}`);
  return row;
}

export function listEditors(db: Db): Promise<EditorRow[]> {
  return db.select().from(editors).orderBy(editors.id);
}

export async function updateEditor(db: Db, id: number, set: Partial<typeof editors.$inferInsert>): Promise<EditorRow | undefined> {
  const [row] = await db.update(editors).set(set).where(eq(editors.id, id)).returning();
  return row;
}

export async function insertSession(db: Db, row: typeof editorSessions.$inferInsert): Promise<void> {
  await db.insert(editorSessions).values(row);
}

export async function findSession(db: Db, idHash: string): Promise<{ session: SessionRow; editor: EditorRow } | undefined> {
  const [row] = await db
    .select({ session: editorSessions, editor: editors })
    .from(editorSessions)
    .innerJoin(editors, eq(editors.id, editorSessions.editorId))
    .where(eq(editorSessions.idHash, idHash));
  return row;
}

export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.update(editorSessions).set({ lastSeenAt: at }).where(eq(editorSessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(editorSessions).where(eq(editorSessions.idHash, idHash));
}

export async function deleteSessionsOf(db: Db, editorId: number): Promise<number> {
  const rows = await db.delete(editorSessions).where(eq(editorSessions.editorId, editorId)).returning({ id: editorSessions.idHash });
  return rows.length;
}

export async function deleteExpiredSessions(db: Db, now: Date, idleBefore: Date): Promise<void> {
  await db.delete(editorSessions).where(sql`${editorSessions.expiresAt} <= ${now} or ${editorSessions.lastSeenAt} < ${idleBefore}`);
}

export async function recordLoginAttempt(db: Db, row: typeof loginAttempts.$inferInsert): Promise<void> {
  await db.insert(loginAttempts).values(row);
}

/**
 * Failed attempts since `since` that count against a name or an IP: for a name, only those after its
 * last successful login. Oldest first.
 */
export async function recentFailures(db: Db, by: { name: string } | { ip: string }, since: Date): Promise<Date[]> {
  const a = loginAttempts;
  const who = 'name' in by ? eq(a.name, by.name) : eq(a.ip, by.ip);
  const afterSuccess: SQL | undefined =
    'name' in by
      ? sql`${a.at} > coalesce((select max(s.at) from ${a} s where s.name = ${by.name} and s.succeeded), '-infinity'::timestamptz)`
      : undefined;
  const rows = await db
    .select({ at: a.at })
    .from(a)
    .where(and(who, eq(a.succeeded, false), gt(a.at, since), afterSuccess))
    .orderBy(a.at);
  return rows.map((r) => r.at);
}

export async function deleteLoginAttemptsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

export async function insertAudit(db: Db, row: typeof auditLog.$inferInsert): Promise<AuditRow> {
  const [inserted] = await db.insert(auditLog).values(row).returning();
  return inserted!;
}

/** Newest first, keyset-paged by id. */
export function searchAudit(db: Db, q: AuditQuery): Promise<AuditRow[]> {
  const l = auditLog;
  return db
    .select()
    .from(l)
    .where(
      and(
        q.editorId !== undefined ? eq(l.editorId, q.editorId) : undefined,
        q.action !== undefined ? eq(l.action, q.action) : undefined,
        q.targetType !== undefined ? eq(l.targetType, q.targetType) : undefined,
        q.targetId !== undefined ? eq(l.targetId, q.targetId) : undefined,
        q.before !== undefined ? lt(l.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(l.id))
    .limit(q.limit);
}
