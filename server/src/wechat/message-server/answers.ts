import { CONTENT_KIND_NAMES, detailPagePath, shanghaiDate, shanghaiWallClock, type ContentDetail, type ContentSummary, type CurrentWage } from '@zj/shared';

/**
 * The texts residents read in the chat. Pure functions from published content to short Chinese replies:
 * a friendly first line, one fact per line, and a pointer to the next step. WeChat caps a text reply at
 * about 2048 bytes, so every reply goes through `fitReply`.
 */

export const MAX_REPLY_BYTES = 2048;
export const ACCOUNT_NAME = '镇江智慧人社';
const MINI_PROGRAM_HINT = `也可在微信中搜索“${ACCOUNT_NAME}”小程序查看。`;
const TRUNCATION_NOTE = `\n……\n内容较多，完整信息请在“${ACCOUNT_NAME}”小程序查看，或拨打12333咨询。`;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Said once by every answer drawn from an invented item (content or hall marked is_sample). */
export const SAMPLE_MARK = '（示例数据，仅供演示）';

/** The mark goes right under the first line, where a reply cut by `fitReply` still shows it. */
function markSamples(lines: string[], items: ReadonlyArray<{ isSample: boolean }>): string[] {
  if (items.some((item) => item.isSample)) lines.splice(1, 0, SAMPLE_MARK);
  return lines;
}

/** Cuts at a character boundary and drops a tag left open by the cut. */
function cutToBytes(text: string, budget: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = bytes(ch);
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return out.replace(/<[^>]*$/, '').replace(/<a [^>]*>([^<]*)$/, '$1');
}

/** Keeps whole lines while they fit and says that there is more; never splits a link tag. */
export function fitReply(text: string, maxBytes = MAX_REPLY_BYTES): string {
  if (bytes(text) <= maxBytes) return text;
  const budget = maxBytes - bytes(TRUNCATION_NOTE);
  let out = '';
  for (const line of text.split('\n')) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (bytes(next) > budget) break;
    out = next;
  }
  if (out.trim() === '') out = cutToBytes(text, budget);
  return `${out.trimEnd()}${TRUNCATION_NOTE}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function shanghaiParts(instant: Date) {
  const t = shanghaiWallClock(instant);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes(), wd: t.getUTCDay() };
}

/** 2026-12-20 → 2026年12月20日 */
export function formatChineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant in Beijing time: 2026年11月30日（周一）17:00 */
export function formatChineseDateTime(instant: Date): string {
  const p = shanghaiParts(instant);
  return `${p.y}年${p.m}月${p.d}日（周${WEEKDAYS[p.wd]}）${p.hh}:${String(p.mm).padStart(2, '0')}`;
}

function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000);
}

/** 今天截止 / 明天截止 / 还剩N天, counted in Beijing calendar days; '' beyond a week. */
export function deadlineNote(closesAt: Date, now: Date): string {
  const days = daysBetween(shanghaiDate(now), shanghaiDate(closesAt));
  if (days <= 0) return '今天截止';
  if (days === 1) return '明天截止';
  return days <= 7 ? `还剩${days}天` : '';
}

/** WeChat renders text literally except for <a>; titles must not break the tag. */
const plain = (text: string): string => text.replace(/[<>"]/g, '');

/**
 * A mini-program link in a text message: clients that support it open the page; the title stays
 * readable text elsewhere. Without a mini-program appid the plain title is used.
 */
export function miniProgramLink(title: string, path: string, miniProgramAppId: string | null): string {
  if (!miniProgramAppId) return plain(title);
  return `<a data-miniprogram-appid="${plain(miniProgramAppId)}" data-miniprogram-path="${plain(path)}">${plain(title)}</a>`;
}

export const contentPath = detailPagePath;
export const subsidyPath = (id: number): string => contentPath('subsidy', id);
/** The list of every subsidy, for answers that show only the first few. */
export const SUBSIDY_LIST_PATH = 'pages/subsidy/index';

export const HELP_TEXT = `您好，这里是“${ACCOUNT_NAME}”。回复下列关键词可以查询：

