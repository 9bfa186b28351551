import { WechatApiError } from '../src/wechat/client/api-errors';
import { repositoryMenu, syncMenu, type Menu } from '../src/wechat/client/menu';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(() => t.close());

describe('custom menu', () => {
  it('when no menu was published, then reading it gives null', async () => {
    expect(await t.system.wechat.oa.getMenu()).toBeNull();
  });

  it('when the repository menu is synced, then it is created and reads back unchanged', async () => {
    const menu = repositoryMenu({ miniProgramAppId: t.system.wechat.mp.appId });
    const current = await syncMenu(t.system.wechat.oa, menu);
    expect(current).toEqual(menu);
    expect(await t.system.sandbox!.menu()).toEqual(menu);
    expect(t.system.sandbox!.callsTo('menu_create').map((c) => c.errcode)).toEqual([0]);
    const inspected = (await (await t.get('/sandbox/_inspect/menu')).json()) as { menu: Menu };
    expect(inspected.menu).toEqual(menu);
  });

  it('when a menu breaks the platform rules, then the client refuses it before sending', async () => {
    const tooMany = { button: Array.from({ length: 4 }, (_, i) => ({ type: 'click' as const, name: `按钮${i}`, key: `K${i}` })) };
    await expect(t.system.wechat.oa.createMenu(tooMany)).rejects.toThrow(/一级菜单最多 3 个/);
  });

  it('when the platform itself is sent an invalid menu, then it answers the documented errcode', async () => {
    const token = await (
      await t.post('/sandbox/cgi-bin/stable_token', { grant_type: 'client_credential', appid: t.system.wechat.oa.appId, secret: 'sandbox-secret-not-for-production' })
    ).json() as { access_token: string };
    const res = await t.post(`/sandbox/cgi-bin/menu/create?access_token=${token.access_token}`, {
      button: [{ name: '服务', sub_button: Array.from({ length: 6 }, (_, i) => ({ type: 'click', name: `子${i}`, key: `K${i}` })) }],
    });
    expect(await res.json()).toMatchObject({ errcode: 40023 });
    const err = new WechatApiError({ api: 'menu_create', kind: 'errcode', errcode: 40023, errmsg: 'x', transient: false });
    expect(err.transient).toBe(false);
  });
});
