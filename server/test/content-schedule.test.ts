import type { AuditEntry, ErrorBody, VersionDiffView } from '@zj/shared';
import { allGatesPass, aNotice } from './support/builders';
import { anEditor, callAdmin, logIn, type AdminClient } from './support/admin';
import { startTestSystem, TEST_NOW, type TestSystem } from './support/test-system';

/** Scheduled publish and unpublish (the scheduler's tick, on an injected clock), version diff and restore. */

let t: TestSystem;
let other: TestSystem;
let editor: AdminClient;
let reviewer: AdminClient;
let reviewer2: AdminClient;
let admin: AdminClient;
beforeAll(async () => {
  t = await startTestSystem();
  // A second instance on the same database: both run the tick.
  other = await startTestSystem({ connection: t.connection });
  await anEditor(t, 'sch-editor', 'editor');
  await anEditor(t, 'sch-reviewer', 'reviewer');
  await anEditor(t, 'sch-reviewer2', 'reviewer');
  await anEditor(t, 'sch-admin', 'admin');
}, 120_000);
afterAll(async () => {
  await other.close();
  await t.close();
});

interface Item {
  id: number;
  version: number;
  status: string;
  title: string;
  body: string;
  slug: string;
  publishAt: string | null;
  unpublishAt: string | null;
}
interface Version {
  version: number;
  action: string;
  actor: string;
  note: string | null;
  status: string;
}
const json = async <T>(res: Response, status = 200): Promise<T> => {
  const body = (await res.json()) as T;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body;
};
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;
const at = (offsetMs: number) => new Date(new Date(TEST_NOW).getTime() + offsetMs).toISOString();
const HOUR = 3_600_000;

/** Both instances' clocks to TEST_NOW + offset, with fresh sessions (an idle one ends after 30 minutes). */
async function moveTo(offsetMs: number): Promise<void> {
  t.clock.set(at(offsetMs));
  other.clock.set(at(offsetMs));
  editor = await logIn(t, 'sch-editor');
  reviewer = await logIn(t, 'sch-reviewer');
  reviewer2 = await logIn(t, 'sch-reviewer2');
  admin = await logIn(t, 'sch-admin');
}

async function detailOf(id: number): Promise<{ item: Item; versions: Version[] }> {
  return json(await editor.call('GET', `/content/${id}`));
}

async function approve(id: number, by = reviewer): Promise<Item> {
  const { item } = await detailOf(id);
  const submitted = item.status === 'draft' ? await json<Item>(await editor.call('POST', `/content/${id}/submit`, { expectedVersion: item.version })) : item;
  return json<Item>(await by.call('POST', `/content/${id}/approve`, { expectedVersion: submitted.version, gates: allGatesPass() }));
}