· 最低工资 —— 现行最低工资标准
· 补贴 —— 就业创业补贴政策
· 招聘 / 考试 / 职称 —— 正在报名的公告
· 政策解读 —— 最新政策解读
· 12333 —— 人社服务热线
· 订阅 主题名称 —— 订阅政策推送，如“订阅 工资标准”
· 发送位置 —— 查找离您最近的人社服务大厅

也可以直接输入您想了解的问题。`;

export function welcomeText(): string {
  return `感谢关注“${ACCOUNT_NAME}”！我们为您提供就业创业、社会保障、人事人才、劳动维权等政策信息和办事指引。

${HELP_TEXT.split('\n').slice(2).join('\n')}`;
}

export type WageRate = CurrentWage['rates'][number];

const TIER_NAMES: Record<number, string> = { 1: '一类地区', 2: '二类地区', 3: '三类地区', 4: '四类地区' };
const tierName = (tier: number | null): string => (tier === null ? '适用地区' : (TIER_NAMES[tier] ?? `${tier}类地区`));
const amount = (r: WageRate): string => `${r.amount}${r.unit}`;

/**
 * The current minimum wage per tier with the districts it covers, from `currentWage` of every district.
 * Districts with the same figures, date and 文号 form one line group.
 */
export function formatWageAnswer(wages: readonly CurrentWage[]): string {
  const groups = new Map<string, { monthly?: WageRate; hourly?: WageRate; districts: string[] }>();
  const missing: string[] = [];
  for (const w of wages) {
    const monthly = w.rates.find((r) => r.type === 'monthly_min');
    const hourly = w.rates.find((r) => r.type === 'hourly_min');
    if (!monthly && !hourly) {
      missing.push(w.districtName);
      continue;
    }
    const key = JSON.stringify([monthly?.tier, monthly?.amount, monthly?.effectiveFrom, monthly?.docNumber, hourly?.amount, hourly?.effectiveFrom]);
    const group = groups.get(key) ?? { monthly, hourly, districts: [] };
    group.districts.push(w.districtName);
    groups.set(key, group);
  }
  if (groups.size === 0) return '暂未查询到现行的最低工资标准。如需了解，请拨打12333人社服务热线咨询。';

  const basis = (g: { monthly?: WageRate; hourly?: WageRate }) => {
    const r = (g.monthly ?? g.hourly)!;
    return `依据：${r.docNumber}，${formatChineseDate(r.effectiveFrom)}起执行`;
  };
  const list = [...groups.values()].sort((a, b) => ((a.monthly ?? a.hourly)!.tier ?? 9) - ((b.monthly ?? b.hourly)!.tier ?? 9));
  const bases = new Set(list.map(basis));
  const lines = ['镇江市现行最低工资标准'];
  if (bases.size === 1) lines.push(`（${[...bases][0]}）`);
  for (const g of list) {
    lines.push('', `${tierName((g.monthly ?? g.hourly)!.tier)}：${g.districts.join('、')}`);
    if (g.monthly) lines.push(`· 月最低工资：${amount(g.monthly)}`);
    if (g.hourly) lines.push(`· 非全日制小时最低工资：${amount(g.hourly)}`);
    if (bases.size > 1) lines.push(`· ${basis(g)}`);
  }
  if (missing.length > 0) lines.push('', `暂未收录：${missing.join('、')}`);

  const guideline = wages.map((w) => w.rates.filter((r) => r.type.startsWith('guideline_'))).find((rates) => rates.length > 0);
  if (guideline) {
    const parts = (
      [
        ['guideline_base', '基准线'],
        ['guideline_upper', '上线'],
        ['guideline_lower', '下线'],
      ] as const
    ).flatMap(([type, label]) => {
      const rate = guideline.find((r) => r.type === type);
      return rate ? [`${label}${rate.amount}%`] : [];
    });
    if (parts.length > 0) lines.push('', `工资指导线：${parts.join('，')}（${guideline[0]!.docNumber}）`);
  }
  if (wages.some((w) => w.rates.some((r) => r.isSample))) lines.push('', '（以上金额含示例数据，尚未与官方文件核对，请以人社部门正式公布的标准为准。）');
  lines.push('', '最低工资不包括加班工资，中班、夜班、高温等特殊工作环境津贴和法定福利待遇。工资低于标准的，可拨打12333咨询，或向当地劳动保障监察机构投诉。');
  return fitReply(lines.join('\n'));
}

type SubsidySummary = Extract<ContentSummary, { kind: 'subsidy' }>;

/** Where a subsidy's application window stands on `today`: open (or always open), not yet open, or over. */
export function subsidyWindow(brief: { opensOn: string | null; closesOn: string | null }, today: string): 'open' | 'upcoming' | 'closed' {
  if (brief.closesOn !== null && brief.closesOn < today) return 'closed';
  if (brief.opensOn !== null && brief.opensOn > today) return 'upcoming';
  return 'open';
}

const WINDOW_ORDER = { open: 0, upcoming: 1, closed: 2 } as const;

function windowNote(brief: { opensOn: string | null; closesOn: string | null }, today: string): string {
  switch (subsidyWindow(brief, today)) {
    case 'closed':
      return `（申请期已结束，截止日期：${formatChineseDate(brief.closesOn!)}）`;
    case 'upcoming':
      return `（尚未开始申请，${formatChineseDate(brief.opensOn!)}起可申请）`;
    case 'open':
      return '';
  }
}

/** Open for applications first, then not yet open, closed last; otherwise in the given order. */
export function bySubsidyWindow<T extends { brief: { opensOn: string | null; closesOn: string | null } }>(items: readonly T[], today: string): T[] {
  return [...items].sort((a, b) => WINDOW_ORDER[subsidyWindow(a.brief, today)] - WINDOW_ORDER[subsidyWindow(b.brief, today)]);
}

/**
 * Subsidies with their amounts: those open for applications first, then those not yet open, closed ones
 * last and marked. `more` says that further subsidies exist beyond `items`.
 */
export function formatSubsidyAnswer(
  items: readonly SubsidySummary[],
  opts: { matched: boolean; miniProgramAppId: string | null; today: string; more?: boolean },
): string {
  if (items.length === 0) return '目前暂无已发布的补贴政策。如有疑问，请拨打12333人社服务热线咨询。';
  const intro = opts.matched ? '为您找到以下补贴政策：' : '暂未找到与您的问题直接相关的补贴，以下是目前发布的补贴政策：';
  const lines = [intro, ''];
  bySubsidyWindow(items, opts.today).forEach((item, i) => {
    lines.push(`${i + 1}. ${miniProgramLink(item.title, subsidyPath(item.id), opts.miniProgramAppId)}${windowNote(item.brief, opts.today)}`);
    lines.push(`标准：${item.brief.amount}`);
  });
  if (opts.more) {
    lines.push('', opts.miniProgramAppId ? `更多补贴政策：${miniProgramLink('查看全部补贴政策', SUBSIDY_LIST_PATH, opts.miniProgramAppId)}` : `更多补贴政策请在“${ACCOUNT_NAME}”小程序“补贴”栏目查看。`);
  }
  lines.push('', opts.miniProgramAppId ? `点击标题可查看申请条件、所需材料，并自测是否符合条件。${MINI_PROGRAM_HINT}` : `申请条件和所需材料请在“${ACCOUNT_NAME}”小程序查看。`);
  return fitReply(markSamples(lines, items).join('\n'));
}

type RecruitmentSummary = Extract<ContentSummary, { kind: 'recruitment' }>;

export function formatRecruitmentAnswer(input: {
  label: string;
  topicName: string | null;
  open: readonly RecruitmentSummary[];
  upcoming: readonly RecruitmentSummary[];
  /** Registration closed, exam still ahead (exams: residents ask when theirs is). */
  awaitingExam?: readonly RecruitmentSummary[];
  now: Date;
}): string {
  const follow = input.topicName ? `回复“订阅 ${input.topicName}”，有新公告时我们会及时通知您。` : '';
  const awaitingExam = input.awaitingExam ?? [];
  if (input.open.length === 0 && input.upcoming.length === 0 && awaitingExam.length === 0) {
    return `目前暂无正在报名的${input.label}。${follow}`;
  }
  const lines: string[] = [];
  if (input.open.length > 0) {
    lines.push(`正在报名的${input.label}：`, '');
    input.open.forEach((item, i) => {
      const closes = new Date(item.brief.registrationClosesAt);
      const note = deadlineNote(closes, input.now);
      lines.push(`${i + 1}. ${plain(item.title)}`);
      lines.push(`报名截止：${formatChineseDateTime(closes)}${note ? `，${note}` : ''}`);
      if (item.brief.positionCount > 0) lines.push(`计划招聘：${item.brief.positionCount}人`);
    });
  } else {
    lines.push(`目前暂无正在报名的${input.label}。`);
  }
  if (input.upcoming.length > 0) {
    lines.push('', '即将开始报名：');
    input.upcoming.forEach((item, i) => {
      lines.push(`${i + 1}. ${plain(item.title)}`);
      lines.push(`报名时间：${formatChineseDateTime(new Date(item.brief.registrationOpensAt))}起`);
    });
  }
  if (awaitingExam.length > 0) {
    lines.push('', '报名已截止、即将考试：');
    awaitingExam.forEach((item, i) => {
      lines.push(`${i + 1}. ${plain(item.title)}`);
      lines.push(`考试时间：${formatChineseDate(item.brief.examOn!)}`);
    });
  }
  lines.push('', `岗位要求和报名方式请查看公告全文，${MINI_PROGRAM_HINT}${follow}`);
  return fitReply(markSamples(lines, [...input.open, ...input.upcoming, ...awaitingExam]).join('\n'));
}

export function formatHotlineAnswer(notice: { summary: string; isSample: boolean } | null): string {
  const about = notice?.summary ?? '可咨询就业创业、社会保险、劳动关系、人事人才等人力资源和社会保障政策，也可反映劳动保障方面的问题。';
  const lines = [
    '12333人社服务热线',
    '',
    about,
    '',
    '拨打方式：直接拨打12333；在外地用手机拨打，请加拨镇江区号0511。',
    '服务时间：自助语音服务全天24小时；人工服务时间以接通后的语音提示为准。',
  ];
  return fitReply(markSamples(lines, notice ? [notice] : []).join('\n'));
}

export interface HallView {
  name: string;
  address: string;
  phone: string | null;
  hours: string;
  isSample: boolean;
}

const SAMPLE_HALL_NOTE = '（网点信息为示例数据，前往办理前请拨打12333核实。）';

export function formatDistance(km: number): string {
  if (km < 1) return `约${Math.max(10, Math.round((km * 1000) / 10) * 10)}米`;
  return `约${km < 100 ? km.toFixed(1) : Math.round(km)}公里`;
}

function hallLines(hall: HallView): string[] {
  return [`地址：${hall.address}`, `办公时间：${hall.hours}`, ...(hall.phone ? [`电话：${hall.phone}`] : [])];
}

export function formatNearestHalls(nearest: ReadonlyArray<{ hall: HallView; km: number }>): string {
  const [first, ...others] = nearest;
  if (!first) return '暂未收录人社服务大厅信息，请拨打12333人社服务热线咨询。';
  const lines = ['离您最近的人社服务大厅：', '', first.hall.name, ...hallLines(first.hall), `距离：${formatDistance(first.km)}`];
  if (others.length > 0) {
    lines.push('', '附近还有：');
    for (const o of others) lines.push(`· ${o.hall.name}（${formatDistance(o.km)}）`, `  ${o.hall.address}`);
  }
  if (nearest.some((n) => n.hall.isSample)) lines.push('', SAMPLE_HALL_NOTE);
  return fitReply(lines.join('\n'));
}

export function formatHallDirectory(halls: readonly HallView[]): string {
  const lines = ['发送您的位置（点击输入框右侧的“+”，选择“位置”），我们会为您推荐离您最近的人社服务大厅。'];
  if (halls.length > 0) {
    lines.push('', '全市人社服务大厅：');
    halls.forEach((h, i) => lines.push(`${i + 1}. ${h.name}`, `地址：${h.address}${h.phone ? `，电话：${h.phone}` : ''}`));
    if (halls.some((h) => h.isSample)) lines.push('', SAMPLE_HALL_NOTE);
  }
  return fitReply(lines.join('\n'));
}

const excerpt = (text: string, max: number): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
};

const firstOf = (list: readonly string[], max: number): string =>
  list.length <= max ? list.join('；') : `${list.slice(0, max).join('；')}等${list.length}项`;

/** The facts of an item a resident asked about, per kind: the figure, the condition, the deadline. */
function itemFacts(item: ContentDetail, today: string): string[] {
  switch (item.kind) {
    case 'subsidy': {
      const d = item.details;
      const window = windowNote({ opensOn: d.applicationWindow.opensOn, closesOn: d.applicationWindow.closesOn }, today);
      return [
        `标准：${d.amount}`,
        `主要条件：${excerpt(firstOf(d.conditions, 2), 120)}`,
        ...(window ? [`申请时间：${window.slice(1, -1)}`] : d.applicationWindow.note ? [`申请时间：${excerpt(d.applicationWindow.note, 60)}`] : []),
      ];
    }
    case 'wage_standard': {
      const d = item.details;
      const rates = d.rates.map((r) => `${r.tier ? `${TIER_NAMES[r.tier] ?? `${r.tier}类地区`}` : ''}${r.type === 'hourly_min' ? '小时' : r.type === 'monthly_min' ? '月' : ''}${r.amount}${r.unit}`);
      return [
        `标准：${excerpt(rates.join('，'), 150)}`,
        `依据：${d.docNumber}，${formatChineseDate(d.effectiveFrom)}起执行${item.isCurrent ? '' : '（已被新标准取代）'}`,
      ];
    }
    case 'recruitment': {
      const d = item.details;
      return [
        `状态：${item.statusName}`,
        `报名时间：${formatChineseDateTime(new Date(d.registrationOpensAt))}至${formatChineseDateTime(new Date(d.registrationClosesAt))}`,
        ...(d.examOn ? [`考试时间：${formatChineseDate(d.examOn)}`] : []),
        ...(d.positions.length > 0 ? [`计划招聘：${d.positions.reduce((n, p) => n + p.count, 0)}人`] : []),
      ];
    }
    case 'guide': {
      const d = item.details;
      const place = d.locations[0];
      const limit = d.timeLimit.promised ?? d.timeLimit.statutory;
      return [
        `办理条件：${excerpt(firstOf(d.conditions, 2), 120)}`,
        ...(limit ? [`办理时限：${excerpt(limit, 60)}`] : []),
        ...(place ? [`办理地点：${place.name}${place.window ? `（${place.window}）` : ''}`] : []),
        ...(d.onlineChannels.length > 0 ? [`网上办理：${d.onlineChannels.map((c) => c.name).join('、')}`] : []),
        `收费：${d.fees}`,
      ];
    }
    case 'policy':
      return [`文号：${item.details.docNumber}`, `发布机关：${item.details.issuer}`, ...(item.summary ? [`要点：${excerpt(item.summary, 80)}`] : [])];
    case 'interpretation':
    case 'notice':
      return item.summary ? [excerpt(item.summary, 100)] : [];
  }
}

/** One item answering the question: its kind and linked title, its key facts, where the rest is. */
export function formatBestAnswer(item: ContentDetail, opts: { miniProgramAppId: string | null; now: Date }): string {
  const lines = [`【${CONTENT_KIND_NAMES[item.kind]}】${miniProgramLink(item.title, contentPath(item.kind, item.id), opts.miniProgramAppId)}`];
  for (const fact of itemFacts(item, shanghaiDate(opts.now))) lines.push(plain(fact));
  lines.push('', opts.miniProgramAppId ? `点击标题查看详情。${MINI_PROGRAM_HINT}` : `详情请在“${ACCOUNT_NAME}”小程序查看，或拨打12333咨询。`);
  return fitReply(markSamples(lines, [item]).join('\n'));
}

/** A few items that may answer the question, when none stands out. */
export function formatCandidates(items: readonly ContentSummary[], miniProgramAppId: string | null): string {
  const lines = ['您想了解的可能是以下内容：', ''];
  items.forEach((item, i) => {
    lines.push(`${i + 1}.【${CONTENT_KIND_NAMES[item.kind]}】${miniProgramLink(item.title, contentPath(item.kind, item.id), miniProgramAppId)}`);
    if (item.summary) lines.push(plain(excerpt(item.summary, 50)));
  });
  lines.push('', `${miniProgramAppId ? '点击标题查看详情。' : ''}也可以换个说法再问，或回复“帮助”查看常用关键词。`);
  return fitReply(markSamples(lines, items).join('\n'));
}

/** Nothing found: said plainly, with what can be asked instead. */
export const NOT_FOUND_TEXT = `抱歉，暂时没有找到与您的问题相关的内容。我们已记录您的问题，会尽快补充。\n\n${HELP_TEXT}`;

export function formatInterpretations(items: readonly ContentSummary[]): string {
  if (items.length === 0) return '目前暂无已发布的政策解读。如有疑问，请拨打12333人社服务热线咨询。';
  const lines = ['最新政策解读：', ''];
  items.forEach((item, i) => lines.push(`${i + 1}. ${plain(item.title)}`, `发布日期：${formatChineseDate(shanghaiDate(new Date(item.publishedAt)))}`));
  lines.push('', `全文请在“${ACCOUNT_NAME}”小程序“政策解读”栏目查看。回复“订阅 政策解读”，有新解读时及时通知您。`);
  return fitReply(markSamples(lines, items).join('\n'));
}

export interface TopicView {
  code: string;
  name: string;
}

export function formatTopicChoices(topics: readonly TopicView[], intro: string): string {
  const example = topics[0]?.name ?? '工资标准';
  return fitReply(
    [intro, '', `可订阅的主题：${topics.map((t) => t.name).join('、')}`, '', `回复“订阅 主题名称”即可订阅，例如：订阅 ${example}`].join('\n'),
  );
}

export function formatSubscribed(topic: TopicView, created: boolean): string {
  return created
    ? `已为您订阅“${topic.name}”。有新的政策和公告时，我们会通过服务通知推送给您。\n回复“退订 ${topic.name}”可随时取消。`
    : `您已订阅过“${topic.name}”，无需重复订阅。\n回复“退订 ${topic.name}”可取消订阅。`;
}

export function formatUnsubscribed(topic: TopicView, removed: boolean): string {
  return removed ? `已为您取消订阅“${topic.name}”，今后不再推送该主题的消息。` : `您没有订阅“${topic.name}”，无需取消。`;
}

export function formatMySubscriptions(mine: readonly TopicView[], all: readonly TopicView[]): string {
  const head = mine.length > 0 ? `您已订阅：${mine.map((t) => t.name).join('、')}\n回复“退订 主题名称”可取消订阅。` : '您还没有订阅任何主题。';
  return formatTopicChoices(all, head);
}

const MEDIA_NAMES: Record<string, string> = { image: '图片', voice: '语音', video: '视频', shortvideo: '小视频', link: '链接' };

export function mediaReply(mediaType: string): string {
  const name = MEDIA_NAMES[mediaType];
  const received = name ? `已收到您发送的${name}。` : '已收到您的消息。';
  return `${received}公众号暂时无法识别图片、语音和视频内容，请用文字描述您的问题，例如回复“最低工资”“补贴”“招聘”；也可拨打12333人社服务热线咨询。`;
}

export function fixedText(text: string): string {
  return fitReply(text);
}
