import { MAX_PAGE_SIZE, shanghaiDate, type ContentSummary, type RecruitmentListQuery } from '@zj/shared';
import type { Logger } from 'pino';
import type { AudienceService, Channel, TopicRef } from '../../audience/service';
import type { Clock } from '../../clock';
import type { ContentService } from '../../content/service';
import type { Database } from '../../db/database';
import type { ReadCache } from '../../http/read-cache';
import * as answers from './answers';
import { field, geoPoint, type GeoPoint, type InboundMessage, type MediaType } from './inbound';
import { createBatcher } from '../../db/batcher';
import { answeredSince, insertQrScan, insertSendReports } from './inbound-repository';
import { chooseAnswer } from './best-match';
import { matchKeywordRule, type KeywordRule, type KeywordRuleCache, type RuleAction } from './keyword-rules';
import { parseSubscribeDecisions, parseSubscribeSent, parseTemplateJobFinish } from './platform-events';
import { nearestHalls, type ServiceHall } from './service-halls';
import { bindCodeOf } from '../../editors/wechat-link';

/** What the router gives back: a text for the resident, or nothing (the HTTP answer is then `success`). */
export type Answer = { kind: 'text'; text: string } | { kind: 'none' };
export type Answerer = (message: InboundMessage, ctx: { log: Logger }) => Promise<Answer>;

/** CLICK keys of the custom menu (wechat/menu.json) and the built-in answer each one gives. */
export const MENU_ACTIONS: Readonly<Record<string, Exclude<RuleAction, 'text'>>> = {
  MENU_WAGE: 'wage',
  MENU_SUBSIDY: 'subsidies',
  MENU_INTERPRETATION: 'interpretation',
  MENU_RECRUIT_OPEN: 'recruitment',
  MENU_EXAMS: 'exams',
  MENU_TITLE_REVIEW: 'title_review',
  MENU_HALLS: 'halls',
  MENU_HOTLINE: 'hotline',
};

/** Menu helper events and platform notices that need no answer and no record beyond wechat_inbound. */
const QUIET_EVENTS = new Set([
  'view',
  'view_miniprogram',
  'masssendjobfinish',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
]);

export type Intent =
  | { do: 'action'; action: Exclude<RuleAction, 'text'>; text: string; arg: string }
  | { do: 'fixed'; text: string }
  | { do: 'bind_editor'; code: string }
  | { do: 'search'; text: string }
  | { do: 'nearest_hall'; point: GeoPoint; automatic: boolean }
  | { do: 'follow'; scene: string | null }
  | { do: 'scan'; scene: string }
  | { do: 'unfollow' }
  | { do: 'unknown_menu'; key: string }
  | { do: 'template_report' }
  | { do: 'subscribe_decisions'; revoke: boolean }
  | { do: 'subscribe_sent' }
  | { do: 'media'; mediaType: MediaType | null }
  | { do: 'ignore'; reason: string; unexpected: boolean };

function classifyText(text: string, rules: readonly KeywordRule[]): Intent {
  if (text.trim() === '') return { do: 'action', action: 'help', text, arg: '' };
  // 「绑定 123456」 from the console's push page: before keyword rules, so no rule can shadow it.
  const bindCode = bindCodeOf(text);
  if (bindCode !== null) return { do: 'bind_editor', code: bindCode };
  const match = matchKeywordRule(text, rules);
  if (!match) return { do: 'search', text };
  if (match.rule.action === 'text') return { do: 'fixed', text: match.rule.replyText ?? '' };
  return { do: 'action', action: match.rule.action, text, arg: match.rest };
}

