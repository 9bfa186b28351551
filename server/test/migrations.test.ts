import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import { answerTextHash } from '../src/wechat/message-server/answer-texts';
import { textReply } from '../src/wechat/protocol/xml';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/** A copy of the migrations folder holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zj-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx < count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0002: answer texts stored once', () => {
  let db: TestDatabase;
  let oldFolder: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    oldFolder = firstMigrations(2);
    await db.migrate(oldFolder);
  });
  afterAll(async () => {
    await db.close();
    rmSync(oldFolder, { recursive: true, force: true });
  });

  it('when replies were recorded as whole XML, then their texts move to wechat_answer_texts and every row keeps its answer', async () => {
    const now = new Date('2026-11-20T02:00:00Z');
    const hotline = '12333人社服务热线\n工作日 9:00–17:00';
    const tricky = 'a ]]> b “引号” & <c>';
    const rows = [
      { key: 'msg:o1:1', reply: textReply({ to: 'o1', from: 'gh_x', content: hotline, now }), status: 'answered' },
      { key: 'msg:o2:2', reply: textReply({ to: 'o2', from: 'gh_x', content: hotline, now }), status: 'answered' },
      { key: 'msg:o3:3', reply: textReply({ to: 'o3', from: 'gh_x', content: tricky, now }), status: 'answered' },
      { key: 'evt:o4:4', reply: 'success', status: 'answered' },
      { key: 'msg:o5:5', reply: null, status: 'processing' },
    ];
    for (const r of rows) {
      await db.db.execute(
        sql`insert into wechat_inbound (dedupe_key, openid, msg_type, status, reply, received_at) values (${r.key}, 'o', 'text', ${r.status}, ${r.reply}, ${now.toISOString()}::timestamptz)`,
      );
    }

    await db.migrate();

    const migrated = await queryRows<{ dedupe_key: string; answer_hash: string | null; text: string | null }>(
      db.db,
      sql`select i.dedupe_key, i.answer_hash, a.text from wechat_inbound i left join wechat_answer_texts a on a.hash = i.answer_hash order by i.dedupe_key`,
    );
    expect(migrated).toEqual([
      { dedupe_key: 'evt:o4:4', answer_hash: null, text: null },
      { dedupe_key: 'msg:o1:1', answer_hash: answerTextHash(hotline), text: hotline },
      { dedupe_key: 'msg:o2:2', answer_hash: answerTextHash(hotline), text: hotline },
      { dedupe_key: 'msg:o3:3', answer_hash: answerTextHash(tricky), text: tricky },
      { dedupe_key: 'msg:o5:5', answer_hash: null, text: null },
    ]);
    const [texts] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int n from wechat_answer_texts`);
    expect(texts!.n).toBe(2);
    const columns = await queryRows<{ column_name: string }>(
      db.db,
      sql`select column_name from information_schema.columns where table_name = 'wechat_inbound' and column_name = 'reply'`,
    );
    expect(columns).toEqual([]);
  });
});
