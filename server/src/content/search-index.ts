import { recruitmentStatus, shanghaiDate, type ContentKind, type District, type DetailsOf } from '@zj/shared';
import type { ContentRow } from './repository';
import type { ParsedQuery, QueryGroup } from './search-query';
import { normalizeText } from './search-tokens';

/**
 * Ranked search over the published items, held in memory. Each query word is looked up as a substring
 * of three fields (title, then summary + policy basis + every string of the details, then body) and
 * scores idf × the weight of the best field it occurs in; a group of synonyms counts once, as its best
 * alternative. Items matching some of the words (not all) are kept, so a question with an unknown word
 * still finds the rest. Published content is a few hundred items, so a lookup scans them all; each
 * word's matches are kept until the content changes.
 */

/** Field weights, measured on residents' questions: a title match decides, body text only breaks ties. */
const FIELD_WEIGHTS = [1, 0.4, 0.1] as const;
/** Two query words written next to each other in the title, as typed, add this share of their idf. */
const TITLE_PHRASE_BONUS = 0.5;
/** Results scoring under this share of the best one are noise from common words. */
const MIN_SHARE_OF_BEST = 0.2;
/** An item naming the asked district outranks one for the whole city by this factor. */
const DISTRICT_BOOST = 1.15;
const MAX_CACHED_WORDS = 10_000;

interface Entry {
  row: ContentRow;
  fields: readonly [string, string, string];
}

/** Every string inside the details, whatever the kind: a new kind is searchable with no change here. */
function stringsOf(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/**
 * How current an item is at `now`, as a factor on its score: an open recruitment before a finished one,
 * the wage standard in force before old ones, a subsidy taking applications before a closed one.
 */
function currency(row: ContentRow, now: Date, today: string, currentWage: ReadonlyMap<string, string>): number {
  switch (row.kind as ContentKind) {
    case 'recruitment': {
      const status = recruitmentStatus(row.details as DetailsOf<'recruitment'>, now);
      return status === 'finished' ? 0.6 : status === 'closed' ? 0.85 : 1;
    }
    case 'wage_standard': {
      const d = row.details as DetailsOf<'wage_standard'>;
      return d.effectiveFrom === currentWage.get(d.standardType) ? 1 : d.effectiveFrom > today ? 0.9 : 0.5;
    }
    case 'subsidy': {
      const w = (row.details as DetailsOf<'subsidy'>).applicationWindow;
      return w.closesOn !== null && w.closesOn < today ? 0.75 : 1;
    }
    case 'notice': {
      const validUntil = (row.details as DetailsOf<'notice'>).validUntil;
      return validUntil !== null && validUntil < today ? 0.7 : 1;
    }
    default:
      return 1;
  }
}

export interface SearchHit {
  row: ContentRow;
  score: number;
}

export type SearchIndex = ReturnType<typeof buildSearchIndex>;

export function buildSearchIndex(rows: readonly ContentRow[]) {
  const entries: Entry[] = rows.map((row) => ({
    row,
    fields: [
      normalizeText(row.title),
      normalizeText([row.summary, row.policyBasis ?? '', ...stringsOf(row.details, [])].join('\n')),
      normalizeText(row.body),
    ],
  }));
  /** Per word: the weight of the best field it occurs in, per entry (0: absent), and how many entries have it. */
  const matches = new Map<string, { weights: Float32Array; df: number }>();

  function lookup(word: string) {
    let m = matches.get(word);
    if (!m) {
      const weights = new Float32Array(entries.length);
      let df = 0;
      entries.forEach((e, i) => {
        const field = e.fields.findIndex((f) => f.includes(word));
        if (field >= 0) {
          weights[i] = FIELD_WEIGHTS[field as 0 | 1 | 2];
          df++;
        }
      });
      if (matches.size >= MAX_CACHED_WORDS) matches.delete(matches.keys().next().value!);
      m = { weights, df };
      matches.set(word, m);
    }
    return m;
  }

  const idf = (df: number) => Math.log(1 + (entries.length - df + 0.5) / (df + 0.5));

  /** Per entry, the group's score: its best alternative; a synonym is worth no more than the typed word. */
  function groupScores(group: QueryGroup): { scores: Float32Array; idf: number } {
    const scores = new Float32Array(entries.length);
    const typed = lookup(group.typed);
    const cap = typed.df > 0 ? idf(typed.df) : Infinity;
    let best = 0;
    for (const alt of group.alternatives) {
      const m = lookup(alt.text);
      if (m.df === 0) continue;
      const value = Math.min(idf(m.df), alt.synonym ? cap : Infinity) * alt.weight;
      best = Math.max(best, value);
      for (let i = 0; i < entries.length; i++) {
        const s = value * m.weights[i]!;
        if (s > scores[i]!) scores[i] = s;
      }
    }
    return { scores, idf: best };
  }

  return {
    size: entries.length,

    search(query: ParsedQuery, opts: { kind?: ContentKind; district?: District | null; now: Date }): SearchHit[] {
      const district = opts.district ?? query.district;
      const perGroup = query.groups.map(groupScores);
      const today = shanghaiDate(opts.now);
      const currentWage = new Map<string, string>();
      for (const e of entries) {
        if (e.row.kind !== 'wage_standard') continue;
        const d = e.row.details as DetailsOf<'wage_standard'>;
        const known = currentWage.get(d.standardType);
        if (d.effectiveFrom <= today && (known === undefined || d.effectiveFrom > known)) currentWage.set(d.standardType, d.effectiveFrom);
      }
      const hits: SearchHit[] = [];
      entries.forEach((e, i) => {
        if (opts.kind && e.row.kind !== opts.kind) return;
        if (district && e.row.districts.length > 0 && !e.row.districts.includes(district)) return;
        let score = 0;
        for (const g of perGroup) score += g.scores[i]!;
        if (score === 0) return;
        for (let g = 0; g + 1 < query.groups.length; g++) {
          if (e.fields[0].includes(query.groups[g]!.typed + query.groups[g + 1]!.typed)) {
            score += TITLE_PHRASE_BONUS * Math.min(perGroup[g]!.idf, perGroup[g + 1]!.idf);
          }
        }
        score *= currency(e.row, opts.now, today, currentWage);
        if (district && e.row.districts.includes(district)) score *= DISTRICT_BOOST;
        hits.push({ row: e.row, score });
      });
      const best = hits.reduce((m, h) => Math.max(m, h.score), 0);
      return hits
        .filter((h) => h.score >= best * MIN_SHARE_OF_BEST)
        .sort((a, b) => b.score - a.score || b.row.publishedAt!.getTime() - a.row.publishedAt!.getTime() || b.row.id - a.row.id);
    },

    /** Titles sharing the most Han characters with the text: something to try when nothing matched. */
    closestTitles(text: string, limit: number): string[] {
      const chars = new Set([...normalizeText(text)].filter((c) => /\p{Script=Han}/u.test(c)));
      return entries
        .map((e) => ({ title: e.row.title, shared: [...chars].filter((c) => e.fields[0].includes(c)).length }))
        .filter((t) => t.shared >= 2)
        .sort((a, b) => b.shared - a.shared)
        .slice(0, limit)
        .map((t) => t.title);
    },
  };
}