/** Decides what a push asks for; pure, so dispatch is testable without a database. */
export function classify(m: InboundMessage, rules: readonly KeywordRule[]): Intent {
  switch (m.type) {
    case 'text':
      return classifyText(m.content, rules);
    case 'location':
      return m.point ? { do: 'nearest_hall', point: m.point, automatic: false } : { do: 'ignore', reason: 'location without coordinates', unexpected: true };
    case 'media':
      // 语音识别 results arrive as Recognition when the feature is switched on: answer them like text.
      return m.mediaType === 'voice' && m.recognition.trim() !== '' ? classifyText(m.recognition, rules) : { do: 'media', mediaType: m.mediaType };
    case 'unknown':
      return { do: 'media', mediaType: null };
    case 'event':
      break;
  }
  const event = m.event.toLowerCase();
  switch (event) {
    case 'subscribe': {
      const scene = m.eventKey.startsWith('qrscene_') ? m.eventKey.slice('qrscene_'.length) : '';
      return { do: 'follow', scene: scene === '' ? null : scene };
    }
    case 'scan':
      return m.eventKey === '' ? { do: 'ignore', reason: 'SCAN without scene', unexpected: true } : { do: 'scan', scene: m.eventKey };
    case 'unsubscribe':
      return { do: 'unfollow' };
    case 'click': {
      const action = MENU_ACTIONS[m.eventKey];
      return action ? { do: 'action', action, text: '', arg: '' } : { do: 'unknown_menu', key: m.eventKey };
    }
    case 'location': {
      const point = geoPoint(field(m.fields, 'Latitude'), field(m.fields, 'Longitude'));
      return point ? { do: 'nearest_hall', point, automatic: true } : { do: 'ignore', reason: 'LOCATION without coordinates', unexpected: true };
    }
    case 'templatesendjobfinish':
      return { do: 'template_report' };
    case 'subscribe_msg_popup_event':
      return { do: 'subscribe_decisions', revoke: false };
    case 'subscribe_msg_change_event':
      return { do: 'subscribe_decisions', revoke: true };
    case 'subscribe_msg_sent_event':
      return { do: 'subscribe_sent' };
    default:
      if (QUIET_EVENTS.has(event)) return { do: 'ignore', reason: `event ${m.event}`, unexpected: false };
      return { do: 'ignore', reason: event === '' ? 'event without Event' : 'unknown event', unexpected: true };
  }
}

const FILLERS = [
  '怎么办', '请问', '我想', '我要', '想要', '怎么', '如何', '怎样', '申请', '办理', '领取', '查询', '了解', '一下', '哪些', '什么', '有没有', '可以', '能否', '多少', '吗', '呢', '啊', '吧',
].sort((a, b) => b.length - a.length);

function computeSearchTerms(text: string): string {
  let q = text.normalize('NFKC').replace(/[\p{P}\p{S}\s]+/gu, ' ');
  // split/join allocates even when the filler is absent, which is nearly always.
  for (const filler of FILLERS) if (q.includes(filler)) q = q.split(filler).join(' ');
  q = q.replace(/\s+/g, ' ').trim();
  // Up to 50 UTF-16 units are at most 50 characters: only longer text needs cutting by code point.
  return q.length <= 50 ? q : [...q].slice(0, 50).join('').trim();
}

/** Short questions, the keywords among them, come again and again; long ones are not worth keeping. */
const SEARCH_TERMS_REMEMBERED = 1000;
const SEARCH_TERMS_MAX_INPUT = 100;
const rememberedSearchTerms = new Map<string, string>();

/**
 * The searchable part of a question: punctuation and filler words dropped, at most 50 characters. Cache
 * keys of keyword answers need it too, so it runs on most text messages (~10 µs each before memoising).
 */
export function searchTerms(text: string): string {
  if (text.length > SEARCH_TERMS_MAX_INPUT) return computeSearchTerms(text);
  let terms = rememberedSearchTerms.get(text);
  if (terms === undefined) {
    terms = computeSearchTerms(text);
    // Oldest first (insertion order): the bound keeps memory flat whatever residents type.
    if (rememberedSearchTerms.size >= SEARCH_TERMS_REMEMBERED) rememberedSearchTerms.delete(rememberedSearchTerms.keys().next().value!);
    rememberedSearchTerms.set(text, terms);
  }
  return terms;
}

/** Recruitment categories and the topic a resident can subscribe to for each answer. */
const RECRUITMENT_ANSWERS: Record<'recruitment' | 'exams' | 'title_review', { label: string; categories: NonNullable<RecruitmentListQuery['category']>[]; topic: string }> = {
  recruitment: { label: '招聘公告', categories: ['institution', 'talent_project'], topic: 'institution_recruitment' },
  exams: { label: '资格考试', categories: ['qualification_exam'], topic: 'qualification_exam' },
  title_review: { label: '职称评审', categories: ['title_review'], topic: 'title_review' },
};

