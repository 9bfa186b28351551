import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { preparedRows, type Database } from '../db/database';
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

function toFollower(row: typeof sandboxFollowers.$inferSelect): SandboxFollower {
  return { openid: row.openid, followedAt: row.followedAt.toISOString(), blocked: row.blocked, lastInteractionAt: row.lastInteractionAt.toISOString() };
}

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

/** A message as one record of the jsonb array the insert statements read with jsonb_to_recordset. */
function messageRecord(m: NewMessage) {
  return {
    at: m.at,
    kind: m.kind,
    app_id: m.appId,
    touser: m.touser,
    msgid: m.msgid,
    template_id: m.templateId,
    data: m.data,
    url: m.url ?? null,
    miniprogram: m.miniprogram ?? null,
    page: m.page ?? null,
    miniprogram_state: m.miniprogramState ?? null,
    client_msg_id: m.clientMsgId ?? null,
    content: m.content ?? null,
  };
}
const MESSAGE_COLUMNS = sql.raw('at, kind, app_id, touser, msgid, template_id, data, url, miniprogram, page, miniprogram_state, client_msg_id, content');
const MESSAGE_RECORD = sql.raw(
  'm(i int, at timestamptz, kind text, app_id text, touser text, msgid text, template_id text, data jsonb, url text, miniprogram jsonb, page text, miniprogram_state text, client_msg_id text, content text)',
);

export type SandboxRepository = ReturnType<typeof createSandboxRepository>;

