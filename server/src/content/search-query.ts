import { DISTRICT_BY_NAME, type District } from '@zj/shared';
import type { SearchDictionary } from './search-dictionary';
import { cutWords, isHan, normalizeText, subWords } from './search-tokens';

/** One thing the resident asked about, and the words that count as it in an item's text. */
export interface QueryGroup {
  /** What the resident typed. */
  typed: string;
  /** `typed` first, then its synonyms (weight 1) and shorter words inside it (weight < 1). */
  alternatives: ReadonlyArray<{ text: string; weight: number; synonym: boolean }>;
}

export interface ParsedQuery {
  groups: QueryGroup[];
  /** A district the question names (丹阳、丹阳市、danyang). */
  district: District | null;
}

/** A shorter word inside a typed word stands for it less surely than the word or a synonym does. */
const SUB_WORD_WEIGHT = 0.6;

/** District names, longest first, so 镇江新区 is found before 新区. */
const DISTRICT_ALIASES: ReadonlyArray<readonly [alias: string, code: District]> = [...DISTRICT_BY_NAME]
  .map(([alias, code]) => [normalizeText(alias), code] as const)
  .sort((a, b) => b[0].length - a[0].length);

interface Span {
  from: number;
  to: number;
}

/**
 * Non-overlapping occurrences of known phrases in the text, longest first, so 社保卡 wins over 社保.
 * Latin aliases must stand alone (danyang, not a part of a longer word).
 */
function findPhrases<T>(text: string, phrases: Iterable<readonly [string, T]>): Array<Span & { phrase: string; value: T }> {
  const found: Array<Span & { phrase: string; value: T }> = [];
  for (const [phrase, value] of phrases) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (!isHan(phrase) && (/[a-z0-9]/.test(text[at - 1] ?? '') || /[a-z0-9]/.test(text[at + phrase.length] ?? ''))) continue;
      found.push({ from: at, to: at + phrase.length, phrase, value });
    }
  }
  found.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: typeof found = [];
  for (const f of found) if (!kept.some((k) => f.from < k.to && k.from < f.to)) kept.push(f);
  return kept.sort((a, b) => a.from - b.from);
}

/**
 * What a resident's question asks about: district names become a filter, dictionary phrases bring their
 * synonyms, and the remaining words are kept unless they are stop words or single characters (a single
 * character is kept only when nothing else is left, e.g. a search for 税).
 */
export function parseQuery(input: string, dictionary: SearchDictionary): ParsedQuery {
  const text = normalizeText(input);
  const districtHits = findPhrases(text, DISTRICT_ALIASES);
  const phrases = findPhrases(
    text,
    [...dictionary.synonyms].map(([term, expansions]) => [term, expansions] as const),
  ).filter((p) => !districtHits.some((d) => p.from < d.to && d.from < p.to));
  const taken: Span[] = [...districtHits, ...phrases];

  const entries: Array<{ at: number; group: QueryGroup; single: boolean }> = phrases.map((p) => ({
    at: p.from,
    single: false,
    group: {
      typed: p.phrase,
      alternatives: [{ text: p.phrase, weight: 1, synonym: false }, ...p.value.map((e) => ({ text: e, weight: 1, synonym: true }))],
    },
  }));
  for (const { word, at } of cutWords(text)) {
    if (taken.some((s) => at >= s.from && at + word.length <= s.to)) continue;
    if (dictionary.stopWords.has(word)) continue;
    const alternatives = [{ text: word, weight: 1, synonym: false }, ...subWords(word).map((w) => ({ text: w, weight: SUB_WORD_WEIGHT, synonym: false }))];
    entries.push({ at, single: isHan(word) && [...word].length === 1, group: { typed: word, alternatives } });
  }
  const words = entries.some((e) => !e.single) ? entries.filter((e) => !e.single) : entries;
  const seen = new Set<string>();
  const groups = words
    .sort((a, b) => a.at - b.at)
    .map((e) => e.group)
    .filter((g) => !seen.has(g.typed) && seen.add(g.typed));
  return { groups, district: districtHits[0]?.value ?? null };
}