type RecruitmentSummary = Extract<ContentSummary, { kind: 'recruitment' }>;
type SubsidySummary = Extract<ContentSummary, { kind: 'subsidy' }>;

export interface MessageRouterDeps {
  db: Database;
  clock: Clock;
  content: Pick<ContentService, 'listPublished' | 'listNotices' | 'listRecruitments' | 'search' | 'currentWages' | 'getPublished'>;
  audience: AudienceService;
  rules: KeywordRuleCache;
  halls: () => Promise<ServiceHall[]>;
  /** Which subscriber channel pushes to this endpoint come from: 'oa' for the 服务号. */
  channel: Channel;
  /** Links in replies open this mini-program; null = plain titles. */
  miniProgramAppId: string | null;
  /** Automatic LOCATION reports are answered at most once per interval per resident. */
  locationReplyIntervalMs?: number;
  /**
   * Keeps answers built from published content (and the hall list), dropped on content writes like the
   * API's responses; its TTL bounds how stale date-dependent lines (还剩N天) get. Absent = no caching.
   */
  cache?: ReadCache;
  /** Notes questions answered with the fallback, for editors; must return at once. */
  unanswered?: { record(question: string, openid: string): void };
  /** Links an editor's console account to the sender (「绑定 <code>」); answers the reply text. */
  bindEditor?: (code: string, openid: string) => Promise<string>;
}

/** Actions whose answer depends on the resident (or changes their subscriptions): never cached, never pure. */
const PER_RESIDENT_ACTIONS: ReadonlySet<RuleAction> = new Set(['subscribe', 'unsubscribe', 'my_subscriptions']);

/**
 * Whether answering `intent` may run again for a repeated delivery without doing anything twice: it only
 * reads shared content (no writes beyond `seen`, nothing per resident), or it writes only what a repeat
 * leaves as it is (a send report is stored once per message). Such pushes are answered first and recorded
 * in one insert, which at thousands of reports a second saves a statement each.
 */
export function isPureIntent(intent: Intent): boolean {
  switch (intent.do) {
    case 'template_report':
    case 'subscribe_sent':
      return true;
    case 'action':
      return !PER_RESIDENT_ACTIONS.has(intent.action);
    case 'fixed':
    case 'search':
    case 'media':
    case 'unknown_menu':
    case 'ignore':
      return true;
    case 'nearest_hall':
      // Automatic reports are answered depending on earlier answers to the same resident.
      return !intent.automatic;
    default:
      return false;
  }
}

const text = (t: string): Answer => ({ kind: 'text', text: answers.fitReply(t) });
const NONE: Answer = { kind: 'none' };

