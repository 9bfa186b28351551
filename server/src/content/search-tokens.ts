/**
 * Chinese full-text search without a Chinese parser: PostgreSQL (server or PGlite) has no Chinese
 * segmentation built in, so the application indexes overlapping character bigrams (plus single
 * characters) and queries the bigrams of each word. A query of consecutive characters then matches text
 * containing all its bigrams, which for short queries is nearly always the phrase itself. The tsvector and
 * tsquery are built as literals, so no text-search configuration or locale is involved and PostgreSQL 15
 * and 18 behave the same.
 */

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const CJK = new RegExp(`[${HAN}]`, 'u');
/** A run of Han characters, or a run of other letters and digits. */
const TOKEN_RUN = new RegExp(`[${HAN}]+|(?:(?![${HAN}])[\\p{L}\\p{N}])+`, 'gu');
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 8;

export type Weight = 'A' | 'B' | 'C' | 'D';

function quote(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The lexemes of one run with their offsets: a CJK run gives each character and each bigram at the
 * character's offset; another word gives itself, lower-cased.
 */
function indexLexemes(run: string): Array<[lexeme: string, offset: number]> {
  if (!CJK.test(run)) return [[run.toLowerCase(), 0]];
  const chars = [...run];
  const out: Array<[string, number]> = chars.map((c, i) => [c, i]);
  for (let i = 0; i + 1 < chars.length; i++) out.push([chars[i]! + chars[i + 1]!, i]);
  return out;
}

/** A tsvector literal for weighted fields, e.g. title as A, summary as B, body as C. */
export function buildSearchVector(fields: ReadonlyArray<readonly [text: string, weight: Weight]>): string {
  const positions = new Map<string, string[]>();
  let position = 1;
  for (const [text, weight] of fields) {
    for (const match of text.matchAll(TOKEN_RUN)) {
      for (const [lexeme, offset] of indexLexemes(match[0])) {
        const list = positions.get(lexeme) ?? [];
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(position + offset, MAX_POSITION)}${weight}`);
        positions.set(lexeme, list);
      }
      position += [...match[0]].length;
    }
    position += 1;
  }
  return [...positions].map(([lexeme, list]) => `${quote(lexeme)}:${list.join(',')}`).join(' ');
}

/** The lexemes a query word must all match: its bigrams, or the character itself when it is one. */
function queryLexemes(run: string): string[] {
  if (!CJK.test(run)) return [run.toLowerCase()];
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Terms residents use for what the bureau publishes under another name. */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['工资标准', '最低工资'],
  ['社保', '社会保险'],
  ['公积金', '住房公积金'],
  ['招聘', '招考'],
  ['职称', '职称评审'],
  ['补助', '补贴'],
  ['失业金', '失业保险金'],
  ['新区', '经开区'],
];

function variantsOf(query: string): string[] {
  const variants = new Set([query]);
  for (const group of SYNONYMS) for (const term of group) if (query.includes(term)) for (const other of group) variants.add(query.replace(term, other));
  return [...variants];
}

/**
 * A tsquery literal for what a resident typed, or null when it has nothing searchable. Every word must
 * match; a known synonym widens the query with an OR.
 */
export function buildSearchQuery(input: string): string | null {
  const alternatives = variantsOf(input.trim()).flatMap((variant) => {
    const lexemes = [...new Set([...variant.matchAll(TOKEN_RUN)].flatMap((m) => queryLexemes(m[0])))];
    return lexemes.length === 0 ? [] : [`(${lexemes.map(quote).join(' & ')})`];
  });
  return alternatives.length === 0 ? null : [...new Set(alternatives)].join(' | ');
}
