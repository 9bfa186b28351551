import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SearchPage } from '@zj/shared';
import type { TestSystem } from './test-system';
import { contentOf, newOpenId, sandboxPusher, textMessage } from './wechat-requests';

/** Questions in residents' words, each with what a good answer must name (the dev set in ../shared/research). */
export interface ResidentQuestion {
  q: string;
  expect: string[];
}

export const DEV_SET_PATH = resolve(process.cwd(), '../shared/research/resident-questions-dev.json');

export function loadResidentQuestions(path = DEV_SET_PATH): ResidentQuestion[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { questions: ResidentQuestion[] }).questions;
}

/** What the chat answers when it found nothing (answers.ts); such a reply never counts as a hit. */
const CHAT_FALLBACK = '抱歉，暂时没有找到';

export interface Outcome {
  q: string;
  /** Rank (1-based) of the first result naming an expected item, or null. */
  rank: number | null;
  zero: boolean;
  /** The titles, or the reply text, for reading a miss. */
  seen: string;
}

export interface Figures {
  total: number;
  hit1: number;
  hit3: number;
  zero: number;
  outcomes: Outcome[];
}

function figures(outcomes: Outcome[]): Figures {
  return {
    total: outcomes.length,
    hit1: outcomes.filter((o) => o.rank === 1).length,
    hit3: outcomes.filter((o) => o.rank !== null && o.rank <= 3).length,
    zero: outcomes.filter((o) => o.zero).length,
    outcomes,
  };
}

/** Each question through GET /api/v1/search: a hit names an expected item in a result's title. */
export async function measureSearch(t: TestSystem, questions: readonly ResidentQuestion[]): Promise<Figures> {
  const outcomes: Outcome[] = [];
  for (const { q, expect } of questions) {
    const res = await t.get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=3`);
    if (res.status !== 200) throw new Error(`search ${q}: HTTP ${res.status} ${await res.text()}`);
    const titles = ((await res.json()) as SearchPage).items.map((i) => i.title);
    const at = titles.findIndex((title) => expect.some((e) => title.includes(e)));
    outcomes.push({ q, rank: at < 0 ? null : at + 1, zero: titles.length === 0, seen: titles.join(' / ') });
  }
  return figures(outcomes);
}

/**
 * Each question as a text message to /wechat through the sandbox. The reply is one text, so hit@1 and
 * hit@3 are the same: it names an expected item and is not the not-found fallback.
 */
export async function measureChat(t: TestSystem, questions: readonly ResidentQuestion[]): Promise<Figures> {
  const pusher = sandboxPusher(t);
  const outcomes: Outcome[] = [];
  for (const { q, expect } of questions) {
    const text = contentOf(await pusher.push(textMessage(newOpenId(), q)));
    const fallback = text.includes(CHAT_FALLBACK);
    const hit = !fallback && expect.some((e) => text.includes(e));
    outcomes.push({ q, rank: hit ? 1 : null, zero: fallback, seen: text.replace(/\s+/g, ' ').slice(0, 160) });
  }
  return figures(outcomes);
}

const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(0)}%`;

export function describeFigures(name: string, f: Figures): string {
  return `${name}: hit@1 ${f.hit1}/${f.total} (${pct(f.hit1, f.total)}), hit@3 ${f.hit3}/${f.total} (${pct(f.hit3, f.total)}), zero-result ${f.zero}/${f.total} (${pct(f.zero, f.total)})`;
}
