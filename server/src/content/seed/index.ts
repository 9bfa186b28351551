import type { SeedItem } from './seed-item';
import { guideSeeds } from './guides';
import { noticeSeeds } from './notices';
import { interpretationSeeds, policySeeds } from './policies';
import { recruitmentSeeds } from './recruitment';
import { subsidySeeds } from './subsidies';
import { wageStandardSeeds } from './wage-standards';

export { SeedItem } from './seed-item';

/**
 * Content loaded on first start. `now` anchors the sample recruitments whose status depends on the clock.
 * Policies come before the interpretations that name them (details.policySlug).
 */
export function buildSeedItems(now: Date): SeedItem[] {
  return [
    ...wageStandardSeeds(now),
    ...subsidySeeds(now),
    ...recruitmentSeeds(now),
    ...policySeeds(now),
    ...interpretationSeeds(now),
    ...noticeSeeds(now),
    ...guideSeeds(now),
  ];
}
