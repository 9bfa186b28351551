import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { Menu } from '../wechat/client/menu';
import {
  sandboxChatEntries,
  sandboxClientMsgIds,
  sandboxFollowers,
  sandboxJobReports,
  sandboxMenus,
  sandboxMessages,
  sandboxQrCodes,
  sandboxResidents,
  sandboxSubscribeCredits,
  sandboxTokens,
} from './tables';
import type { SandboxFollower, SandboxJobReport, SandboxMessage, SandboxQrCode } from './types';

/** The sandbox's tables (Drizzle only): plain objects in and out, timestamps as ISO strings. */

export type NewMessage = Omit<SandboxMessage, 'seq'>;
export interface StoredEntry {
  seq: number;
  at: string;
  openid: string;
  source: string;
  payload: Record<string, unknown>;
}
export interface IssuedToken {
  token: string;
  appId: string;
  expiresAt: number;
  revoked: boolean;
}

type MessageRow = typeof sandboxMessages.$inferSelect;

function toMessage(row: MessageRow): SandboxMessage {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    kind: row.kind as SandboxMessage['kind'],
    appId: row.appId,
    touser: row.touser,
    msgid: row.msgid,
    templateId: row.templateId,
    data: row.data,
    ...(row.url !== null ? { url: row.url } : {}),
    ...(row.miniprogram !== null ? { miniprogram: row.miniprogram } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
    ...(row.miniprogramState !== null ? { miniprogramState: row.miniprogramState } : {}),
    ...(row.clientMsgId !== null ? { clientMsgId: row.clientMsgId } : {}),
    ...(row.content !== null ? { content: row.content } : {}),
  };
}

function messageValues(m: NewMessage): typeof sandboxMessages.$inferInsert {
  return {
    at: new Date(m.at),
    kind: m.kind,
    appId: m.appId,
    touser: m.touser,
    msgid: m.msgid,
    templateId: m.templateId,
    data: m.data,
    url: m.url ?? null,
    miniprogram: m.miniprogram ?? null,
    page: m.page ?? null,
    miniprogramState: m.miniprogramState ?? null,
    clientMsgId: m.clientMsgId ?? null,
    content: m.content ?? null,
  };
}

export type SandboxRepository = ReturnType<typeof createSandboxRepository>;

