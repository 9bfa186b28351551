import { CONTENT_KIND_NAMES, MessageTemplateBody, NewMessageTemplateBody, type SEED_TOPICS, type ChannelSpec, type ContentKind, type KeywordSource, type MessageTemplateView } from '@zj/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { subscribeTemplates } from '../audience/tables';
import type { Clock } from '../clock';
import { topics as topicTable } from '../content/tables';
import { queryRows, type Database } from '../db/database';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
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

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);
const cnDate = (d: Date) => `${beijing(d).getUTCFullYear()}年${beijing(d).getUTCMonth() + 1}月${beijing(d).getUTCDate()}日`;
const cnDateTime = (d: Date) => `${cnDate(d)} ${beijing(d).toISOString().slice(11, 16)}`;

function registrationClosesAt(item: TemplateSource): Date | null {
  if (item.kind !== 'recruitment') return null;
  const closes = (item.details as { registrationClosesAt?: unknown } | null)?.registrationClosesAt;
  return typeof closes === 'string' && !Number.isNaN(Date.parse(closes)) ? new Date(closes) : null;
}

/** The value of one keyword for `item`, or null when the item has no such field (a deadline of a non-recruitment). */
export function keywordValue(keyword: TemplateKeyword, item: TemplateSource, now: Date): string | null {
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
    const value = keywordValue(keyword, item, now);
    if (value === null || value.length === 0) return null;
    const type = keywordType(key) ?? 'thing';
    if ('field' in keyword && checkKeywordValue(type, value) === null) {
      keywords[key] = { field: keyword.field };
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

type Channel = MessageTemplateView['channel'];
type TemplateRow = ConfiguredTemplate & { kind: 'one_time' | 'long_term' | null; createdAt: Date };

/** Pushes that may still send (or be edited to send) with a template: deleting it would strand them. */
const OPEN_PUSH_STATUSES = ['draft', 'submitted', 'approved', 'scheduled', 'sending', 'paused'];

/**
 * The console's 消息模板 page: the configured templates of both channels, and an admin's changes to them.
 * A template still used by an unfinished push cannot be deleted (its drafts could no longer be composed
 * from it, and the automatic drafts would pick another); its mapping can change, since a push stores its
 * own copy of the keywords.
 */
export function createMessageTemplates(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  async function usage(): Promise<Map<string, number>> {
    const rows = await queryRows<{ channel: Channel; template_id: string; n: string | number }>(
      db,
      sql`select 'oa' as channel, template->>'templateId' as template_id, count(*) as n from pushes
            where template is not null and status in (${sql.join(OPEN_PUSH_STATUSES.map((s) => sql`${s}`), sql`, `)}) group by 2
          union all
          select 'mp', subscribe->>'templateId', count(*) from pushes
            where subscribe is not null and status in (${sql.join(OPEN_PUSH_STATUSES.map((s) => sql`${s}`), sql`, `)}) group by 2`,
    );
    return new Map(rows.map((r) => [`${r.channel}:${r.template_id}`, Number(r.n)]));
  }

  async function rowsOf(channel: Channel): Promise<TemplateRow[]> {
    if (channel === 'oa') return (await db.select().from(templateMessageTemplates).orderBy(asc(templateMessageTemplates.templateId))).map((r) => ({ ...r, kind: null }));
    return db.select().from(subscribeTemplates).orderBy(asc(subscribeTemplates.templateId));
  }

  const view = (channel: Channel, row: TemplateRow, used: Map<string, number>): MessageTemplateView => ({
    channel,
    templateId: row.templateId,
    title: row.title,
    kind: row.kind,
    topics: row.topics,
    keywords: row.keywords,
    inUse: used.get(`${channel}:${row.templateId}`) ?? 0,
    createdAt: row.createdAt.toISOString(),
  });

  async function find(channel: Channel, templateId: string): Promise<MessageTemplateView | null> {
    const row = (await rowsOf(channel)).find((r) => r.templateId === templateId);
    return row ? view(channel, row, await usage()) : null;
  }

  /** Checks what zod cannot: the topics exist, the kind fits the channel, fixed texts pass WeChat's rules. */
  async function check(channel: Channel, body: z.output<typeof MessageTemplateBody>): Promise<void> {
    if (channel === 'oa' && body.kind !== null) throw new ValidationError('服务号模板消息没有订阅类型，请不要填写 kind');
    if (channel === 'mp' && body.kind === null) throw new ValidationError('请选择订阅消息的类型（一次性订阅或长期订阅）');
    const topics = [...new Set(body.topics)];
    if (topics.length > 0) {
      const known = new Set((await db.select({ code: topicTable.code }).from(topicTable).where(inArray(topicTable.code, topics))).map((t) => t.code));
      const unknown = topics.filter((t) => !known.has(t));
      if (unknown.length > 0) throw new ValidationError(`主题「${unknown.join('、')}」不存在`, { topics: unknown });
    }
    for (const [key, source] of Object.entries(body.keywords)) {
      const type = keywordType(key);
      if (type === null) throw new ValidationError(`关键词「${key}」不是微信的关键词类型（如 thing1、time2、date3、phrase4）`);
      const problem = 'text' in source ? checkKeywordValue(type, source.text) : null;
      if (problem !== null) throw new ValidationError(`关键词「${key}」的固定文字不符合微信的规则：${problem}`, { key, problem });
    }
  }

  function parse<S extends typeof MessageTemplateBody | typeof NewMessageTemplateBody>(schema: S, body: unknown): z.output<S> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? '模板配置不完整', parsed.error.issues);
    return parsed.data as z.output<S>;
  }

  return {
    async list(): Promise<MessageTemplateView[]> {
      const used = await usage();
      return [...(await rowsOf('oa')).map((r) => view('oa', r, used)), ...(await rowsOf('mp')).map((r) => view('mp', r, used))];
    },

    find,

    async create(body: unknown): Promise<MessageTemplateView> {
      const input = parse(NewMessageTemplateBody, body);
      await check(input.channel, input);
      const values = { templateId: input.templateId, title: input.title, topics: [...new Set(input.topics)], keywords: input.keywords, createdAt: clock.now() };
      const inserted =
        input.channel === 'oa'
          ? await db.insert(templateMessageTemplates).values(values).onConflictDoNothing().returning({ id: templateMessageTemplates.templateId })
          : await db.insert(subscribeTemplates).values({ ...values, kind: input.kind! }).onConflictDoNothing().returning({ id: subscribeTemplates.templateId });
      if (inserted.length === 0) throw new ConflictError('template_exists', `模板 ID「${input.templateId}」已经配置过，请直接修改它`);
      return (await find(input.channel, input.templateId))!;
    },

    async update(channel: Channel, templateId: string, body: unknown): Promise<MessageTemplateView> {
      const input = parse(MessageTemplateBody, body);
      await check(channel, input);
      const values = { title: input.title, topics: [...new Set(input.topics)], keywords: input.keywords };
      const updated =
        channel === 'oa'
          ? await db.update(templateMessageTemplates).set(values).where(eq(templateMessageTemplates.templateId, templateId)).returning({ id: templateMessageTemplates.templateId })
          : await db.update(subscribeTemplates).set({ ...values, kind: input.kind! }).where(eq(subscribeTemplates.templateId, templateId)).returning({ id: subscribeTemplates.templateId });
      if (updated.length === 0) throw new NotFoundError('该模板');
      return (await find(channel, templateId))!;
    },

    /** Refused while an unfinished push uses the template; a finished push keeps its own copy of the message. */
    async remove(channel: Channel, templateId: string): Promise<MessageTemplateView> {
      const before = await find(channel, templateId);
      if (!before) throw new NotFoundError('该模板');
      if (before.inUse > 0) throw new ConflictError('template_in_use', `还有 ${before.inUse} 条未完成的推送使用这个模板，请先修改或取消这些推送`, { inUse: before.inUse });
      // The check again in the delete itself, so a push composed meanwhile keeps its template.
      const column = channel === 'oa' ? sql`template` : sql`subscribe`;
      const stillFree = sql`not exists (select 1 from pushes where ${column}->>'templateId' = ${templateId} and status in (${sql.join(OPEN_PUSH_STATUSES.map((s) => sql`${s}`), sql`, `)}))`;
      const deleted =
        channel === 'oa'
          ? await db.delete(templateMessageTemplates).where(and(eq(templateMessageTemplates.templateId, templateId), stillFree)).returning({ id: templateMessageTemplates.templateId })
          : await db.delete(subscribeTemplates).where(and(eq(subscribeTemplates.templateId, templateId), stillFree)).returning({ id: subscribeTemplates.templateId });
      if (deleted.length === 0) throw new ConflictError('template_in_use', '有未完成的推送刚开始使用这个模板，请先修改或取消这些推送');
      return before;
    },
  };
}

export type MessageTemplates = ReturnType<typeof createMessageTemplates>;
