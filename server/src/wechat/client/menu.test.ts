import menuFile from './menu.json';
import { clickKeys, Menu, MP_APPID_PLACEHOLDER, repositoryMenu, resolveMenu } from './menu';

const MP_APPID = 'wx8c4e2b7d9a1f3056';
const click = (name: string, key = 'K') => ({ type: 'click', name, key });
const errorsOf = (menu: unknown) => {
  const result = Menu.safeParse(menu);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the custom menu (research/wechat.md §1.10)', () => {
  it('when menu.json is resolved with the mini-program appid, then it validates and every CLICK key is known', () => {
    const menu = repositoryMenu({ miniProgramAppId: MP_APPID });
    expect(JSON.stringify(menu)).not.toContain(MP_APPID_PLACEHOLDER);
    expect(menu.button.map((b) => b.name)).toEqual(['政策服务', '招聘考试', '办事指南']);
    expect(clickKeys(menu).sort()).toEqual(
      ['MENU_EXAMS', 'MENU_HALLS', 'MENU_HOTLINE', 'MENU_INTERPRETATION', 'MENU_RECRUIT_OPEN', 'MENU_SUBSIDY', 'MENU_TITLE_REVIEW', 'MENU_WAGE'].sort(),
    );
  });

  it('when menu.json is used without resolving the placeholder, then the appid is refused', () => {
    expect(errorsOf(menuFile)).not.toEqual([]);
  });

  it('when there are 4 top-level buttons, then the menu is rejected', () => {
    expect(errorsOf({ button: [click('一'), click('二'), click('三'), click('四')] })).toEqual(['button: 一级菜单最多 3 个']);
  });

  it('when a button has 6 sub-buttons, or none, then the menu is rejected', () => {
    const subs = (n: number) => Array.from({ length: n }, (_, i) => click(`子${i}`));
    expect(errorsOf({ button: [{ name: '服务', sub_button: subs(5) }] })).toEqual([]);
    expect(errorsOf({ button: [{ name: '服务', sub_button: subs(6) }] })).toEqual(['button.0.sub_button: 子菜单最多 5 个']);
    expect(errorsOf({ button: [{ name: '服务', sub_button: [] }] })).toEqual(['button.0.sub_button: 子菜单至少 1 个']);
  });

  it('when names exceed their byte limits (16 top, 60 sub; a Chinese character is 3 bytes), then they are rejected', () => {
    expect(errorsOf({ button: [click('政策服务大')] })).toEqual([]); // 15 bytes
    expect(errorsOf({ button: [click('政策服务大厅')] })).toEqual(['button.0.name: 菜单名称最多 16 字节(UTF-8,一个汉字 3 字节)']);
    expect(errorsOf({ button: [{ name: '服务', sub_button: [click('字'.repeat(20))] }] })).toEqual([]);
    expect(errorsOf({ button: [{ name: '服务', sub_button: [click('字'.repeat(21))] }] })).toEqual([
      'button.0.sub_button.0.name: 菜单名称最多 60 字节(UTF-8,一个汉字 3 字节)',
    ]);
  });

  it('when a click key exceeds 128 bytes or a view url is not http(s), then it is rejected', () => {
    expect(errorsOf({ button: [click('按钮', 'K'.repeat(129))] })).toHaveLength(1);
    expect(errorsOf({ button: [{ type: 'view', name: '官网', url: 'javascript:alert(1)' }] })).toHaveLength(1);
    expect(errorsOf({ button: [{ type: 'view', name: '官网', url: 'https://hrss.zhenjiang.gov.cn/' }] })).toEqual([]);
  });

  it('when a miniprogram button has no fallback url, then it is rejected', () => {
    const mini = { type: 'miniprogram', name: '补贴', appid: MP_APPID, pagepath: 'pages/subsidies/index' };
    expect(errorsOf({ button: [mini] })).toEqual([expect.stringMatching(/^button\.0\.url: /)]);
    expect(errorsOf({ button: [{ ...mini, url: 'https://hrss.zhenjiang.gov.cn/' }] })).toEqual([]);
  });

  it('when a button has both a type and sub-buttons, then it is rejected', () => {
    expect(errorsOf({ button: [{ type: 'click', key: 'K', name: '服务', sub_button: [click('子')] }] })).not.toEqual([]);
  });

  it('when the placeholder is resolved, then only the placeholder is replaced', () => {
    const menu = resolveMenu({ button: [{ type: 'miniprogram', name: '补贴', appid: MP_APPID_PLACEHOLDER, pagepath: 'p', url: 'https://a.cn/' }] }, { miniProgramAppId: MP_APPID });
    expect(menu.button[0]).toMatchObject({ appid: MP_APPID });
  });
});
