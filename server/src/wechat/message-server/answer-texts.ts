import { createHash } from 'node:crypto';

/** An answer text and the key it is stored under (wechat_answer_texts). */
export interface AnswerText {
  hash: string;
  text: string;
}

/** SHA-256 of the UTF-8 text, base64url: the same as migration 0002 computes in SQL. */
export function answerTextHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

export interface AnswerTextsOptions {
  now: () => number;
  /**
   * A text this instance stored longer ago than this is stored again (which refreshes its stored_at), so
   * that retention, which spares texts stored within its window, never removes one still in use.
   */
  restoreAfterMs?: number;
  maxEntries?: number;
}

export type AnswerTexts = ReturnType<typeof createAnswerTexts>;

/**
 * The answer texts this instance stored lately. A push's record then carries only the hash of its answer,
 * and the text goes to the database with the first push that needs it. Answers come from a cache, so the
 * same string object repeats and the Map finds it without hashing it again.
 */
export function createAnswerTexts(options: AnswerTextsOptions) {
  const restoreAfterMs = options.restoreAfterMs ?? 60 * 60_000;
  const maxEntries = options.maxEntries ?? 2000;
  /** By text; storedAt null = hashed, not yet stored by this instance. Oldest first (insertion order). */
  const entries = new Map<string, { hash: string; storedAt: number | null }>();

  function entryOf(text: string): { hash: string; storedAt: number | null } {
    let entry = entries.get(text);
    if (!entry) {
      entry = { hash: answerTextHash(text), storedAt: null };
      entries.set(text, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return entry;
  }

  return {
    of(text: string): AnswerText {
      return { hash: entryOf(text).hash, text };
    },

    /** Of `answers`, those to write along with them: not stored by this instance lately. One per hash. */
    toStore(answers: ReadonlyArray<AnswerText | null>): AnswerText[] {
      const now = options.now();
      const out = new Map<string, AnswerText>();
      for (const answer of answers) {
        if (!answer || out.has(answer.hash)) continue;
        const storedAt = entries.get(answer.text)?.storedAt ?? null;
        if (storedAt === null || now - storedAt >= restoreAfterMs || now < storedAt) out.set(answer.hash, answer);
      }
      return [...out.values()];
    },

    /** `texts` are in the database now. */
    stored(texts: readonly AnswerText[]): void {
      const now = options.now();
      for (const t of texts) entryOf(t.text).storedAt = now;
    },
  };
}
