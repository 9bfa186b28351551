/**
 * Whether the chat may answer a question with one item or should offer a few. Search orders its hits but
 * a chat reply has room for one answer: it gives one only when the first hit's title (or summary) covers
 * most of what was asked and clearly more than the next hit's does.
 */

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** Share of the question the first hit must cover, and how far ahead of the second it must be. */
export const SURE_COVERAGE = 0.5;
export const SURE_MARGIN = 0.2;

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The units of meaning of a question's search terms: words of two or more characters as ICU segments
 * them, and the bigrams of runs it leaves as single characters (社/保/卡 → 社保, 保卡). Lone characters
 * count only when nothing else is there.
 */
export function questionUnits(terms: string): string[] {
  const units = new Set<string>();
  const singles: string[] = [];
  let run = '';
  const endRun = () => {
    if ([...run].length >= 2) for (const b of bigrams(run)) units.add(b);
    else if (run !== '') singles.push(run);
    run = '';
  };
  for (const s of WORDS.segment(terms.toLowerCase())) {
    if (!s.isWordLike) {
      endRun();
      continue;
    }
    if ([...s.segment].length === 1 && /\p{Script=Han}/u.test(s.segment)) {
      run += s.segment;
      continue;
    }
    endRun();
    units.add(s.segment);
  }
  endRun();
  return units.size > 0 ? [...units] : singles;
}

/** How much of the question an item's title (full weight) and summary (half) contain, 0–1. */
export function coverage(units: readonly string[], item: { title: string; summary: string }): number {
  if (units.length === 0) return 0;
  const title = item.title.toLowerCase();
  const summary = item.summary.toLowerCase();
  let got = 0;
  for (const unit of units) got += title.includes(unit) ? 1 : summary.includes(unit) ? 0.5 : 0;
  return got / units.length;
}

export type Choice<T> = { sure: true; best: T } | { sure: false; candidates: T[] };

/** One item when the first hit stands out, else the first three as candidates; `hits` is not empty. */
export function chooseAnswer<T extends { title: string; summary: string }>(terms: string, hits: readonly T[]): Choice<T> {
  const units = questionUnits(terms);
  const [first, second] = hits.map((hit) => coverage(units, hit));
  if (first !== undefined && first >= SURE_COVERAGE && (second === undefined || first - second >= SURE_MARGIN)) return { sure: true, best: hits[0]! };
  return { sure: false, candidates: hits.slice(0, 3) };
}