export function createSandboxRepository(db: Database) {
  return {
    async follower(openid: string): Promise<SandboxFollower | null> {
      const [row] = await db.select().from(sandboxFollowers).where(eq(sandboxFollowers.openid, openid));
      return row ? toFollower(row) : null;
    },
    async followersAmong(openids: readonly string[]): Promise<SandboxFollower[]> {
      const rows = await db.select().from(sandboxFollowers).where(inArray(sandboxFollowers.openid, [...openids]));
      return rows.map(toFollower);
    },
    async followers(): Promise<SandboxFollower[]> {
      const rows = await db.select().from(sandboxFollowers).orderBy(asc(sandboxFollowers.followedAt), asc(sandboxFollowers.openid));
      return rows.map(toFollower);
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

    /**
     * Spends one subscribe credit per message and stores the messages that had one, many in one statement
     * (a push sends thousands a second); returns each message's msgid, or null when no credit was left.
     * Messages to the same openid and template take their credits one after another, in order.
     */
    async deliverSubscribes(messages: readonly (NewMessage & { msgid: string; templateId: string })[]): Promise<(string | null)[]> {
      const out: (string | null)[] = messages.map(() => null);
      // An UPDATE changes a row once, so a round takes each openid and template at most once.
      let left = messages.map((m, i) => ({ m, i }));
      while (left.length > 0) {
        const seen = new Set<string>();
        const round = left.filter(({ m }) => {
          const key = JSON.stringify([m.touser, m.templateId]);
          return seen.has(key) ? false : (seen.add(key), true);
        });
        left = left.filter((x) => !round.includes(x));
        const rows = round.map(({ m, i }) => ({ i, ...messageRecord(m) }));
        const stored = await preparedRows<{ i: number }>(
          db,
          'sandbox_deliver_subscribes',
          sql`with m as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ${MESSAGE_RECORD}),
              spent as (
                update sandbox_subscribe_credits c set remaining = c.remaining - 1
                from m where c.openid = m.touser and c.template_id = m.template_id and c.remaining > 0
                returning m.i
              ), stored as (
                insert into sandbox_messages (${MESSAGE_COLUMNS}) select ${MESSAGE_COLUMNS} from m where m.i in (select i from spent)
              )
              select i from spent`,
        );
        for (const { i } of stored) out[i] = messages[i]!.msgid;
      }
      return out;
    },

    /**
     * Stores template messages to followers, many in one statement (thousands a second when a push goes
     * out), and says which followers blocked the account's messages (their job reports the block). A
     * message to someone who does not follow stores nothing. A message whose `clientMsgId` was used for the
     * openid after `reusableBefore` gets the earlier msgid and stores nothing (a repeat); a repeat within
     * the batch is answered like a retry of the first.
     */
    async deliverTemplates(
      items: readonly { message: NewMessage & { msgid: string }; reusableBefore: Date }[],
    ): Promise<{ outcome: 'stored' | 'repeat' | 'not_follower'; msgid: string; blocked: boolean }[]> {
      if (items.length === 0) return [];
      const rows = items.map(({ message }, i) => ({ i, ...messageRecord(message) }));
      // One reuse bound for the batch: its messages arrived within milliseconds of each other.
      const reusableBefore = items[0]!.reusableBefore.toISOString();
      const decided = await preparedRows<{ i: number; follower: boolean; blocked: boolean; store: boolean | null; msgid: string | null }>(
        db,
        'sandbox_deliver_templates',
        sql`with m as (select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as ${MESSAGE_RECORD}),
            f as (select openid, blocked from sandbox_followers where openid in (select touser from m)),
            mf as (select m.*, f.blocked from m join f on f.openid = m.touser),
            firsts as (
              select distinct on (touser, client_msg_id) i, touser, client_msg_id, msgid, at from mf
              where client_msg_id is not null order by touser, client_msg_id, i
            ), claimed as (
              insert into sandbox_client_msg_ids as c (openid, client_msg_id, msgid, at)
              select touser, client_msg_id, msgid, at from firsts
              on conflict (openid, client_msg_id) do update set msgid = excluded.msgid, at = excluded.at where c.at <= ${reusableBefore}::timestamptz
              returning c.openid, c.client_msg_id, c.msgid
            ), earlier as (
              select c.openid, c.client_msg_id, c.msgid from sandbox_client_msg_ids c join firsts f on c.openid = f.touser and c.client_msg_id = f.client_msg_id
            ), decided as (
              select mf.i, mf.blocked,
                     mf.client_msg_id is null or (f.i = mf.i and cl.openid is not null) as store,
                     case when mf.client_msg_id is null then mf.msgid when cl.openid is not null then cl.msgid else e.msgid end as msgid
              from mf left join firsts f on f.touser = mf.touser and f.client_msg_id = mf.client_msg_id
                      left join claimed cl on cl.openid = mf.touser and cl.client_msg_id = mf.client_msg_id
                      left join earlier e on e.openid = mf.touser and e.client_msg_id = mf.client_msg_id
            ), messages as (
              insert into sandbox_messages (${MESSAGE_COLUMNS}) select ${MESSAGE_COLUMNS} from m where m.i in (select i from decided where store)
            )
            select m.i, d.i is not null as follower, coalesce(d.blocked, false) as blocked, d.store, d.msgid
            from m left join decided d on d.i = m.i order by m.i`,
      );
      return decided.map((d) => ({
        outcome: !d.follower ? 'not_follower' : d.store ? 'stored' : 'repeat',
        msgid: d.msgid ?? '',
        blocked: d.blocked,
      }));
    },
    /**
     * TEMPLATESENDJOBFINISH reports once they were posted, with how our /wechat answered (an HTTP answer or
     * an error), many in one statement: one insert each, not an insert at the send and an update later.
     */
    async insertJobReports(reports: readonly { msgid: string; openid: string; status: string; outcome: { httpStatus: number; answer: string } | { error: string } }[]): Promise<void> {
      if (reports.length === 0) return;
      const rows = reports.map(({ msgid, openid, status, outcome }) => ({
        msgid,
        openid,
        status,
        ...('error' in outcome ? { http_status: null, answer: null, error: outcome.error } : { http_status: outcome.httpStatus, answer: outcome.answer, error: null }),
      }));
      await preparedRows(
        db,
        'sandbox_insert_job_reports',
        sql`insert into sandbox_job_reports (msgid, openid, status, http_status, answer, error)
            select msgid, openid, status, http_status, answer, error
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(msgid text, openid text, status text, http_status integer, answer text, error text)`,
      );
    },
    async insertMessage(message: NewMessage): Promise<void> {
      await db.execute(
        sql`insert into sandbox_messages (${MESSAGE_COLUMNS})
            select ${MESSAGE_COLUMNS} from jsonb_to_recordset(${JSON.stringify([messageRecord(message)])}::jsonb) as ${MESSAGE_RECORD}`,
      );
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
    /** What user/info knows of the residents among `openids` (a unionid when named); a stranger has no row. */
    async residentsAmong(openids: readonly string[]): Promise<{ openid: string; unionid: string | null }[]> {
      return db.select({ openid: sandboxResidents.openid, unionid: sandboxResidents.unionid }).from(sandboxResidents).where(inArray(sandboxResidents.openid, [...openids]));
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
