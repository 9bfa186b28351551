import { DETAIL_PAGE_FOLDERS, type ContentKind } from '@zj/shared';

/**
 * Every page of the app, as app.config.ts lists it: the main package, then one subpackage per feature
 * area (loaded on first use). Detail pages are pages/<area>/detail?id=…, the paths the server links to
 * (menu.json, chat answers, search results): test/page-links.test.ts keeps both sides in step.
 */
export const MAIN_PAGES = ['pages/index/index', 'pages/search/index', 'pages/mine/index'] as const;
export const SUBPACKAGES = [
  { root: 'pages/subsidy', pages: ['index', 'detail', 'check'] },
  { root: 'pages/wage', pages: ['index', 'detail'] },
  { root: 'pages/recruitment', pages: ['index', 'detail'] },
  { root: 'pages/policy', pages: ['index', 'detail'] },
  { root: 'pages/interpretation', pages: ['detail'] },
  { root: 'pages/notice', pages: ['detail'] },
  { root: 'pages/guide', pages: ['index', 'detail'] },
] as const;

const to = (page: string, query: Record<string, string | number> = {}): string => {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/${page}${qs ? `?${qs}` : ''}`;
};

export const routes = {
  home: () => to('pages/index/index'),
  search: (q: string) => to('pages/search/index', { q }),
  mine: () => to('pages/mine/index'),
  subsidies: () => to('pages/subsidy/index'),
  subsidyCheck: (id: number) => to('pages/subsidy/check', { id }),
  guides: () => to('pages/guide/index'),
  wage: () => to('pages/wage/index'),
  recruitments: () => to('pages/recruitment/index'),
  policies: () => to('pages/policy/index'),
  detail: (kind: ContentKind, id: number) => to(`pages/${DETAIL_PAGE_FOLDERS[kind]}/detail`, { id }),
};
