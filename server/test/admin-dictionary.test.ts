import type { AuditEntry, ErrorBody } from '@zj/shared';
import { aNotice, publish } from './support/builders';
import { anEditor, callAdmin, logIn, type AdminClient } from './support/admin';
import { contentOf, newOpenId, sandboxPusher, textMessage, type Pusher } from './support/wechat-requests';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The search dictionary, keyword replies and the official-account menu, edited over /admin/api. */

let t: TestSystem;
let wechat: Pusher;
let editor: AdminClient;
let admin: AdminClient;
let itemId: number;
beforeAll(async () => {
  t = await startTestSystem();
  wechat = sandboxPusher(t);
  await anEditor(t, 'dict-editor', 'editor');
  await anEditor(t, 'dict-admin', 'admin');
  editor = await logIn(t, 'dict-editor');
  admin = await logIn(t, 'dict-admin');
  itemId = (await publish(t.system.content, aNotice({ title: '灵活就业人员参保补贴申领通知', summary: '灵活就业人员可申领参保补贴。', body: '灵活就业人员参保补贴。' }))).id;
}, 60_000);
afterAll(() => t.close());

const json = async <T>(res: Response, status = 200): Promise<T> => {
  const body = (await res.json()) as T;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(body)}`);
  return body;
};
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;
const searchIds = async (q: string) =>
  ((await (await t.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as { items: Array<{ id: number }> }).items.map((i) => i.id);
interface Dictionary {
  synonyms: Array<{ term: string; expansions: string[] }>;
  stopWords: string[];
}

describe('the search dictionary', () => {
  it('when an editor adds a synonym, then search finds the item by it at once; removed, it no longer does', async () => {
    expect(await searchIds('跑外卖')).not.toContain(itemId);
    const saved = await json<{ term: string; expansions: string[] }>(await editor.call('POST', '/dictionary/synonyms', { term: '跑外卖', expansions: ['灵活就业', ' 灵活就业 '] }));
    expect(saved).toEqual({ term: '跑外卖', expansions: ['灵活就业'] });
    expect(await searchIds('跑外卖')).toContain(itemId);
    const dict = await json<Dictionary>(await editor.call('GET', '/dictionary'));
    expect(dict.synonyms).toContainEqual({ term: '跑外卖', expansions: ['灵活就业'] });

    const removed = await editor.call('DELETE', `/dictionary/synonyms/${encodeURIComponent('跑外卖')}`);
    expect(removed.status).toBe(204);
    expect(await searchIds('跑外卖')).not.toContain(itemId);
    expect((await editor.call('DELETE', `/dictionary/synonyms/${encodeURIComponent('跑外卖')}`)).status).toBe(404);

    const audit = await json<{ items: AuditEntry[] }>(await admin.call('GET', '/audit?targetType=search_dictionary'));
    expect(audit.items.map((e) => [e.action, e.actorName, e.targetId])).toEqual([
      ['dictionary.synonym.remove', 'dict-editor', '跑外卖'],
      ['dictionary.synonym.put', 'dict-editor', '跑外卖'],
    ]);
  });

  it('when a stop word is added and removed, then the dictionary lists it and then does not', async () => {
    await json(await editor.call('POST', '/dictionary/stop-words', { word: '麻烦问下' }));
    expect((await json<Dictionary>(await editor.call('GET', '/dictionary'))).stopWords).toContain('麻烦问下');
    expect((await editor.call('DELETE', `/dictionary/stop-words/${encodeURIComponent('麻烦问下')}`)).status).toBe(204);
    expect((await json<Dictionary>(await editor.call('GET', '/dictionary'))).stopWords).not.toContain('麻烦问下');
  });

  it('when a synonym has no expansions, a word is too long or nobody is logged in, then it is refused and the dictionary is unchanged', async () => {
    const before = await json<Dictionary>(await editor.call('GET', '/dictionary'));
    const empty = await editor.call('POST', '/dictionary/synonyms', { term: '跑外卖', expansions: [] });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('invalid_request');
    expect((await editor.call('POST', '/dictionary/stop-words', { word: '这是一个超过二十个字的非常非常非常长的停用词语' })).status).toBe(400);
    expect((await callAdmin(t, 'POST', '/dictionary/synonyms', { term: '跑外卖', expansions: ['灵活就业'] }, {})).status).toBe(401);
    expect((await editor.call('POST', '/dictionary/synonyms', { term: '跑外卖', expansions: ['灵活就业'] }, { csrf: false })).status).toBe(403);
    expect(await json<Dictionary>(await editor.call('GET', '/dictionary'))).toEqual(before);
  });
});

describe('keyword replies', () => {
  interface Rule {
    id: number;
    keywords: string[];
    action: string;
    replyText: string | null;
    active: boolean;
  }
  const rule = { keywords: ['社保卡挂失'], match: 'contains', action: 'text', replyText: '社保卡挂失请拨打12333或到就近网点办理。', priority: 5 };

  it('when an admin adds a fixed reply, then a resident asking for it gets it; switched off, they do not', async () => {
    const created = await json<Rule>(await admin.call('POST', '/keyword-rules', rule));
    expect(contentOf(await wechat.push(textMessage(newOpenId(), '我的社保卡挂失怎么办')))).toBe(rule.replyText);
    const list = await json<{ items: Rule[] }>(await editor.call('GET', '/keyword-rules'));
    expect(list.items.find((r) => r.id === created.id)).toMatchObject({ keywords: ['社保卡挂失'], active: true });

    await json<Rule>(await admin.call('PUT', `/keyword-rules/${created.id}`, { ...rule, active: false }));
    expect(contentOf(await wechat.push(textMessage(newOpenId(), '我的社保卡挂失怎么办')))).not.toBe(rule.replyText);
    const audit = await json<{ items: AuditEntry[] }>(await admin.call('GET', `/audit?targetType=keyword_rule&targetId=${created.id}`));
    expect(audit.items.map((e) => e.action)).toEqual(['keyword_rule.update', 'keyword_rule.create']);
    expect(audit.items[0]).toMatchObject({ before: { id: created.id, active: true }, after: { id: created.id, active: false } });
  });

  it('when an editor adds a rule, or an admin adds one without its reply text or with an unknown action, then it is refused and no rule is added', async () => {
    const count = async () => (await json<{ items: Rule[] }>(await admin.call('GET', '/keyword-rules'))).items.length;
    const before = await count();
    expect((await editor.call('POST', '/keyword-rules', rule)).status).toBe(403);
    const noReply = await admin.call('POST', '/keyword-rules', { ...rule, replyText: null });
    expect(noReply.status).toBe(400);
    expect((await errorOf(noReply)).message).toBe('关键词回复不符合要求');
    expect((await admin.call('POST', '/keyword-rules', { ...rule, action: 'transfer_money' })).status).toBe(400);
    expect((await admin.call('PUT', '/keyword-rules/999999', rule)).status).toBe(404);
    expect(await count()).toBe(before);
  });
});

describe('the official-account menu', () => {
  interface MenuVersion {
    id: number;
    menu: { button: Array<{ name: string }> };
    publishedAt: string | null;
  }
  const menu = {
    button: [
      { type: 'click', name: '最低工资', key: 'MENU_WAGE' },
      { name: '办事', sub_button: [{ type: 'click', name: '服务大厅', key: 'MENU_HALLS' }, { type: 'view', name: '官网', url: 'https://hrss.zhenjiang.gov.cn/' }] },
    ],
  };

  it('when nothing is saved, then the menu of menu.json is the default', async () => {
    const overview = await json<{ versions: MenuVersion[]; published: MenuVersion | null; defaultMenu: { button: Array<{ name: string }> } }>(await admin.call('GET', '/menu'));
    expect(overview.versions).toEqual([]);
    expect(overview.published).toBeNull();
    expect(overview.defaultMenu.button.map((b) => b.name)).toEqual(['政策服务', '招聘考试', '办事指南']);
  });

  it('when an admin saves a menu and publishes it, then the platform has it and the version is stamped published', async () => {
    const saved = await json<MenuVersion>(await admin.call('POST', '/menu/versions', { menu, note: '精简菜单' }));
    expect(saved.publishedAt).toBeNull();
    const published = await json<MenuVersion>(await admin.call('POST', `/menu/versions/${saved.id}/publish`, {}));
    expect(published.publishedAt).toBe(t.clock.now().toISOString());
    expect(await t.system.wechat.oa.getMenu()).toEqual(menu);
    const overview = await json<{ published: MenuVersion }>(await admin.call('GET', '/menu'));
    expect(overview.published.id).toBe(saved.id);
  });

  it('when a menu breaks the platform rules or an editor saves one, then it is refused and nothing is stored', async () => {
    const tooMany = await admin.call('POST', '/menu/versions', { menu: { button: [...menu.button, ...menu.button] } });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await errorOf(tooMany))).toContain('一级菜单最多 3 个');
    const longName = await admin.call('POST', '/menu/versions', { menu: { button: [{ type: 'click', name: '这是一个很长的菜单名称', key: 'K' }] } });
    expect(JSON.stringify(await errorOf(longName))).toContain('菜单名称最多 16 字节');
    expect((await editor.call('POST', '/menu/versions', { menu })).status).toBe(403);
    expect((await editor.call('GET', '/menu')).status).toBe(403);
    const overview = await json<{ versions: MenuVersion[] }>(await admin.call('GET', '/menu'));
    expect(overview.versions).toHaveLength(1);
  });
});
