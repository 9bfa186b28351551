import { detailPagePath, shanghaiDate, type ContentKind, type SearchPage, type SearchQuery } from '@zj/shared';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { ValidationError } from '../errors';
import { toSummary } from './presenters';
import { listActiveTopics } from './reference-data';
import { allPublished, readGeneration } from './repository';
import { loadSearchDictionary, type SearchDictionary } from './search-dictionary';
import { buildSearchIndex, type SearchIndex } from './search-index';
import { parseQuery } from './search-query';

/** The API path segment of each kind's detail route. */
const PAGE_PATHS: Record<ContentKind, string> = {
  subsidy: 'subsidies',
  wage_standard: 'wage-standards',
  recruitment: 'recruitments',
  policy: 'policies',
  interpretation: 'interpretations',
  notice: 'notices',
  guide: 'guides',
};

const SUGGESTION_COUNT = 5;
const SearchCursor = z.object({ o: z.number().int().min(0).max(10_000) });

interface Snapshot {
  generation: number;
  index: SearchIndex;
  dictionary: SearchDictionary;
  topicNames: string[];
}

/**
 * Search over published content. The index is rebuilt when the content generation moves (a write here,
 * on another instance, or to the search dictionary); checking it costs one small query per search, and
 * searches are cached by the read cache in front.
 */
export function createContentSearch(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  let snapshot: Snapshot | null = null;
  let building: Promise<Snapshot> | null = null;

  async function build(generation: number): Promise<Snapshot> {
    const [rows, dictionary, topics] = await Promise.all([allPublished(db), loadSearchDictionary(db), listActiveTopics(db)]);
    return { generation, index: buildSearchIndex(rows), dictionary, topicNames: topics.map((t) => t.name) };
  }

  async function current(): Promise<Snapshot> {
    const generation = await readGeneration(db);
    if (snapshot && snapshot.generation === generation) return snapshot;
    building ??= build(generation).finally(() => (building = null));
    const built = await building;
    if (!snapshot || built.generation >= snapshot.generation) snapshot = built;
    return built;
  }

  return {
    async search(query: SearchQuery): Promise<SearchPage> {
      let offset = 0;
      if (query.cursor) {
        try {
          offset = SearchCursor.parse(JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'))).o;
        } catch {
          throw new ValidationError('分页游标无效，请从第一页重新加载', [{ path: ['cursor'], message: 'invalid cursor' }]);
        }
      }
      const { index, dictionary, topicNames } = await current();
      const parsed = parseQuery(query.q, dictionary);
      const now = clock.now();
      const hits = index.search(parsed, { kind: query.kind, district: query.district ?? null, now });
      const page = hits.slice(offset, offset + query.limit);
      const district = query.district ?? parsed.district;
      return {
        items: page.map(({ row }) => {
          const segment = PAGE_PATHS[row.kind as ContentKind];
          return { ...toSummary(row, now), path: `/api/v1/${segment}/${row.id}`, miniProgramPath: detailPagePath(row.kind as ContentKind, row.id) };
        }),
        nextCursor: hits.length > offset + query.limit ? Buffer.from(JSON.stringify({ o: offset + query.limit })).toString('base64url') : null,
        district,
        suggestions:
          hits.length > 0 ? [] : [...new Set([...index.closestTitles(query.q, 3), ...topicNames])].slice(0, SUGGESTION_COUNT),
        asOf: shanghaiDate(now),
      };
    },
  };
}

export type ContentSearch = ReturnType<typeof createContentSearch>;
