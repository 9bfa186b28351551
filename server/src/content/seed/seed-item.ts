import { z } from 'zod';
import { ContentInput, IsoDateTime } from '@zj/shared';

/** A content item shipped with the system and loaded on first start. */
export const SeedItem = ContentInput.and(
  z.object({
    status: z.enum(['draft', 'in_review', 'published', 'archived']),
    publishedAt: IsoDateTime.nullable().describe('when it was (or is to be shown as) published; null unless published/archived'),
  }),
);
export type SeedItem = z.input<typeof SeedItem>;
