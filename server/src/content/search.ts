import { API_PATH_SEGMENTS, detailPagePath, shanghaiDate, type ContentKind, type SearchPage, type SearchQuery } from '@zj/shared';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { ValidationError } from '../errors';
import { toSummary } from './presenters';
import { listActiveTopics } from './reference-data';
import { allPublished } from './repository';
import { loadSearchDictionary, type SearchDictionary } from './search-dictionary';
import { buildSearchIndex, type SearchIndex } from './search-index';
import { parseQuery } from './search-query';

const SUGGESTION_COUNT = 5;
const SearchCursor = z.object({ o: z.number().int().min(0).max(10_000) });

interface Snapshot {
  index: SearchIndex;
  dictionary: SearchDictionary;
  topicNames: string[];
}

/**
 * Search over published content. The index is built on the first search after `invalidate()`, which the
 * content service calls on its own writes and when the content generation moves (a write on another
 * instance, or to the search dictionary).
 */
export function createContentSearch(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  let snapshot: Snapshot | null = null;
  let building: Promise<Snapshot> | null = null;
  // Counts invalidations, so that a build started before one is not kept after it.
  let version = 0;

  async function build(): Promise<Snapshot> {
    const [rows, dictionary, topics] = await Promise.all([allPublished(db), loadSearchDictionary(db), listActiveTopics(db)]);
    return { index: buildSearchIndex(rows), dictionary, topicNames: topics.map((t) => t.name) };
  }

  function current(): Promise<Snapshot> {
    if (snapshot) return Promise.resolve(snapshot);
    if (!building) {
      const started = version;
      const pending: Promise<Snapshot> = build()
        .then((built) => {
          if (started === version) snapshot = built;
          return built;
        })
        .finally(() => {
          if (building === pending) building = null;
        });
      building = pending;
    }
    return building;
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
          const kind = row.kind as ContentKind;
          return { ...toSummary(row, now), path: `/api/v1/${API_PATH_SEGMENTS[kind]}/${row.id}`, miniProgramPath: detailPagePath(kind, row.id) };
        }),
        nextCursor: hits.length > offset + query.limit ? Buffer.from(JSON.stringify({ o: offset + query.limit })).toString('base64url') : null,
        district,
        suggestions:
          hits.length > 0 ? [] : [...new Set([...index.closestTitles(query.q, 3), ...topicNames])].slice(0, SUGGESTION_COUNT),
        asOf: shanghaiDate(now),
      };
    },

    invalidate(): void {
      version += 1;
      snapshot = null;
      building = null;
    },
  };
}

export type ContentSearch = ReturnType<typeof createContentSearch>;
