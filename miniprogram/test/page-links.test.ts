import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import { CONTENT_KINDS } from '@zj/shared';
import menu from '../../server/src/wechat/client/menu.json';
import { SUBSIDY_LIST_PATH, contentPath } from '../../server/src/wechat/message-server/answers';
import { routes } from '../src/lib/routes';

/**
 * The server links into the mini-program by page path (official-account menu, chat answers, search
 * results). A page renamed in the app, or a link changed on the server, must fail here, not in a
 * resident's WeChat ("页面不存在").
 */
(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the global the config expects
const appConfig = require('../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] };

const appPages = new Set([...appConfig.pages, ...appConfig.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]);
const pageOf = (link: string) => link.replace(/^\//, '').split('?')[0]!;

type Button = { type?: string; pagepath?: string; sub_button?: Button[] };
const menuPaths = (menu.button as Button[]).flatMap((b) => [b, ...(b.sub_button ?? [])]).flatMap((b) => (b.type === 'miniprogram' && b.pagepath ? [b.pagepath] : []));

describe('paths the server links to', () => {
  it('when the menu opens the mini-program, then every pagepath is a page of the app', () => {
    expect(menuPaths.length).toBeGreaterThan(0);
    expect(menuPaths.map(pageOf).filter((p) => !appPages.has(p))).toEqual([]);
  });

  it('when a chat answer or search result links an item of any kind, then its detail page exists', () => {
    const links = [SUBSIDY_LIST_PATH, ...CONTENT_KINDS.map((kind) => contentPath(kind, 7))];
    expect(links.map(pageOf).filter((p) => !appPages.has(p))).toEqual([]);
  });

  it('when the app links to an item itself, then it uses the same path as the server', () => {
    for (const kind of CONTENT_KINDS) expect(routes.detail(kind, 7)).toBe(`/${contentPath(kind, 7)}`);
  });

  it('when the app is rebuilt, then every page the app lists has its source file', () => {
    const { existsSync } = jest.requireActual<typeof NodeFs>('node:fs');
    const path = jest.requireActual<typeof NodePath>('node:path');
    const missing = [...appPages].filter((p) => !existsSync(path.join(__dirname, '../src', `${p}.tsx`)));
    expect(missing).toEqual([]);
  });
});
