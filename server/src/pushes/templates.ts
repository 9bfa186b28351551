import { CONTENT_KIND_NAMES, type SEED_TOPICS, type ChannelSpec, type ContentKind, type KeywordSource } from '@zj/shared';
import { asc } from 'drizzle-orm';
import { subscribeTemplates } from '../audience/tables';
import type { Database } from '../db/database';
import { checkKeywordValue, keywordType } from '../wechat/client/message-limits';
import type { TemplateKeyword } from '../audience/tables';
import { templateMessageTemplates } from './tables';

/**
 * The message templates a push can use, as configured for the bureau's accounts: the 服务号's
 * template-message templates and the mini-program's subscribe-message templates, each with the topics it
 * serves (empty = every topic) and the default mapping of its keywords onto content fields. Automatic
 * drafts take their channels from here; the mini-program asks, per topic, for the subscribe templates
 * listed for it.
 */

export interface ConfiguredTemplate {
  templateId: string;
  title: string;
  topics: string[];
  keywords: Record<string, TemplateKeyword>;
}

/** What a keyword can be filled from: the content item as stored. */
export interface TemplateSource {
  kind: string;
  title: string;
  summary: string;
  department: string;
  publishedAt: Date | null;
  details: unknown;
}

const FIELDS_OF_PUSH_INPUT: ReadonlySet<string> = new Set(['title', 'summary', 'department', 'kind', 'publishedDate']);

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);
const cnDate = (d: Date) => `${beijing(d).getUTCFullYear()}年${beijing(d).getUTCMonth() + 1}月${beijing(d).getUTCDate()}日`;
const cnDateTime = (d: Date) => `${cnDate(d)} ${beijing(d).toISOString().slice(11, 16)}`;

function registrationClosesAt(item: TemplateSource): Date | null {
  if (item.kind !== 'recruitment') return null;
  const closes = (item.details as { registrationClosesAt?: unknown } | null)?.registrationClosesAt;
  return typeof closes === 'string' && !Number.isNaN(Date.parse(closes)) ? new Date(closes) : null;
}

/** The value of one keyword for `item`, or null when the item has no such field. */
function valueOf(keyword: TemplateKeyword, item: TemplateSource, now: Date): string | null {
  if ('text' in keyword) return keyword.text;
  switch (keyword.field) {
    case 'title':
    case 'summary':
    case 'department':
      return item[keyword.field];
    case 'kind':
      return CONTENT_KIND_NAMES[item.kind as ContentKind] ?? item.kind;
    case 'publishedDate':
      return cnDate(item.publishedAt ?? now);
    case 'registrationClosesAt': {
      const closes = registrationClosesAt(item);
      return closes === null ? null : cnDateTime(closes);
    }
  }
}

/** Shortens a value to its keyword's limit the way WxJava does (…), for the types limited by length only. */
function fitted(key: string, value: string): string {
  const type = keywordType(key) ?? 'thing';
  const chars = [...value];
  const limit = type === 'thing' || type === 'const' || type === 'enum' ? 20 : type === 'name' && /\p{Script=Han}/u.test(value) ? 10 : null;
  return limit !== null && chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value;
}

/**
 * The channel spec of a template for `item`, ready to submit: each keyword from its default mapping,
 * kept as a field when its value passes WeChat's rules as it is, otherwise as the fitted text (a title
 * shortened to 20 characters, the deadline written out). Null when a keyword cannot be filled or fitted.
 */
export function channelSpecFor(template: ConfiguredTemplate, item: TemplateSource, now: Date): ChannelSpec | null {
  const keywords: Record<string, KeywordSource> = {};
  for (const [key, keyword] of Object.entries(template.keywords)) {
    const value = valueOf(keyword, item, now);
    if (value === null || value.length === 0) return null;
    const type = keywordType(key) ?? 'thing';
    if ('field' in keyword && FIELDS_OF_PUSH_INPUT.has(keyword.field) && checkKeywordValue(type, value) === null) {
      keywords[key] = { field: keyword.field as Extract<KeywordSource, { field: unknown }>['field'] };
      continue;
    }
    const text = fitted(key, value);
    if (checkKeywordValue(type, text) !== null) return null;
    keywords[key] = { text };
  }
  return Object.keys(keywords).length > 0 ? { templateId: template.templateId, keywords } : null;
}

