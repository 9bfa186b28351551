import { sql } from 'drizzle-orm';
import pino from 'pino';
import { fixedClock } from '../src/clock';
import { connect } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import { type AppError } from '../src/errors';
import { createSystem } from '../src/system';
import { aNotice, aPolicy, anInterpretation, aSubsidy, publish } from './support/builders';
import { TEST_DATABASE_URL } from './support/test-database';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: AppError) => e.code);

describe('content writes', () => {
  it('when an item goes through review and publication, then each change is a version with who did it', async () => {
    const row = await publish(t.system.content, aNotice({ title: '关于开展就业援助月活动的通知' }), 'editor:wang');
    const versions = await t.system.content.versions(row.id);
    expect(versions.map((v) => [v.version, v.status, v.action, v.actor])).toEqual([
      [1, 'draft', 'create', 'editor:wang'],
      [2, 'in_review', 'status:in_review', 'editor:wang'],
      [3, 'approved', 'status:approved', 'test:reviewer'],
      [4, 'published', 'status:published', 'test:reviewer'],
    ]);
    expect(versions[3]!.snapshot).toMatchObject({ title: '关于开展就业援助月活动的通知', status: 'published' });
  });

  it('when an approved item is edited, then it goes back to draft and needs review again', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '初稿标题' }), 'editor:li');
    await t.system.content.changeStatus(created.id, 'in_review', { actor: 'editor:li' });
    const approved = await t.system.content.changeStatus(created.id, 'approved', { actor: 'reviewer:zhao' });
    const edited = await t.system.content.updateItem(created.id, aNotice({ title: '修改后的标题', slug: created.slug }), {
      actor: 'editor:li',
      expectedVersion: approved.version,
    });
    expect([edited.status, edited.title, edited.version]).toEqual(['draft', '修改后的标题', approved.version + 1]);
  });

  it('when two editors save the same version, then the second gets a conflict and nothing of theirs is stored', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '并发编辑' }), 'editor:a');
    await t.system.content.updateItem(created.id, aNotice({ title: '甲的修改', slug: created.slug }), { actor: 'editor:a', expectedVersion: 1 });
    const second = t.system.content.updateItem(created.id, aNotice({ title: '乙的修改', slug: created.slug }), { actor: 'editor:b', expectedVersion: 1 });
    expect(await codeOf(second)).toBe('version_conflict');
    expect((await t.system.content.versions(created.id)).map((v) => v.actor)).toEqual(['editor:a', 'editor:a']);
  });

  it.each([
    ['a draft cannot be published without review', 'draft', 'published'],
    ['a draft cannot be archived', 'draft', 'archived'],
  ] as const)('when %s, then the transition is refused', async (_what, _from, to) => {
    const created = await t.system.content.createItem(aNotice(), 'editor:a');
    expect(await codeOf(t.system.content.changeStatus(created.id, to, { actor: 'editor:a' }))).toBe('invalid_transition');
  });

  it('when input is invalid, then nothing at all is written', async () => {
    const count = async () => (await queryRows<{ n: string }>(t.connection.db, sql`select count(*) n from content_versions`))[0]!.n;
    const before = await count();
    expect(await codeOf(t.system.content.createItem({ ...aNotice(), title: '' }, 'x'))).toBe('invalid_request');
    expect(await codeOf(t.system.content.createItem(aSubsidy({ topics: ['no_such_topic'] }), 'x'))).toBe('unknown_topic');
    expect(await codeOf(t.system.content.createItem(anInterpretation('no-such-policy'), 'x'))).toBe('unknown_policy');
    const dup = aNotice();
    await t.system.content.createItem(dup, 'x');
    expect(await codeOf(t.system.content.createItem(dup, 'x'))).toBe('slug_taken');
    expect(Number(await count())).toBe(Number(before) + 1);
  });

  it('when a policy is published after its interpretation was drafted, then the due date is set at publication', async () => {
    t.clock.set('2026-02-13T10:00:00+08:00');
    const policy = aPolicy({ title: '春节前发布的政策' });
    const created = await t.system.content.createItem(policy, 'editor');
    await t.system.content.createItem(anInterpretation(policy.slug), 'editor');
    await t.system.content.changeStatus(created.id, 'in_review', { actor: 'editor' });
    await t.system.content.changeStatus(created.id, 'approved', { actor: 'reviewer' });
    await t.system.content.changeStatus(created.id, 'published', { actor: 'reviewer' });
    t.clock.set('2026-11-27T10:00:00+08:00');
    const late = await t.system.content.lateInterpretations();
    // 2/13 + 3 working days: 2/14 (makeup Saturday), then the 春节 holiday to 2/23, then 2/24 and 2/25.
    expect(late.find((l) => l.policyId === created.id)?.dueOn).toBe('2026-02-25');
  });
});

const withServer = TEST_DATABASE_URL ? describe : describe.skip;

withServer('two instances on one PostgreSQL database', () => {
  it("when one instance publishes, then the other's read cache is dropped on its next poll", async () => {
    const [{ name }] = (await queryRows<{ name: string }>(t.connection.db, sql`select current_database() as name`)) as [{ name: string }];
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = await connect({ databaseUrl: url.toString() });
    const b = createSystem({ db: other.db, clock: fixedClock('2026-11-27T10:00:00+08:00'), logger: pino({ level: 'silent' }) });
    try {
      await b.pollContentGeneration();
      await b.readCache.get('k', async () => 'cached');
      expect(b.readCache.size).toBe(1);
      await publish(t.system.content, aNotice({ title: '另一实例发布' }));
      await b.pollContentGeneration();
      expect(b.readCache.size).toBe(0);
    } finally {
      await other.close();
    }
  });
});
