import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connect } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import type { SandboxMessage } from '../src/sandbox/types';
import type { ChatExchange, ChatResident, TimelineEntry } from '../src/sandbox/resident-chat';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './support/test-database';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * The sandbox keeps its platform state in the app's database, so what a test counts in it survives the
 * server: here the server stops without any sandbox shutdown and its database connection closes, as far
 * as a crash can be played in one process; a new server on the same database (a PGlite folder on disk, or
 * the PostgreSQL test database) carries on.
 */

const RESIDENT = 'oSandboxRestart0000000001';
const TEMPLATE = { touser: RESIDENT, templateId: 'TPL_subsidy_result', data: { thing1: '一次性创业补贴' }, clientMsgId: 'push-9-recipient-1' };

/** One database that outlives the servers, and a fresh connection to it per server. */
async function durableDatabase(): Promise<{ open(): Promise<TestDatabase>; drop(): Promise<void> }> {
  if (TEST_DATABASE_URL) {
    const owner = await createTestDatabase();
    return {
      open: async () => ({ ...(await connect({ databaseUrl: owner.url!, poolSize: 5 })), url: owner.url }),
      drop: () => owner.close(),
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zj-sandbox-restart-'));
  return {
    async open() {
      const conn = await connect({ dataDir });
      await conn.migrate();
      return { ...conn, url: null };
    },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function chat(t: TestSystem, body: Record<string, unknown>): Promise<ChatExchange> {
  const res = await t.post('/sandbox/_chat/send', { openid: RESIDENT, ...body });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatExchange;
}

const HOTLINE = { kind: 'click', key: 'MENU_HOTLINE', name: '12333热线' };

const getJson = async <T>(t: TestSystem, p: string): Promise<T> => (await (await t.get(p)).json()) as T;

describe('the sandbox across a restart of the server', () => {
  let database: Awaited<ReturnType<typeof durableDatabase>>;
  let connection: TestDatabase | null = null;
  let t: TestSystem | null = null;

  beforeAll(async () => {
    database = await durableDatabase();
  });
  afterAll(async () => {
    await t?.close();
    await connection?.close();
    await database.drop();
  });

  it('when the server stops after a chat and a template send, then a new one shows the same transcript, message and follower, and a retry is not delivered twice', async () => {
    connection = await database.open();
    t = await startTestSystem({ connection, seed: true });
    expect((await t.post('/sandbox/_chat/residents', { openid: RESIDENT })).status).toBe(201);
    expect((await chat(t, { kind: 'subscribe' })).reply?.content).toContain('感谢关注');
    expect((await chat(t, { kind: 'text', content: '最低工资' })).reply?.content).toContain('元/月');
    expect((await chat(t, HOTLINE)).reply?.content).toContain('12333');
    const sent = await t.system.wechat.oa.sendTemplate(TEMPLATE);
    const before = await getJson<{ entries: TimelineEntry[] }>(t, `/sandbox/_chat/timeline/${RESIDENT}`);

    // No sandbox.settled(): the server goes away with whatever the sandbox had in flight.
    await t.close();
    t = null;
    await connection.close();
    connection = await database.open();
    t = await startTestSystem({ connection, seed: true });

    const { residents } = await getJson<{ residents: ChatResident[] }>(t, '/sandbox/_chat/residents');
    expect(residents).toEqual([expect.objectContaining({ openid: RESIDENT, following: true })]);
    const after = await getJson<{ following: boolean; entries: TimelineEntry[] }>(t, `/sandbox/_chat/timeline/${RESIDENT}`);
    expect(after).toMatchObject({ following: true, entries: before.entries });
    expect(after.entries.map((e) => e.source)).toEqual(['resident', 'account', 'resident', 'account', 'resident', 'account', 'push']);
    const { messages } = await getJson<{ messages: SandboxMessage[] }>(t, '/sandbox/_inspect/messages');
    expect(messages).toEqual([expect.objectContaining({ kind: 'template', touser: RESIDENT, msgid: sent.msgid, clientMsgId: TEMPLATE.clientMsgId })]);
    expect((await t.system.sandbox!.followers()).map((f) => f.openid)).toEqual([RESIDENT]);

    // The token the client cached before the restart is still valid, and the client_msg_id still remembered.
    const retry = await t.system.wechat.oa.sendTemplate(TEMPLATE);
    expect(retry.msgid).toBe(sent.msgid);
    expect(await t.system.sandbox!.messages()).toHaveLength(1);
    expect(t.system.sandbox!.callsTo('stable_token')).toEqual([]);

    // The same click in the same clock second: a CreateTime of its own, so /wechat takes it for a new event, not a retry.
    expect((await chat(t, HOTLINE)).reply?.content).toContain('12333');
    const clicks = await queryRows<{ n: number }>(connection.db, sql`select count(*)::int as n from wechat_inbound where openid = ${RESIDENT} and event = 'CLICK'`);
    expect(clicks[0]!.n).toBe(2);
  }, 60_000);
});
