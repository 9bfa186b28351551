import { GUIDE_THEMES, GUIDE_THEME_NAMES, type ContentSummary, type GuideTheme } from '@zj/shared';

export type GuideSummary = Extract<ContentSummary, { kind: 'guide' }>;

/** Guides under their themes, in the fixed order residents know (就业创业 first); themes without guides are left out. */
export function groupByTheme(items: readonly ContentSummary[]): { theme: GuideTheme; name: string; guides: GuideSummary[] }[] {
  const guides = items.filter((i): i is GuideSummary => i.kind === 'guide');
  return GUIDE_THEMES.map((theme) => ({ theme, name: GUIDE_THEME_NAMES[theme], guides: guides.filter((g) => g.brief.theme === theme) })).filter((g) => g.guides.length > 0);
}