/** The message router: classify, then answer from published content and record what the push reports. */
export function createMessageRouter(deps: MessageRouterDeps): { answer: Answerer; isPure: (m: InboundMessage) => Promise<boolean> } {
  const { db, clock, content, audience, channel } = deps;
  const locationInterval = deps.locationReplyIntervalMs ?? 30 * 60_000;

  /** Parsed values of cache entries, so that a hit does not parse (and allocate) the entry again. */
  const parsed = new WeakMap<object, unknown>();
  async function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!deps.cache) return compute();
    const entry = await deps.cache.get(`wechat-answer:${key}`, compute);
    if (!parsed.has(entry)) parsed.set(entry, JSON.parse(entry.body.toString('utf8')));
    return parsed.get(entry) as T;
  }

  /** A text answer from shared content, kept in the cache under `key`. */
  async function shared(key: string, compute: () => Promise<string>): Promise<Answer> {
    return { kind: 'text', text: await cached(key, async () => answers.fitReply(await compute())) };
  }

  const halls = () => cached('halls', deps.halls);

  // A push sending thousands of template messages a second brings as many TEMPLATESENDJOBFINISH reports:
  // those arriving within 10 ms are stored in one insert, before any of them is answered (WeChat waits 5 s).
  type SendReport = Parameters<typeof insertSendReports>[1][number];
  const storeReport = createBatcher<SendReport, void>({
    maxBatch: 200,
    linger: { minBatch: 200, maxWaitMs: 10 },
    run: async (rows) => {
      await insertSendReports(db, rows);
      return rows.map(() => undefined);
    },
  });

  /** isPure and answer see the same message: classify it once (keyword matching is a visible cost). */
  const intents = new WeakMap<InboundMessage, Intent>();
  async function intentOf(m: InboundMessage): Promise<Intent> {
    let intent = intents.get(m);
    if (!intent) intents.set(m, (intent = classify(m, await deps.rules.active())));
    return intent;
  }

  async function topicName(code: string): Promise<string | null> {
    return (await audience.listTopics()).find((t) => t.code === code)?.name ?? null;
  }

  function wage(): Promise<Answer> {
    return shared('wage', async () => answers.formatWageAnswer(await content.currentWages()));
  }

  /**
   * Search hits for the words of a question; when all words together find nothing, the longest word
   * alone is tried (“失业保险金 领” → “失业保险金”).
   */
  async function searchWords(q: string, kind: 'subsidy' | 'recruitment' | undefined, limit: number): Promise<ContentSummary[]> {
    if (q === '') return [];
    const hits = (await content.search({ q, kind, limit })).items;
    const words = q.split(' ');
    if (hits.length > 0 || words.length < 2) return hits;
    const longest = words.reduce((a, b) => ([...b].length > [...a].length ? b : a));
    return [...longest].length >= 2 ? (await content.search({ q: longest, kind, limit })).items : [];
  }

  /**
   * The answer to a question from search: the first hit's key facts when it clearly fits the question,
   * else up to three candidates; null when nothing matches.
   */
  async function answerFromSearch(q: string, kind?: 'subsidy' | 'recruitment'): Promise<string | null> {
    const hits = await searchWords(q, kind, 3);
    if (hits.length === 0) return null;
    const choice = chooseAnswer(q, hits);
    if (!choice.sure) return answers.formatCandidates(choice.candidates, deps.miniProgramAppId);
    const detail = await content.getPublished(choice.best.kind, choice.best.id);
    return answers.formatBestAnswer(detail, { miniProgramAppId: deps.miniProgramAppId, now: clock.now() });
  }

  /** Words that only say “subsidies” or “recruitment”: with nothing else asked, the whole list answers. */
  const GENERIC_WORDS = /补贴|补助|政策|招聘|招考|公告|通知|考试|报名|安排|时间|什么时候|信息|最近|现在|有/g;
  const asksForSomething = (q: string) => q.replace(GENERIC_WORDS, '').replace(/\s+/g, '') !== '';

  function subsidies(question: string): Promise<Answer> {
    const q = searchTerms(question);
    return shared(`subsidies:${q}`, () => subsidiesText(q));
  }

  /** Most subsidies the list answer shows; more are linked. */
  const SUBSIDY_LIST_MAX = 10;

  async function subsidiesText(q: string): Promise<string> {
    const specific = asksForSomething(q);
    if (specific) {
      const answer = await answerFromSearch(q, 'subsidy');
      if (answer !== null) return answer;
    }
    // One page of the largest size: the open ones among them go first, whatever their publication date.
    const page = await content.listPublished('subsidy', { limit: MAX_PAGE_SIZE });
    const today = shanghaiDate(clock.now());
    const items = answers.bySubsidyWindow(page.items as SubsidySummary[], today);
    return answers.formatSubsidyAnswer(items.slice(0, SUBSIDY_LIST_MAX), {
      matched: !specific,
      miniProgramAppId: deps.miniProgramAppId,
      today,
      more: items.length > SUBSIDY_LIST_MAX || page.nextCursor !== null,
    });
  }

  function recruitment(kind: keyof typeof RECRUITMENT_ANSWERS, question: string): Promise<Answer> {
    const q = searchTerms(question);
    return shared(`${kind}:${q}`, async () => {
      // “医院招聘”: the notices that fit, when some do; the list of what is open otherwise.
      if (asksForSomething(q)) {
        const hits = await searchWords(q, 'recruitment', 3);
        const choice = hits.length > 0 ? chooseAnswer(q, hits) : null;
        if (choice?.sure) return answers.formatBestAnswer(await content.getPublished('recruitment', choice.best.id), { miniProgramAppId: deps.miniProgramAppId, now: clock.now() });
      }
      return recruitmentText(kind);
    });
  }

  async function recruitmentText(kind: keyof typeof RECRUITMENT_ANSWERS): Promise<string> {
    const spec = RECRUITMENT_ANSWERS[kind];
    const list = async (status: 'open' | 'upcoming' | 'closed') =>
      (await Promise.all(spec.categories.map((category) => content.listRecruitments({ status, category, limit: 5 })))).flatMap(
        (page) => page.items as RecruitmentSummary[],
      );
    const today = shanghaiDate(clock.now());
    const [open, upcoming, closed] = await Promise.all([list('open'), list('upcoming'), kind === 'exams' ? list('closed') : []]);
    open.sort((a, b) => Date.parse(a.brief.registrationClosesAt) - Date.parse(b.brief.registrationClosesAt));
    upcoming.sort((a, b) => Date.parse(a.brief.registrationOpensAt) - Date.parse(b.brief.registrationOpensAt));
    const awaitingExam = closed.filter((r) => r.brief.examOn !== null && r.brief.examOn >= today).sort((a, b) => a.brief.examOn!.localeCompare(b.brief.examOn!));
    return answers.formatRecruitmentAnswer({
      label: spec.label,
      topicName: await topicName(spec.topic),
      open: open.slice(0, 5),
      upcoming: upcoming.slice(0, 3),
      awaitingExam: awaitingExam.slice(0, 3),
      now: clock.now(),
    });
  }

  function hotline(): Promise<Answer> {
    return shared('hotline', async () => {
      const [notice] = (await content.listNotices({ category: 'hotline', limit: 1 })).items;
      return answers.formatHotlineAnswer(notice?.kind === 'notice' ? notice : null);
    });
  }

  async function subscribeTopic(m: InboundMessage, arg: string, leave: boolean): Promise<Answer> {
    if (arg === '') return mySubscriptions(m);
    const match = await audience.resolveTopic(arg);
    if (match.kind === 'ambiguous') return text(answers.formatTopicChoices(match.candidates, `“${arg}”对应多个主题，请回复完整的主题名称。`));
    if (match.kind === 'unknown') return text(answers.formatTopicChoices(await audience.listTopics(), `没有找到“${arg}”这个主题。`));
    const topic: TopicRef = match.topic;
    if (leave) return text(answers.formatUnsubscribed(topic, (await audience.unsubscribe(channel, m.openid, topic.code)).removed));
    return text(answers.formatSubscribed(topic, (await audience.subscribe(channel, m.openid, topic.code)).created));
  }

  async function mySubscriptions(m: InboundMessage): Promise<Answer> {
    const [mine, all] = await Promise.all([audience.subscriptionsOf(channel, m.openid), audience.listTopics()]);
    return text(answers.formatMySubscriptions(mine, all));
  }

  async function action(m: InboundMessage, intent: Extract<Intent, { do: 'action' }>): Promise<Answer> {
    switch (intent.action) {
      case 'wage':
        return wage();
      case 'subsidies':
        return subsidies(intent.text);
      case 'recruitment':
      case 'exams':
      case 'title_review':
        return recruitment(intent.action, intent.text);
      case 'interpretation':
        return shared('interpretation', async () => answers.formatInterpretations((await content.listPublished('interpretation', { limit: 5 })).items));
      case 'hotline':
        return hotline();
      case 'halls':
        return shared('halls-directory', async () => answers.formatHallDirectory(await halls()));
      case 'subscribe':
        return subscribeTopic(m, intent.arg, false);
      case 'unsubscribe':
        return subscribeTopic(m, intent.arg, true);
      case 'my_subscriptions':
        return mySubscriptions(m);
      case 'help':
        return text(answers.HELP_TEXT);
    }
  }

  /** Free text: the search's answer, or the fallback, in which case the question is noted for editors. */
  async function search(m: InboundMessage, question: string): Promise<Answer> {
    const q = searchTerms(question);
    const found = await cached(`search:${q}`, async () => {
      const answer = await answerFromSearch(q);
      return answer === null ? null : answers.fitReply(answer);
    });
    if (found !== null) return { kind: 'text', text: found };
    deps.unanswered?.record(question, m.openid);
    return text(answers.NOT_FOUND_TEXT);
  }

  async function nearestHall(m: InboundMessage, point: GeoPoint, automatic: boolean): Promise<Answer> {
    if (automatic) {
      // LOCATION may be reported every 5 s while the chat is open; answer it once in a while, not every time.
      const since = new Date(clock.now().getTime() - locationInterval);
      if (await answeredSince(db, { openid: m.openid, event: m.type === 'event' ? m.event : '', since })) return NONE;
    }
    return text(answers.formatNearestHalls(nearestHalls(await halls(), point, 3)));
  }

  async function platformReport(m: InboundMessage, intent: Intent, log: Logger): Promise<Answer> {
    const now = clock.now();
    if (intent.do === 'template_report') {
      const report = parseTemplateJobFinish(m.fields);
      if (!report) {
        log.warn('TEMPLATESENDJOBFINISH without MsgID or Status; ignored');
        return NONE;
      }
      await storeReport({ kind: 'template', msgId: report.msgId, openid: m.openid, templateId: null, status: report.status, ok: report.ok, raw: { MsgID: report.msgId, Status: report.status }, receivedAt: now });
      return NONE;
    }
    if (intent.do === 'subscribe_decisions') {
      const event = m.type === 'event' ? m.event : '';
      const { items, skipped } = parseSubscribeDecisions(m.fields, event);
      if (skipped > 0 || items.length === 0) log.warn({ skipped, items: items.length }, 'subscribe-message event with missing or invalid List items');
      await audience.recordSubscribeDecisions(
        channel,
        m.openid,
        items.map((i) => ({ templateId: i.templateId, accepted: i.accepted, revoke: intent.revoke })),
      );
      return NONE;
    }
    const { items, skipped } = parseSubscribeSent(m.fields);
    if (skipped > 0 || items.length === 0) log.warn({ skipped, items: items.length }, 'subscribe_msg_sent_event with missing or invalid List items');
    const failed = items.filter((i) => !i.ok);
    if (failed.length > 0) log.info({ errorCodes: failed.map((i) => i.errorCode) }, 'subscribe messages failed asynchronously');
    await insertSendReports(
      db,
      items.map((i) => ({ kind: 'subscribe' as const, msgId: i.msgId, openid: m.openid, templateId: i.templateId, status: i.status, ok: i.ok, raw: i.raw, receivedAt: now })),
    );
    return NONE;
  }

  return {
    async isPure(m) {
      return isPureIntent(await intentOf(m));
    },

    async answer(m, { log }) {
      const intent = await intentOf(m);
      switch (intent.do) {
        case 'action':
        case 'fixed':
        case 'search':
        case 'media':
        case 'unknown_menu':
        case 'nearest_hall':
        case 'bind_editor':
          // The resident is talking to us: keep the follower row fresh (last contact opens the 48 h window).
          await audience.seen(channel, m.openid);
          break;
        default:
          break;
      }
      switch (intent.do) {
        case 'action':
          return action(m, intent);
        case 'fixed':
          return text(intent.text);
        case 'bind_editor':
          return text(deps.bindEditor ? await deps.bindEditor(intent.code, m.openid) : answers.HELP_TEXT);
        case 'search':
          return search(m, intent.text);
        case 'nearest_hall':
          return nearestHall(m, intent.point, intent.automatic);
        case 'media':
          return text(answers.mediaReply(intent.mediaType ?? m.msgType));
        case 'unknown_menu':
          log.warn({ key: intent.key }, 'menu click with an unknown key');
          return text(answers.HELP_TEXT);
        case 'follow':
          await audience.follow({ channel, openid: m.openid, scene: intent.scene });
          if (intent.scene !== null) await insertQrScan(db, { openid: m.openid, scene: intent.scene, kind: 'subscribe', scannedAt: clock.now() });
          return text(answers.welcomeText());
        case 'scan':
          await audience.seen(channel, m.openid);
          await insertQrScan(db, { openid: m.openid, scene: intent.scene, kind: 'scan', scannedAt: clock.now() });
          return NONE;
        case 'unfollow':
          await audience.unfollow({ channel, openid: m.openid });
          return NONE;
        case 'template_report':
        case 'subscribe_decisions':
        case 'subscribe_sent':
          return platformReport(m, intent, log);
        case 'ignore':
          if (intent.unexpected) log.warn({ reason: intent.reason }, 'push not understood; answered success');
          return NONE;
      }
    },
  };
}