/**
 * The template of one channel for an automatic draft on `topics`: among those serving the topics (or
 * every topic), the ones that can be filled from the item; a deadline reminder prefers a template that
 * carries the deadline, a publication one that does not; then one made for these topics over a general
 * one; then the template id, so every instance picks the same.
 */
export function chooseTemplate(templates: readonly ConfiguredTemplate[], input: { topics: readonly string[]; item: TemplateSource; deadline: boolean; now: Date }): ChannelSpec | null {
  const carriesDeadline = (t: ConfiguredTemplate) => Object.values(t.keywords).some((k) => 'field' in k && k.field === 'registrationClosesAt');
  const ranked = templates
    .filter((t) => t.topics.length === 0 || t.topics.some((topic) => input.topics.includes(topic)))
    .map((t) => ({ t, score: (carriesDeadline(t) === input.deadline ? 2 : 0) + (t.topics.length > 0 ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || (a.t.templateId < b.t.templateId ? -1 : 1));
  for (const { t } of ranked) {
    const spec = channelSpecFor(t, input.item, input.now);
    if (spec) return spec;
  }
  return null;
}

export async function listTemplateMessageTemplates(db: Database): Promise<ConfiguredTemplate[]> {
  return db
    .select({ templateId: templateMessageTemplates.templateId, title: templateMessageTemplates.title, topics: templateMessageTemplates.topics, keywords: templateMessageTemplates.keywords })
    .from(templateMessageTemplates)
    .orderBy(asc(templateMessageTemplates.templateId));
}

export async function listSubscribeMessageTemplates(db: Database): Promise<(ConfiguredTemplate & { kind: 'one_time' | 'long_term' })[]> {
  return db
    .select({ templateId: subscribeTemplates.templateId, kind: subscribeTemplates.kind, title: subscribeTemplates.title, topics: subscribeTemplates.topics, keywords: subscribeTemplates.keywords })
    .from(subscribeTemplates)
    .orderBy(asc(subscribeTemplates.templateId));
}

const RECRUITMENT_TOPICS = ['institution_recruitment', 'qualification_exam', 'title_review', 'talent_project'] satisfies (typeof SEED_TOPICS)[number]['code'][];

/**
 * The sandbox's templates (ids invented; a real deployment enters the ones its MP backend gives): a
 * general notice for every topic and a registration reminder for the recruitment topics, on both channels.
 */
export const DEMO_TEMPLATE_MESSAGE_TEMPLATES: readonly ConfiguredTemplate[] = [
  {
    templateId: 'ZJdemoTplPolicyNotice0001',
    title: '政策发布通知',
    topics: [],
    keywords: { thing1: { field: 'title' }, thing2: { field: 'kind' }, date3: { field: 'publishedDate' }, thing4: { field: 'department' } },
  },
  {
    templateId: 'ZJdemoTplRegistrationReminder0001',
    title: '报名截止提醒',
    topics: RECRUITMENT_TOPICS,
    keywords: { thing1: { field: 'title' }, time2: { field: 'registrationClosesAt' }, thing3: { text: '报名明天截止，请抓紧报名' } },
  },
];

export const DEMO_SUBSCRIBE_TEMPLATES: readonly (ConfiguredTemplate & { kind: 'one_time' | 'long_term' })[] = [
  {
    templateId: 'ZJdemoSubPolicyNotice0001',
    kind: 'one_time',
    title: '政策发布提醒',
    topics: [],
    keywords: { thing1: { field: 'title' }, thing2: { field: 'kind' }, date3: { field: 'publishedDate' } },
  },
  {
    templateId: 'ZJdemoSubRegistrationReminder0001',
    kind: 'one_time',
    title: '报名截止提醒',
    topics: RECRUITMENT_TOPICS,
    keywords: { thing1: { field: 'title' }, time2: { field: 'registrationClosesAt' }, thing3: { text: '报名明天截止，请抓紧报名' } },
  },
];

/** Loads the sandbox's templates; templates already there (which an admin may have changed) are kept. */
export async function seedDemoTemplates(db: Database, now: Date): Promise<void> {
  await db
    .insert(templateMessageTemplates)
    .values(DEMO_TEMPLATE_MESSAGE_TEMPLATES.map((t) => ({ ...t, topics: [...t.topics], createdAt: now })))
    .onConflictDoNothing();
  await db
    .insert(subscribeTemplates)
    .values(DEMO_SUBSCRIBE_TEMPLATES.map((t) => ({ ...t, topics: [...t.topics], createdAt: now })))
    .onConflictDoNothing();
}
