import type { ContentSummary } from '@zj/shared';
import { groupByTheme } from './guides';

const guide = (id: number, theme: 'employment' | 'social_insurance' | 'talent') => ({ id, kind: 'guide', brief: { theme } }) as unknown as ContentSummary;

describe('guides grouped by theme', () => {
  it('when guides arrive in any order, then they are grouped in the fixed theme order, keeping their order inside a group, and empty themes are left out', () => {
    const groups = groupByTheme([guide(1, 'talent'), guide(2, 'social_insurance'), guide(3, 'employment'), guide(4, 'social_insurance')]);
    expect(groups.map((g) => [g.name, g.guides.map((x) => x.id)])).toEqual([
      ['就业创业', [3]],
      ['社会保险', [2, 4]],
      ['人才人事', [1]],
    ]);
  });
});
