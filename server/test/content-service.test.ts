import { sql } from 'drizzle-orm';
import pino from 'pino';
import { fixedClock } from '../src/clock';
import { connect } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import { type AppError } from '../src/errors';
import { createSystem } from '../src/system';
import { REVIEW_GATES } from '@zj/shared';
import { allGatesPass, aNotice, aPolicy, anInterpretation, aSubsidy, publish } from './support/builders';
import { aContentActor } from './support/editors';
import { TEST_DATABASE_URL } from './support/test-database';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: AppError) => e.code);

describe('content writes', () => {
  const a = () => t.actors.author;
  const r = () => t.actors.reviewer;

  it('when an item goes through review and publication, then each change is a version with the editor who made it and the gates', async () => {
    const row = await publish(t.system.content, aNotice({ title: '关于开展就业援助月活动的通知' }));
    const versions = await t.system.content.versions(row.id);
    expect(versions.map((v) => [v.version, v.status, v.action, v.actor, v.editorId])).toEqual([
      [1, 'draft', 'create', 'test-author', a().editorId],
      [2, 'in_review', 'status:in_review', 'test-author', a().editorId],
      [3, 'approved', 'status:approved', 'test-reviewer', r().editorId],
      [4, 'published', 'status:published', 'test-reviewer', r().editorId],
    ]);
    expect(versions[2]!.gates?.map((g) => [g.gate, g.pass])).toEqual(REVIEW_GATES.map((g) => [g, true]));
    expect(versions[3]!.snapshot).toMatchObject({ title: '关于开展就业援助月活动的通知', status: 'published' });
  });

  it('when an approved item is edited, then it goes back to draft and needs review again', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '初稿标题' }), a());
    await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    const approved = await t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: 2, gates: allGatesPass() });
    const edited = await t.system.content.updateItem(created.id, aNotice({ title: '修改后的标题', slug: created.slug }), { actor: a(), expectedVersion: approved.version });
    expect([edited.status, edited.title, edited.version]).toEqual(['draft', '修改后的标题', approved.version + 1]);
  });

  it('when an item in review is edited, then it goes back to draft, and the approval of the old version is refused', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '送审稿' }), a());
    const submitted = await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    const edited = await t.system.content.updateItem(created.id, aNotice({ title: '送审后又改了', slug: created.slug }), { actor: a(), expectedVersion: submitted.version });
    expect(edited.status).toBe('draft');
    const stale = t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: submitted.version, gates: allGatesPass() });
    expect(await codeOf(stale)).toBe('invalid_transition');
    expect((await t.system.content.versions(created.id)).map((v) => v.status)).toEqual(['draft', 'in_review', 'draft']);
  });

  it('when a reviewer approves a version older than the current one, then it is refused and nothing changes', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '审核版本' }), a());
    const submitted = await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    const approve = t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: submitted.version - 1, gates: allGatesPass() });
    expect(await codeOf(approve)).toBe('version_conflict');
    expect((await t.system.content.versions(created.id)).length).toBe(2);
  });

  it('when the author approves their own item, even as a reviewer, then it is refused', async () => {
    const reviewerAuthor = await aContentActor(t.connection.db, 'reviewer-who-writes', 'reviewer');
    const created = await t.system.content.createItem(aNotice({ title: '自己写的' }), reviewerAuthor);
    await t.system.content.changeStatus(created.id, 'in_review', { actor: reviewerAuthor, expectedVersion: 1 });
    const own = t.system.content.changeStatus(created.id, 'approved', { actor: reviewerAuthor, expectedVersion: 2, gates: allGatesPass() });
    expect(await codeOf(own)).toBe('forbidden');
    expect((await t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: 2, gates: allGatesPass() })).status).toBe('approved');
  });

  it('when an editor tries to approve, publish or archive, then it is refused', async () => {
    const other = await aContentActor(t.connection.db, 'another-editor', 'editor');
    const created = await t.system.content.createItem(aNotice({ title: '编辑不能审核' }), a());
    await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    expect(await codeOf(t.system.content.changeStatus(created.id, 'approved', { actor: other, expectedVersion: 2, gates: allGatesPass() }))).toBe('forbidden');
    expect(await codeOf(t.system.content.changeStatus(created.id, 'draft', { actor: other, expectedVersion: 2, note: '退回' }))).toBe('forbidden');
  });

  it('when a gate is missing or failed, then the approval is refused; a rejection stores its comment and verdicts', async () => {
    const created = await t.system.content.createItem(aNotice({ title: '五关' }), a());
    await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    const four = allGatesPass().slice(0, 4);
    expect(await codeOf(t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: 2, gates: four }))).toBe('invalid_request');
    const failed = allGatesPass().map((g) => (g.gate === 'secrecy' ? { ...g, pass: false, comment: '含内部电话' } : g));
    expect(await codeOf(t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: 2, gates: failed }))).toBe('gate_failed');
    expect(await codeOf(t.system.content.changeStatus(created.id, 'draft', { actor: r(), expectedVersion: 2 }))).toBe('invalid_request');
    const rejected = await t.system.content.changeStatus(created.id, 'draft', { actor: r(), expectedVersion: 2, note: '请删去内部电话', gates: failed });
    const last = (await t.system.content.versions(created.id)).at(-1)!;
    expect([rejected.status, last.action, last.note, last.gates?.find((g) => g.gate === 'secrecy')]).toEqual([
      'draft',
      'reject',
      '请删去内部电话',
      { gate: 'secrecy', pass: false, comment: '含内部电话' },
    ]);
  });

  it('when two editors save the same version, then the second gets a conflict and nothing of theirs is stored', async () => {
    const b = await aContentActor(t.connection.db, 'editor-b', 'editor');
    const created = await t.system.content.createItem(aNotice({ title: '并发编辑' }), a());
    await t.system.content.updateItem(created.id, aNotice({ title: '甲的修改', slug: created.slug }), { actor: a(), expectedVersion: 1 });
    const second = t.system.content.updateItem(created.id, aNotice({ title: '乙的修改', slug: created.slug }), { actor: b, expectedVersion: 1 });
    expect(await codeOf(second)).toBe('version_conflict');
    expect((await t.system.content.versions(created.id)).map((v) => v.actor)).toEqual(['test-author', 'test-author']);
  });

  it.each([
    ['a draft cannot be published without review', 'draft', 'published'],
    ['a draft cannot be archived', 'draft', 'archived'],
  ] as const)('when %s, then the transition is refused', async (_what, _from, to) => {
    const created = await t.system.content.createItem(aNotice(), a());
    expect(await codeOf(t.system.content.changeStatus(created.id, to, { actor: r(), expectedVersion: 1 }))).toBe('invalid_transition');
  });

  it('when input is invalid, then nothing at all is written', async () => {
    const count = async () => (await queryRows<{ n: string }>(t.connection.db, sql`select count(*) n from content_versions`))[0]!.n;
    const before = await count();
    expect(await codeOf(t.system.content.createItem({ ...aNotice(), title: '' }, a()))).toBe('invalid_request');
    expect(await codeOf(t.system.content.createItem(aSubsidy({ topics: ['no_such_topic'] }), a()))).toBe('unknown_topic');
    expect(await codeOf(t.system.content.createItem(anInterpretation('no-such-policy'), a()))).toBe('unknown_policy');
    const dup = aNotice();
    await t.system.content.createItem(dup, a());
    expect(await codeOf(t.system.content.createItem(dup, a()))).toBe('slug_taken');
    expect(Number(await count())).toBe(Number(before) + 1);
  });

  it('when a policy is published after its interpretation was drafted, then the due date is set at publication', async () => {
    t.clock.set('2026-02-13T10:00:00+08:00');
    const policy = aPolicy({ title: '春节前发布的政策' });
    const created = await t.system.content.createItem(policy, a());
    await t.system.content.createItem(anInterpretation(policy.slug), a());
    await t.system.content.changeStatus(created.id, 'in_review', { actor: a(), expectedVersion: 1 });
    await t.system.content.changeStatus(created.id, 'approved', { actor: r(), expectedVersion: 2, gates: allGatesPass() });
    await t.system.content.changeStatus(created.id, 'published', { actor: r(), expectedVersion: 3 });
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