export function createSandboxRepository(db: Database) {
  return {
    async follower(openid: string): Promise<SandboxFollower | null> {
      const [row] = await db.select().from(sandboxFollowers).where(eq(sandboxFollowers.openid, openid));
      return row ? { openid: row.openid, followedAt: row.followedAt.toISOString(), blocked: row.blocked, lastInteractionAt: row.lastInteractionAt.toISOString() } : null;
    },
    async followers(): Promise<SandboxFollower[]> {
      const rows = await db.select().from(sandboxFollowers).orderBy(asc(sandboxFollowers.followedAt), asc(sandboxFollowers.openid));
      return rows.map((row) => ({ openid: row.openid, followedAt: row.followedAt.toISOString(), blocked: row.blocked, lastInteractionAt: row.lastInteractionAt.toISOString() }));
    },
    /** Follows (again): unblocked, the interaction window opened, the first following time kept. */
    async follow(openid: string, at: Date): Promise<void> {
      await db
        .insert(sandboxFollowers)
        .values({ openid, followedAt: at, blocked: false, lastInteractionAt: at })
        .onConflictDoUpdate({ target: sandboxFollowers.openid, set: { blocked: false, lastInteractionAt: at } });
    },
    async unfollow(openid: string): Promise<void> {
      await db.delete(sandboxFollowers).where(eq(sandboxFollowers.openid, openid));
    },
    /** False when `openid` does not follow. */
    async block(openid: string): Promise<boolean> {
      const rows = await db.update(sandboxFollowers).set({ blocked: true }).where(eq(sandboxFollowers.openid, openid)).returning({ openid: sandboxFollowers.openid });
      return rows.length > 0;
    },
    async touch(openid: string, at: Date): Promise<void> {
      await db.update(sandboxFollowers).set({ lastInteractionAt: at }).where(eq(sandboxFollowers.openid, openid));
    },

    async grantCredit(openid: string, templateId: string, count: number): Promise<void> {
      await db
        .insert(sandboxSubscribeCredits)
        .values({ openid, templateId, remaining: count })
        .onConflictDoUpdate({ target: [sandboxSubscribeCredits.openid, sandboxSubscribeCredits.templateId], set: { remaining: sql`${sandboxSubscribeCredits.remaining} + ${count}` } });
    },
    async credit(openid: string, templateId: string): Promise<number> {
      const [row] = await db
        .select({ remaining: sandboxSubscribeCredits.remaining })
        .from(sandboxSubscribeCredits)
        .where(and(eq(sandboxSubscribeCredits.openid, openid), eq(sandboxSubscribeCredits.templateId, templateId)));
      return row?.remaining ?? 0;
    },

    /** Spends one subscribe credit and stores the message in one transaction; null when no credit is left. */
    async deliverSubscribe(message: NewMessage & { templateId: string }): Promise<SandboxMessage | null> {
      return db.transaction(async (tx) => {
        const spent = await tx
          .update(sandboxSubscribeCredits)
          .set({ remaining: sql`${sandboxSubscribeCredits.remaining} - 1` })
          .where(and(eq(sandboxSubscribeCredits.openid, message.touser), eq(sandboxSubscribeCredits.templateId, message.templateId), gt(sandboxSubscribeCredits.remaining, 0)))
          .returning({ remaining: sandboxSubscribeCredits.remaining });
        if (spent.length === 0) return null;
        const [row] = await tx.insert(sandboxMessages).values(messageValues(message)).returning();
        return toMessage(row!);
      });
    },

    /**
     * Stores template messages and their job reports (with the status `jobStatus` gives, when there is a
     * callback to send), many in one transaction (thousands a second when a push goes out). A message whose
     * `clientMsgId` was used for the openid after `reusableBefore` gets the earlier msgid and stores
     * nothing; a repeat within the batch is answered like a retry of the first.
     */
    async deliverTemplates(
      items: readonly { message: NewMessage & { msgid: string }; reusableBefore: Date; jobStatus: (() => string) | null }[],
    ): Promise<{ msgid: string; jobStatus: string | null }[]> {
      return db.transaction(async (tx) => {
        const key = (m: NewMessage) => JSON.stringify([m.touser, m.clientMsgId]);
        const first = new Map<string, number>();
        const claims: (typeof sandboxClientMsgIds.$inferInsert)[] = [];
        items.forEach(({ message: m }, i) => {
          if (m.clientMsgId === undefined || first.has(key(m))) return;
          first.set(key(m), i);
          claims.push({ openid: m.touser, clientMsgId: m.clientMsgId, msgid: m.msgid, at: new Date(m.at) });
        });
        const claimed = new Set<string>();
        const earlier = new Map<string, string>();
        if (claims.length > 0) {
          // One reuse bound for the batch: its messages arrived within milliseconds of each other.
          const reusableBefore = items[0]!.reusableBefore;
          const rows = await tx
            .insert(sandboxClientMsgIds)
            .values(claims)
            .onConflictDoUpdate({
              target: [sandboxClientMsgIds.openid, sandboxClientMsgIds.clientMsgId],
              set: { msgid: sql`excluded.msgid`, at: sql`excluded.at` },
              where: lte(sandboxClientMsgIds.at, reusableBefore),
            })
            .returning({ openid: sandboxClientMsgIds.openid, clientMsgId: sandboxClientMsgIds.clientMsgId });
          for (const r of rows) claimed.add(JSON.stringify([r.openid, r.clientMsgId]));
          const refused = claims.filter((c) => !claimed.has(JSON.stringify([c.openid, c.clientMsgId])));
          if (refused.length > 0) {
            const found = await tx
              .select({ openid: sandboxClientMsgIds.openid, clientMsgId: sandboxClientMsgIds.clientMsgId, msgid: sandboxClientMsgIds.msgid })
              .from(sandboxClientMsgIds)
              .where(inArray(sql`(${sandboxClientMsgIds.openid}, ${sandboxClientMsgIds.clientMsgId})`, refused.map((c) => sql`(${c.openid}, ${c.clientMsgId})`)));
            for (const r of found) earlier.set(JSON.stringify([r.openid, r.clientMsgId]), r.msgid);
          }
        }
        const out = items.map(({ message: m, jobStatus }, i) => {
          if (m.clientMsgId !== undefined) {
            const k = key(m);
            const owner = first.get(k)!;
            if (owner !== i) return { msgid: claimed.has(k) ? items[owner]!.message.msgid : earlier.get(k)!, jobStatus: null, store: false };
            if (!claimed.has(k)) return { msgid: earlier.get(k)!, jobStatus: null, store: false };
          }
          return { msgid: m.msgid, jobStatus: jobStatus?.() ?? null, store: true };
        });
        const stored = items.filter((_, i) => out[i]!.store);
        if (stored.length > 0) await tx.insert(sandboxMessages).values(stored.map((it) => messageValues(it.message)));
        const reports = items.flatMap((it, i) => (out[i]!.store && out[i]!.jobStatus !== null ? [{ msgid: it.message.msgid, openid: it.message.touser, status: out[i]!.jobStatus! }] : []));
        if (reports.length > 0) await tx.insert(sandboxJobReports).values(reports);
        return out.map(({ msgid, jobStatus }) => ({ msgid, jobStatus }));
      });
    },
    /** The followers among `openids` (one statement for many lookups). */
    async followersAmong(openids: readonly string[]): Promise<Map<string, SandboxFollower>> {
      const rows = await db.select().from(sandboxFollowers).where(inArray(sandboxFollowers.openid, [...openids]));
      return new Map(rows.map((row) => [row.openid, { openid: row.openid, followedAt: row.followedAt.toISOString(), blocked: row.blocked, lastInteractionAt: row.lastInteractionAt.toISOString() }]));
    },
    /** How our /wechat answered TEMPLATESENDJOBFINISH callbacks (an HTTP answer or an error), many in one statement. */
    async recordJobAnswers(answers: readonly { msgid: string; outcome: { httpStatus: number; answer: string } | { error: string } }[]): Promise<void> {
      if (answers.length === 0) return;
      const values = answers.map(({ msgid, outcome }) =>
        'error' in outcome ? sql`(${msgid}, null::integer, null::text, ${outcome.error})` : sql`(${msgid}, ${outcome.httpStatus}::integer, ${outcome.answer}, null::text)`,
      );
      await db.execute(
        sql`update sandbox_job_reports r set http_status = coalesce(v.http_status, r.http_status), answer = coalesce(v.answer, r.answer), error = coalesce(v.error, r.error)
            from (values ${sql.join(values, sql`, `)}) as v(msgid, http_status, answer, error)
            where r.msgid = v.msgid`,
      );
    },
    async insertMessage(message: NewMessage): Promise<void> {
      await db.insert(sandboxMessages).values(messageValues(message));
    },
    async messages(touser?: string, afterSeq = 0): Promise<SandboxMessage[]> {
      const rows = await db
        .select()
        .from(sandboxMessages)
        .where(and(touser === undefined ? undefined : eq(sandboxMessages.touser, touser), gt(sandboxMessages.seq, afterSeq)))
        .orderBy(asc(sandboxMessages.seq));
      return rows.map(toMessage);
    },

    async jobReports(): Promise<SandboxJobReport[]> {
      const rows = await db.select().from(sandboxJobReports).orderBy(asc(sandboxJobReports.seq));
      return rows.map((r) => ({ msgid: r.msgid, openid: r.openid, status: r.status, httpStatus: r.httpStatus, answer: r.answer, ...(r.error !== null ? { error: r.error } : {}) }));
    },

    async setMenu(appId: string, menu: Menu): Promise<void> {
      await db.insert(sandboxMenus).values({ appId, menu }).onConflictDoUpdate({ target: sandboxMenus.appId, set: { menu } });
    },
    async menu(appId: string): Promise<Menu | null> {
      const [row] = await db.select({ menu: sandboxMenus.menu }).from(sandboxMenus).where(eq(sandboxMenus.appId, appId));
      return row ? (row.menu as Menu) : null;
    },

    async issueToken(token: string, appId: string, expiresAt: number): Promise<void> {
      await db.insert(sandboxTokens).values({ token, appId, expiresAt: new Date(expiresAt) });
    },
    async token(token: string): Promise<IssuedToken | null> {
      const [row] = await db.select().from(sandboxTokens).where(eq(sandboxTokens.token, token));
      return row ? { token: row.token, appId: row.appId, expiresAt: row.expiresAt.getTime(), revoked: row.revoked } : null;
    },
    /** The token issued last for the app, revoked or not. */
    async currentToken(appId: string): Promise<IssuedToken | null> {
      const [row] = await db.select().from(sandboxTokens).where(eq(sandboxTokens.appId, appId)).orderBy(desc(sandboxTokens.issuedSeq)).limit(1);
      return row ? { token: row.token, appId: row.appId, expiresAt: row.expiresAt.getTime(), revoked: row.revoked } : null;
    },
    async revokeTokens(filter: { token: string } | { appId: string } | 'all'): Promise<void> {
      const where = filter === 'all' ? undefined : 'token' in filter ? eq(sandboxTokens.token, filter.token) : eq(sandboxTokens.appId, filter.appId);
      await db.update(sandboxTokens).set({ revoked: true }).where(where);
    },

    async insertQrCode(qr: SandboxQrCode): Promise<void> {
      await db.insert(sandboxQrCodes).values({ ticket: qr.ticket, scene: qr.scene, permanent: qr.permanent, expiresAt: qr.expiresAt === null ? null : new Date(qr.expiresAt) });
    },
    async qrCodes(): Promise<SandboxQrCode[]> {
      const rows = await db.select().from(sandboxQrCodes).orderBy(asc(sandboxQrCodes.seq));
      return rows.map((r) => ({ ticket: r.ticket, scene: r.scene, permanent: r.permanent, expiresAt: r.expiresAt?.toISOString() ?? null }));
    },

    async registerResidents(openids: readonly { openid: string; since: Date }[]): Promise<void> {
      if (openids.length === 0) return;
      await db.insert(sandboxResidents).values(openids.map(({ openid, since }) => ({ openid, since }))).onConflictDoNothing();
    },
    /** A resident with a name: their unionid is the one their mini-program login gets, whatever they were before. */
    async registerNamedResident(openid: string, unionid: string, since: Date): Promise<void> {
      await db.insert(sandboxResidents).values({ openid, since, unionid }).onConflictDoUpdate({ target: sandboxResidents.openid, set: { unionid } });
    },
    /** What user/info knows of an openid: a resident's row (with a unionid when named), or undefined for a stranger. */
    async resident(openid: string): Promise<{ unionid: string | null } | undefined> {
      const [row] = await db.select({ unionid: sandboxResidents.unionid }).from(sandboxResidents).where(eq(sandboxResidents.openid, openid));
      return row;
    },
    async residents(openids?: readonly string[]): Promise<{ openid: string; since: string }[]> {
      const rows = await db
        .select({ openid: sandboxResidents.openid, since: sandboxResidents.since })
        .from(sandboxResidents)
        .where(openids === undefined ? undefined : inArray(sandboxResidents.openid, [...openids]))
        .orderBy(asc(sandboxResidents.seq));
      return rows.map((r) => ({ openid: r.openid, since: r.since.toISOString() }));
    },
    /** The next CreateTime of the resident: `seconds`, or one more than the last one when that is not later. */
    async nextCreateTime(openid: string, seconds: number): Promise<number> {
      const [row] = await db
        .update(sandboxResidents)
        .set({ lastCreateTime: sql`greatest(${seconds}::bigint, ${sandboxResidents.lastCreateTime} + 1)` })
        .where(eq(sandboxResidents.openid, openid))
        .returning({ lastCreateTime: sandboxResidents.lastCreateTime });
      return row?.lastCreateTime ?? seconds;
    },

    async insertEntry(entry: Omit<StoredEntry, 'seq'>): Promise<StoredEntry> {
      const [row] = await db
        .insert(sandboxChatEntries)
        .values({ openid: entry.openid, at: new Date(entry.at), source: entry.source, payload: entry.payload })
        .returning({ seq: sandboxChatEntries.seq });
      return { ...entry, seq: row!.seq };
    },
    async entries(openid: string, afterSeq: number): Promise<StoredEntry[]> {
      const rows = await db
        .select()
        .from(sandboxChatEntries)
        .where(and(eq(sandboxChatEntries.openid, openid), gt(sandboxChatEntries.seq, afterSeq)))
        .orderBy(asc(sandboxChatEntries.seq));
      return rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), openid: r.openid, source: r.source, payload: r.payload }));
    },

    /** Forgets everything but the issued tokens (a test's `reset`). */
    async clear(): Promise<void> {
      await db.transaction(async (tx) => {
        for (const table of [sandboxChatEntries, sandboxResidents, sandboxFollowers, sandboxSubscribeCredits, sandboxMessages, sandboxClientMsgIds, sandboxJobReports, sandboxMenus, sandboxQrCodes]) {
          await tx.delete(table);
        }
      });
    },
  };
}