describe('scheduled publish and unpublish', () => {
  beforeEach(() => moveTo(0));

  it('when an approved item has a publish and an unpublish time, then the tick publishes it once at the first and archives it at the second, as the system', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '定时发布的冬季招聘会通知', body: '## 冬季招聘会\n\n时间另行通知。' })));
    const scheduled = await json<Item>(
      await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: created.version, publishAt: at(HOUR), unpublishAt: at(3 * HOUR) }),
    );
    expect(scheduled).toMatchObject({ publishAt: at(HOUR), unpublishAt: at(3 * HOUR), status: 'draft', version: 2 });
    await approve(created.id);

    // Not yet: nothing happens before the time.
    expect(await t.system.content.runSchedule()).toEqual({ published: [], archived: [] });
    expect((await t.get(`/api/v1/notices/${created.id}`)).status).toBe(404);

    await moveTo(HOUR + 60_000);
    const [a, b] = await Promise.all([t.system.content.runSchedule(), other.system.content.runSchedule()]);
    expect([...a.published, ...b.published]).toEqual([created.id]);
    expect((await t.get(`/api/v1/notices/${created.id}`)).status).toBe(200);
    // The search index follows on both instances.
    const found = (await (await t.get(`/api/v1/search?q=${encodeURIComponent('冬季招聘会')}`)).json()) as { items: Array<{ id: number }> };
    expect(found.items.map((i) => i.id)).toContain(created.id);

    const afterPublish = await detailOf(created.id);
    expect(afterPublish.item).toMatchObject({ status: 'published', publishAt: null, unpublishAt: at(3 * HOUR) });
    expect(afterPublish.versions.filter((v) => v.action === 'status:published')).toEqual([
      expect.objectContaining({ actor: 'system:scheduler', note: '定时发布' }),
    ]);

    // Again at the same time: nothing more.
    expect(await other.system.content.runSchedule()).toEqual({ published: [], archived: [] });

    await moveTo(3 * HOUR);
    expect(await t.system.content.runSchedule()).toEqual({ published: [], archived: [created.id] });
    expect((await t.get(`/api/v1/notices/${created.id}`)).status).toBe(404);
    const archived = await detailOf(created.id);
    expect(archived.item).toMatchObject({ status: 'archived', publishAt: null, unpublishAt: null });
    expect(archived.versions.at(-1)).toMatchObject({ action: 'status:archived', actor: 'system:scheduler', note: '定时下线' });

    const audit = await json<{ items: AuditEntry[] }>(await admin.call('GET', `/audit?targetType=content&targetId=${created.id}`));
    expect(audit.items.filter((e) => e.actorName === 'system:scheduler').map((e) => e.action)).toEqual(['content.archive', 'content.publish']);
    expect(audit.items.find((e) => e.action === 'content.schedule')).toMatchObject({ actorName: 'sch-editor' });
  });

  it('when an item is in review at its publish time, then it is published at the first tick after its approval', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '审核后再发布' })));
    const scheduled = await json<Item>(await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: created.version, publishAt: at(HOUR), unpublishAt: null }));
    await json<Item>(await editor.call('POST', `/content/${created.id}/submit`, { expectedVersion: scheduled.version }));
    await moveTo(2 * HOUR);
    expect((await t.system.content.runSchedule()).published).not.toContain(created.id);
    await approve(created.id);
    expect((await t.system.content.runSchedule()).published).toEqual([created.id]);
  });

  it('when an editor reschedules an approved item, a time is past or the unpublish time comes first, then it is refused and nothing changes', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '时间不对的定时' })));
    const past = await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: 1, publishAt: at(-HOUR), unpublishAt: null });
    expect(past.status).toBe(400);
    expect((await errorOf(past)).message).toBe('定时发布时间须晚于当前时间');
    const reversed = await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: 1, publishAt: at(2 * HOUR), unpublishAt: at(HOUR) });
    expect((await errorOf(reversed)).message).toBe('定时下线时间须晚于定时发布时间');
    const malformed = await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: 1, publishAt: '明天' });
    expect(malformed.status).toBe(400);
    expect((await callAdmin(t, 'PUT', `/content/${created.id}/schedule`, { expectedVersion: 1, publishAt: at(HOUR), unpublishAt: null }, {})).status).toBe(401);

    const approved = await approve(created.id);
    const refused = await editor.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: approved.version, publishAt: at(HOUR), unpublishAt: null });
    expect(refused.status).toBe(403);
    const { item } = await detailOf(created.id);
    expect(item).toMatchObject({ version: approved.version, publishAt: null, unpublishAt: null, status: 'approved' });
    // A reviewer may.
    await json<Item>(await reviewer.call('PUT', `/content/${created.id}/schedule`, { expectedVersion: approved.version, publishAt: at(HOUR), unpublishAt: null }));
  });
});

