import { asc, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { loggableError } from '../../logger';
import { keywordRules } from './tables';

/**
 * Keyword rules of the message router are data (keyword_rules): editors change words, order and fixed
 * replies without a release. This module holds the rule contract, the matcher, the repository, the
 * shipped defaults and a short-lived cache of the active rules.
 */

export const RULE_ACTIONS = [
  'wage',
  'subsidies',
  'recruitment',
  'exams',
  'title_review',
  'interpretation',
  'hotline',
  'halls',
  'subscribe',
  'unsubscribe',
  'my_subscriptions',
  'help',
  /** Answer with the rule's reply_text. */
  'text',
] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export const MATCH_MODES = ['exact', 'contains', 'prefix'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];

export const KeywordRuleInput = z
  .object({
    keywords: z.array(z.string().trim().min(1).max(30)).min(1).max(30),
    match: z.enum(MATCH_MODES),
    action: z.enum(RULE_ACTIONS),
    replyText: z.string().trim().max(1500).nullable().default(null),
    /** Lower runs first. */
    priority: z.number().int().min(0).max(10_000).default(100),
    active: z.boolean().default(true),
  })
  .refine((r) => r.action !== 'text' || (r.replyText ?? '') !== '', { message: '固定回复的规则必须填写回复内容', path: ['replyText'] });
export type KeywordRuleInput = z.input<typeof KeywordRuleInput>;

export type KeywordRule = z.output<typeof KeywordRuleInput> & { id: number };

/** Full-width letters, digits and punctuation (１２３３３, ？) become their ASCII forms; case is ignored. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

export interface RuleMatch {
  rule: KeywordRule;
  keyword: string;
  /** What follows a prefix keyword (the topic of “订阅 工资标准”); '' for other modes. */
  rest: string;
}

interface PreparedRule {
  rule: KeywordRule;
  /** The rule's keywords with their normalised forms; keywords that normalise to '' are left out. */
  keywords: Array<{ raw: string; normalised: string }>;
}

/**
 * Active rules in matching order with their keywords normalised, per rules array: NFKC of every keyword
 * of every rule on every message was a visible share of the CPU per push. The rule cache hands out one
 * array for its TTL, and arrays given here are not changed afterwards.
 */
const preparedRules = new WeakMap<readonly KeywordRule[], PreparedRule[]>();

function prepare(rules: readonly KeywordRule[]): PreparedRule[] {
  let prepared = preparedRules.get(rules);
  if (!prepared) {
    prepared = [...rules]
      .sort((a, b) => a.priority - b.priority || a.id - b.id)
      .filter((rule) => rule.active)
      .map((rule) => ({
        rule,
        keywords: rule.keywords.map((raw) => ({ raw, normalised: normaliseText(raw) })).filter((k) => k.normalised !== ''),
      }));
    preparedRules.set(rules, prepared);
  }
  return prepared;
}

/** The first rule, by priority then id, one of whose keywords matches the text. */
export function matchKeywordRule(text: string, rules: readonly KeywordRule[]): RuleMatch | null {
  const input = normaliseText(text);
  if (input === '') return null;
  for (const { rule, keywords } of prepare(rules)) {
    for (const { raw, normalised: keyword } of keywords) {
      if (rule.match === 'exact' && input === keyword) return { rule, keyword: raw, rest: '' };
      if (rule.match === 'contains' && input.includes(keyword)) return { rule, keyword: raw, rest: '' };
      if (rule.match === 'prefix' && input.startsWith(keyword)) return { rule, keyword: raw, rest: input.slice(keyword.length).trim() };
    }
  }
  return null;
}

/** The shipped rules; loaded once into an empty table, after which the table is the editors'. */
export const DEFAULT_KEYWORD_RULES: readonly KeywordRuleInput[] = [
  { keywords: ['退订', '取消订阅'], match: 'prefix', action: 'unsubscribe', priority: 10 },
  { keywords: ['我的订阅'], match: 'exact', action: 'my_subscriptions', priority: 11 },
  { keywords: ['订阅'], match: 'prefix', action: 'subscribe', priority: 12 },
  { keywords: ['帮助', 'help', '?', '菜单', '你好', '您好'], match: 'exact', action: 'help', priority: 20 },
  { keywords: ['服务大厅', '办事大厅', '服务网点', '在哪里办', '在哪办'], match: 'contains', action: 'halls', priority: 28 },
  { keywords: ['12333', '人工', '电话', '热线', '客服'], match: 'contains', action: 'hotline', priority: 30 },
  { keywords: ['最低工资', '工资标准', '工资指导线'], match: 'contains', action: 'wage', priority: 40 },
  { keywords: ['职称'], match: 'contains', action: 'title_review', priority: 50 },
  { keywords: ['招聘', '招考', '事业编', '事业单位'], match: 'contains', action: 'recruitment', priority: 51 },
  { keywords: ['考试', '考务', '准考证'], match: 'contains', action: 'exams', priority: 52 },
  { keywords: ['补贴', '补助', '创业'], match: 'contains', action: 'subsidies', priority: 60 },
  { keywords: ['政策解读', '解读'], match: 'contains', action: 'interpretation', priority: 70 },
];

