import type { ContentKind } from './content';

/**
 * Where the mini-program shows each kind of content: pages/<folder>/detail?id=…. The server links these
 * pages (chat answers, search results, pushes) and the app lists them (miniprogram/src/lib/routes.ts);
 * miniprogram/test/page-links.test.ts keeps both sides in step.
 */
export const DETAIL_PAGE_FOLDERS: Readonly<Record<ContentKind, string>> = {
  subsidy: 'subsidy',
  wage_standard: 'wage',
  recruitment: 'recruitment',
  policy: 'policy',
  interpretation: 'interpretation',
  notice: 'notice',
  guide: 'guide',
};

/** The read API's path segment of each kind: /api/v1/<segment> lists it, /api/v1/<segment>/<id> is one item. */
export const API_PATH_SEGMENTS: Readonly<Record<ContentKind, string>> = {
  subsidy: 'subsidies',
  wage_standard: 'wage-standards',
  recruitment: 'recruitments',
  policy: 'policies',
  interpretation: 'interpretations',
  notice: 'notices',
  guide: 'guides',
};

/** The mini-program page of one item, as a path without a leading slash (the form WeChat links take). */
export const detailPagePath = (kind: ContentKind, id: number): string => `pages/${DETAIL_PAGE_FOLDERS[kind]}/detail?id=${id}`;
