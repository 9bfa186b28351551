import { sql } from 'drizzle-orm';
import { REVIEW_GATES, type AuditEntry, type ErrorBody } from '@zj/shared';
import { queryRows } from '../src/db/database';
import { allGatesPass, aSubsidy } from './support/builders';
import { anEditor, logIn, type AdminClient } from './support/admin';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
let editor: AdminClient;
let reviewer: AdminClient;
let admin: AdminClient;
beforeAll(async () => {
  t = await startTestSystem();
  await anEditor(t, 'wf-editor', 'editor');
  await anEditor(t, 'wf-reviewer', 'reviewer');
  await anEditor(t, 'wf-admin', 'admin');
  editor = await logIn(t, 'wf-editor');
  reviewer = await logIn(t, 'wf-reviewer');
  admin = await logIn(t, 'wf-admin');
});
afterAll(() => t.close());

interface Item {
  id: number;
  version: number;
  status: string;
  title: string;
}
const json = async <T>(res: Response, status = 200): Promise<T> => {
  const body = (await res.json()) as T;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body;
};
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

describe('the content workflow over /admin/api', () => {
  it('when an editor drafts and submits and a reviewer passes the five gates and publishes, then residents see it and the history shows the gates', async () => {
    const draft = await json<Item>(await editor.call('POST', '/content', aSubsidy({ title: '控制台创建的补贴' })));
    const submitted = await json<Item>(await editor.call('POST', `/content/${draft.id}/submit`, { expectedVersion: draft.version }));
    const approved = await json<Item>(
      await reviewer.call('POST', `/content/${draft.id}/approve`, { expectedVersion: submitted.version, gates: allGatesPass('无问题'), comment: '同意发布' }),
    );
    const published = await json<Item>(await reviewer.call('POST', `/content/${draft.id}/publish`, { expectedVersion: approved.version }));
    expect(published.status).toBe('published');
    expect((await t.get(`/api/v1/subsidies/${draft.id}`)).status).toBe(200);
    const detail = await json<{ versions: Array<{ action: string; actor: string; gates: unknown; note: string | null }> }>(await editor.call('GET', `/content/${draft.id}`));
    expect(detail.versions.map((v) => [v.action, v.actor])).toEqual([
      ['create', 'wf-editor'],
      ['status:in_review', 'wf-editor'],
      ['status:approved', 'wf-reviewer'],
      ['status:published', 'wf-reviewer'],
    ]);
    expect(detail.versions[2]).toMatchObject({ note: '同意发布', gates: REVIEW_GATES.map((gate) => ({ gate, pass: true, comment: '无问题' })) });
  });

  it('when the item is edited after the reviewer opened it, then the approval is refused and the item stays as the editor left it', async () => {
    const draft = await json<Item>(await editor.call('POST', '/content', aSubsidy({ title: '审核中被修改' })));
    const submitted = await json<Item>(await editor.call('POST', `/content/${draft.id}/submit`, { expectedVersion: 1 }));
    const { slug } = (await t.system.content.findItem(draft.id))!;
    const edited = await json<Item>(await editor.call('PUT', `/content/${draft.id}`, { expectedVersion: submitted.version, item: aSubsidy({ title: '偷偷改过', slug }) }));
    expect(edited.status).toBe('draft');
    const approve = await reviewer.call('POST', `/content/${draft.id}/approve`, { expectedVersion: submitted.version, gates: allGatesPass() });
    expect(approve.status).toBe(409);
    expect((await t.system.content.findItem(draft.id))).toMatchObject({ status: 'draft', title: '偷偷改过', version: edited.version });
  });

  it('when an editor tries to approve, then 403 and the item is unchanged', async () => {
    const draft = await json<Item>(await editor.call('POST', '/content', aSubsidy({ title: '编辑自己批准' })));
    await json<Item>(await editor.call('POST', `/content/${draft.id}/submit`, { expectedVersion: 1 }));
    const res = await editor.call('POST', `/content/${draft.id}/approve`, { expectedVersion: 2, gates: allGatesPass() });
    expect(res.status).toBe(403);
    expect((await t.system.content.findItem(draft.id))!.status).toBe('in_review');
  });

  it('when a reviewer rejects with a comment, then the item is a draft again and the list by status shows it', async () => {
    const draft = await json<Item>(await editor.call('POST', '/content', aSubsidy({ title: '需要退回的补贴' })));
    await json<Item>(await editor.call('POST', `/content/${draft.id}/submit`, { expectedVersion: 1 }));
    const missing = await reviewer.call('POST', `/content/${draft.id}/reject`, { expectedVersion: 2 });
    expect((await errorOf(missing)).code).toBe('invalid_request');
    const rejected = await json<Item>(await reviewer.call('POST', `/content/${draft.id}/reject`, { expectedVersion: 2, comment: '补贴标准请注明文号' }));
    expect(rejected.status).toBe('draft');
    const drafts = await json<{ items: Item[] }>(await editor.call('GET', '/content?status=draft&kind=subsidy'));
    expect(drafts.items.map((i) => i.id)).toContain(draft.id);
  });
});

describe('the audit log', () => {
  it('when an admin creates an account and changes its role, and an editor creates content, then each is in the audit log with who, IP, before and after', async () => {
    const created = await json<{ id: number }>(await admin.call('POST', '/editors', { name: 'audited-one', role: 'editor', password: 'a long enough password' }));
    await json(await admin.call('PATCH', `/editors/${created.id}`, { role: 'reviewer' }));
    const item = await json<Item>(await editor.call('POST', '/content', aSubsidy({ title: '留痕的补贴' })));

    const forEditor = await json<{ items: AuditEntry[] }>(await admin.call('GET', `/audit?targetType=editor&targetId=${created.id}`));
    expect(forEditor.items.map((e) => [e.action, e.actorName])).toEqual([
      ['editor.update', 'wf-admin'],
      ['editor.create', 'wf-admin'],
    ]);
    expect(forEditor.items[0]).toMatchObject({ before: { role: 'editor' }, after: { role: 'reviewer' } });
    expect(forEditor.items[0]!.ip).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(forEditor.items)).not.toMatch(/passwordHash|argon2/);

    const forItem = await json<{ items: AuditEntry[] }>(await admin.call('GET', `/audit?targetType=content&targetId=${item.id}`));
    expect(forItem.items).toEqual([expect.objectContaining({ action: 'content.create', actorName: 'wf-editor', before: null, after: expect.objectContaining({ title: '留痕的补贴' }) })]);
  });

  it('when anyone tries to change or delete an audit entry in the database, then it is refused', async () => {
    // Drizzle wraps the database's error: the trigger's message is in its cause.
    const refusal = (p: Promise<unknown>) => p.then(() => 'done', (e: Error) => String((e.cause as Error | undefined)?.message));
    expect(await refusal(t.connection.db.execute(sql`update audit_log set actor_name = 'someone else'`))).toBe('audit_log is append-only');
    expect(await refusal(t.connection.db.execute(sql`delete from audit_log`))).toBe('audit_log is append-only');
    const [{ n }] = (await queryRows<{ n: string }>(t.connection.db, sql`select count(*) n from audit_log where actor_name = 'someone else'`)) as [{ n: string }];
    expect(Number(n)).toBe(0);
  });
});