describe('version diff and restore', () => {
  beforeEach(() => moveTo(0));

  it('when two versions differ, then the diff lists the changed fields and the body line by line', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '版本比较通知', body: '第一行\n第二行\n第三行' })));
    const edited = await json<Item>(
      await editor.call('PUT', `/content/${created.id}`, { expectedVersion: 1, item: aNotice({ slug: created.slug, title: '版本比较通知（修订）', body: '第一行\n第二行改\n第三行\n第四行' }) }),
    );
    const diff = await json<VersionDiffView>(await editor.call('GET', `/content/${created.id}/diff?from=1&to=${edited.version}`));
    expect(diff.fields).toContainEqual({ field: 'title', before: '版本比较通知', after: '版本比较通知（修订）' });
    expect(diff.fields.map((f) => f.field)).not.toContain('department');
    expect(diff.body).toEqual([
      { op: 'same', text: '第一行' },
      { op: 'removed', text: '第二行' },
      { op: 'added', text: '第二行改' },
      { op: 'same', text: '第三行' },
      { op: 'added', text: '第四行' },
    ]);
    expect((await editor.call('GET', `/content/${created.id}/diff?from=1&to=99`)).status).toBe(404);
    expect((await editor.call('GET', `/content/${created.id}/diff?from=1`)).status).toBe(400);
  });

  it('when an editor restores an older version of a draft, then it becomes a new draft version with that content, audited', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '恢复前的标题', body: '原来的正文' })));
    await json<Item>(await editor.call('PUT', `/content/${created.id}`, { expectedVersion: 1, item: aNotice({ slug: created.slug, title: '改坏的标题', body: '改坏的正文' }) }));
    const stale = await editor.call('POST', `/content/${created.id}/versions/1/restore`, { expectedVersion: 1 });
    expect(stale.status).toBe(409);
    const restored = await json<Item>(await editor.call('POST', `/content/${created.id}/versions/1/restore`, { expectedVersion: 2 }));
    expect(restored).toMatchObject({ version: 3, status: 'draft', title: '恢复前的标题', body: '原来的正文' });
    const { versions } = await detailOf(created.id);
    expect(versions.at(-1)).toMatchObject({ action: 'restore', actor: 'sch-editor', note: '恢复为第 1 版的内容' });
    const audit = await json<{ items: AuditEntry[] }>(await admin.call('GET', `/audit?action=content.restore&targetId=${created.id}`));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ before: expect.objectContaining({ title: '改坏的标题' }), after: expect.objectContaining({ title: '恢复前的标题' }) });
  });

  it('when a published item is restored, then only a reviewer may, it goes offline as a draft and the restorer cannot approve it', async () => {
    const created = await json<Item>(await editor.call('POST', '/content', aNotice({ title: '已发布后恢复', body: '第一版正文' })));
    await json<Item>(await editor.call('PUT', `/content/${created.id}`, { expectedVersion: 1, item: aNotice({ slug: created.slug, title: '已发布后恢复', body: '第二版正文' }) }));
    const approved = await approve(created.id);
    const published = await json<Item>(await reviewer.call('POST', `/content/${created.id}/publish`, { expectedVersion: approved.version }));
    expect((await t.get(`/api/v1/notices/${created.id}`)).status).toBe(200);

    const refused = await editor.call('POST', `/content/${created.id}/versions/1/restore`, { expectedVersion: published.version });
    expect(refused.status).toBe(403);
    expect((await detailOf(created.id)).item).toMatchObject({ status: 'published', version: published.version, body: '第二版正文' });

    const restored = await json<Item>(await reviewer2.call('POST', `/content/${created.id}/versions/1/restore`, { expectedVersion: published.version }));
    expect(restored).toMatchObject({ status: 'draft', body: '第一版正文' });
    expect((await t.get(`/api/v1/notices/${created.id}`)).status).toBe(404);
    const submitted = await json<Item>(await editor.call('POST', `/content/${created.id}/submit`, { expectedVersion: restored.version }));
    const ownApproval = await reviewer2.call('POST', `/content/${created.id}/approve`, { expectedVersion: submitted.version, gates: allGatesPass() });
    expect(ownApproval.status).toBe(403);
    await json<Item>(await reviewer.call('POST', `/content/${created.id}/approve`, { expectedVersion: submitted.version, gates: allGatesPass() }));
  });
});
