import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import { bumpGeneration } from './repository';
import { SEED_STOP_WORDS, SEED_SYNONYMS } from './seed/search-dictionary';
import { normalizeText } from './search-tokens';
import { searchStopWords, searchSynonyms } from './tables';

/** The search vocabulary as the query parser uses it. */
export interface SearchDictionary {
  /** Normalized term → the words to look for as well. */
  synonyms: ReadonlyMap<string, readonly string[]>;
  stopWords: ReadonlySet<string>;
}

export interface SynonymEntry {
  term: string;
  expansions: string[];
}

export async function listSynonyms(db: Database): Promise<SynonymEntry[]> {
  return db.select().from(searchSynonyms).orderBy(asc(searchSynonyms.term));
}

export async function listStopWords(db: Database): Promise<string[]> {
  return (await db.select().from(searchStopWords).orderBy(asc(searchStopWords.word))).map((r) => r.word);
}

/**
 * Every dictionary write bumps the content generation with it, so searches on every instance pick up the
 * change as they pick up a content edit.
 */
async function writeDictionary(db: Database, fn: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await fn(tx);
    await bumpGeneration(tx);
  });
}

/** Adds a synonym or replaces its expansions. */
export async function putSynonym(db: Database, entry: SynonymEntry): Promise<void> {
  const term = normalizeText(entry.term.trim());
  const expansions = [...new Set(entry.expansions.map((e) => normalizeText(e.trim())).filter((e) => e && e !== term))];
  await writeDictionary(db, async (tx) => {
    await tx.insert(searchSynonyms).values({ term, expansions }).onConflictDoUpdate({ target: searchSynonyms.term, set: { expansions } });
  });
}

export async function removeSynonym(db: Database, term: string): Promise<void> {
  await writeDictionary(db, async (tx) => {
    await tx.delete(searchSynonyms).where(eq(searchSynonyms.term, normalizeText(term.trim())));
  });
}

export async function addStopWord(db: Database, word: string): Promise<void> {
  await writeDictionary(db, async (tx) => {
    await tx.insert(searchStopWords).values({ word: normalizeText(word.trim()) }).onConflictDoNothing();
  });
}

export async function removeStopWord(db: Database, word: string): Promise<void> {
  await writeDictionary(db, async (tx) => {
    await tx.delete(searchStopWords).where(eq(searchStopWords.word, normalizeText(word.trim())));
  });
}

/** Loads the shipped vocabulary; entries that exist (which editors may have changed or removed words from) are kept. */
export async function seedSearchDictionary(db: Database): Promise<void> {
  await db
    .insert(searchSynonyms)
    .values(SEED_SYNONYMS.map(([term, expansions]) => ({ term, expansions: [...expansions] })))
    .onConflictDoNothing();
  await db
    .insert(searchStopWords)
    .values(SEED_STOP_WORDS.map((word) => ({ word })))
    .onConflictDoNothing();
}

export async function loadSearchDictionary(db: Database): Promise<SearchDictionary> {
  const [synonyms, stopWords] = await Promise.all([listSynonyms(db), listStopWords(db)]);
  return { synonyms: new Map(synonyms.map((s) => [s.term, s.expansions])), stopWords: new Set(stopWords) };
}