type Row = typeof keywordRules.$inferSelect;

function toRule(row: Row): KeywordRule | null {
  const parsed = KeywordRuleInput.safeParse({
    keywords: row.keywords,
    match: row.match,
    action: row.action,
    replyText: row.replyText,
    priority: row.priority,
    active: row.active,
  });
  return parsed.success ? { ...parsed.data, id: row.id } : null;
}

export async function listActiveRules(db: Database): Promise<{ rules: KeywordRule[]; invalidIds: number[] }> {
  const rows = await db
    .select()
    .from(keywordRules)
    .where(eq(keywordRules.active, true))
    .orderBy(asc(keywordRules.priority), asc(keywordRules.id));
  const rules: KeywordRule[] = [];
  const invalidIds: number[] = [];
  for (const row of rows) {
    const rule = toRule(row);
    if (rule) rules.push(rule);
    else invalidIds.push(row.id);
  }
  return { rules, invalidIds };
}

/** Every rule, switched off ones too, in matching order (the console's list); invalid stored rules are left out. */
export async function listKeywordRules(db: Database): Promise<KeywordRule[]> {
  const rows = await db.select().from(keywordRules).orderBy(asc(keywordRules.priority), asc(keywordRules.id));
  return rows.map(toRule).filter((r): r is KeywordRule => r !== null);
}

/** One rule as stored; null when there is none with this id, or it no longer passes the rules' validation. */
export async function getKeywordRule(db: Database, id: number): Promise<KeywordRule | null> {
  const [row] = await db.select().from(keywordRules).where(eq(keywordRules.id, id));
  return row ? toRule(row) : null;
}

export async function insertKeywordRule(db: Database, input: KeywordRuleInput, now: Date): Promise<KeywordRule> {
  const r = KeywordRuleInput.parse(input);
  const [row] = await db.insert(keywordRules).values({ ...r, updatedAt: now }).returning();
  return { ...r, id: row!.id };
}

export async function updateKeywordRule(db: Database, id: number, input: KeywordRuleInput, now: Date): Promise<KeywordRule | null> {
  const r = KeywordRuleInput.parse(input);
  const [row] = await db.update(keywordRules).set({ ...r, updatedAt: now }).where(eq(keywordRules.id, id)).returning({ id: keywordRules.id });
  return row ? { ...r, id } : null;
}

/**
 * Loads the defaults into an empty table, once. The table has no natural key, so "never overwrite edits"
 * means: only an empty table is seeded (editors switch rules off rather than delete them all). The
 * advisory lock makes two instances starting together seed once.
 */
export async function seedKeywordRules(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('zj:seed:keyword_rules'))`);
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(keywordRules);
    if ((existing?.n ?? 0) > 0) return 0;
    const rows = DEFAULT_KEYWORD_RULES.map((input) => ({ ...KeywordRuleInput.parse(input), updatedAt: now }));
    await tx.insert(keywordRules).values(rows);
    return rows.length;
  });
}

export interface KeywordRuleCache {
  active(): Promise<KeywordRule[]>;
  /**
   * Drops the cached rules of this instance. Others pick up changes within the TTL: the first push after it
   * is still answered with the rules they have, while those reload.
   */
  invalidate(): void;
}

export function createKeywordRuleCache(deps: { db: Database; clock: Clock; logger: Logger; ttlMs?: number }): KeywordRuleCache {
  const ttlMs = deps.ttlMs ?? 30_000;
  let cached: { rules: KeywordRule[]; loadedAt: number } | null = null;
  let loading: Promise<KeywordRule[]> | null = null;

  async function load(): Promise<KeywordRule[]> {
    const { rules, invalidIds } = await listActiveRules(deps.db);
    if (invalidIds.length > 0) deps.logger.warn({ ruleIds: invalidIds }, 'keyword rules skipped: stored values are invalid');
    cached = { rules, loadedAt: deps.clock.now().getTime() };
    return rules;
  }

  function reload(): Promise<KeywordRule[]> {
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  }

  return {
    async active() {
      if (!cached) return reload();
      if (deps.clock.now().getTime() - cached.loadedAt >= ttlMs && !loading) {
        // Every push needs the rules: answer with the loaded ones while the reload runs, not after it.
        reload().catch((err: unknown) => deps.logger.warn({ err: loggableError(err) }, 'keyword rules could not be reloaded; the loaded ones stay in use'));
      }
      return cached.rules;
    },
    invalidate() {
      cached = null;
    },
  };
}

