import { z } from 'zod';

/**
 * The push admin API (/admin/api/pushes) as the console sees it. The server builds its answers from these
 * schemas too, so a timestamp may be a Date there and an ISO string in the browser: both come out as a string.
 */
const Timestamp = z.union([z.date(), z.string()]).transform((d) => (typeof d === 'string' ? d : d.toISOString()));

export const PUSH_STATUSES = ['draft', 'submitted', 'approved', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export const PushStatus = z.enum(PUSH_STATUSES);
export type PushStatus = z.infer<typeof PushStatus>;

export const PUSH_STATUS_NAMES: Record<PushStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已批准',
  scheduled: '已排期',
  sending: '发送中',
  paused: '已暂停',
  completed: '已完成',
  cancelled: '已取消',
};

/** The channels of a push: 服务号 template message to followers, mini-program subscribe message. */
export const PUSH_CHANNEL_NAMES = { oa: '服务号模板消息', mp: '小程序订阅消息' } as const;
export type PushChannel = keyof typeof PUSH_CHANNEL_NAMES;

/** Content fields a keyword can be filled from. */
export const KEYWORD_FIELDS = ['title', 'summary', 'department', 'kind', 'publishedDate', 'registrationClosesAt'] as const;
export const KEYWORD_FIELD_NAMES: Record<(typeof KEYWORD_FIELDS)[number], string> = {
  title: '标题',
  summary: '摘要',
  department: '发布部门',
  kind: '内容类别',
  publishedDate: '发布日期',
  /** A recruitment's registration deadline (报名截止时间); other kinds have none. */
  registrationClosesAt: '报名截止时间',
};

/** Where a keyword's value comes from: a field of the content item, or fixed text. */
export const KeywordSource = z.union([z.object({ field: z.enum(KEYWORD_FIELDS) }).strict(), z.object({ text: z.string().min(1, '固定文字不能为空').max(200) }).strict()]);
export type KeywordSource = z.infer<typeof KeywordSource>;

const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '模板 ID 格式不正确');
const KeywordKey = z.string().regex(/^[a-z_]+\d*$/, '关键词格式不正确');

export const ChannelSpec = z.object({
  templateId: TemplateId,
  keywords: z
    .record(KeywordKey, KeywordSource)
    .refine((k) => Object.keys(k).length > 0 && Object.keys(k).length <= 10, '需要 1–10 个关键词'),
});
export type ChannelSpec = z.infer<typeof ChannelSpec>;

const Codes = z.array(z.string().min(1).max(40)).max(20);

export const SUBSCRIBE_TEMPLATE_KIND_NAMES = { one_time: '一次性订阅', long_term: '长期订阅' } as const;
export const MessageTemplateChannel = z.enum(['oa', 'mp']);

/** What an admin sets for a template: its title, the topics it serves (none = every topic), its keywords. */
const templateFields = {
  title: z.string().trim().min(1, '请填写模板标题').max(40, '模板标题不能超过 40 个字'),
  topics: Codes,
  keywords: z
    .record(KeywordKey, KeywordSource)
    .refine((k) => Object.keys(k).length > 0 && Object.keys(k).length <= 10, '需要 1–10 个关键词'),
};
/** The subscribe kind is the mini-program's only (一次性/长期); a template message has none. */
export const MessageTemplateBody = z
  .object({ ...templateFields, kind: z.enum(['one_time', 'long_term']).nullable().default(null) })
  .strict();
export const NewMessageTemplateBody = MessageTemplateBody.extend({ channel: MessageTemplateChannel, templateId: TemplateId }).strict();

export const MessageTemplateView = z.object({
  channel: MessageTemplateChannel,
  templateId: z.string(),
  title: z.string(),
  kind: z.enum(['one_time', 'long_term']).nullable(),
  topics: z.array(z.string()),
  keywords: z.record(z.string(), KeywordSource),
  /** Pushes not finished yet (draft … paused) that use it: while any do, it cannot be deleted. */
  inUse: z.number().int(),
  createdAt: Timestamp,
});
export type MessageTemplateView = z.output<typeof MessageTemplateView>;
export const MessageTemplateList = z.object({ items: z.array(MessageTemplateView) });

/** What an editor composes; topics, districts and audiences default to the content item's own. */
export const PushInput = z
  .object({
    contentId: z.number().int().positive(),
    topics: Codes.min(1).optional(),
    districts: Codes.optional(),
    audiences: Codes.optional(),
    urgent: z.boolean().default(false),
    template: ChannelSpec.nullable().default(null),
    subscribe: ChannelSpec.nullable().default(null),
  })
  .refine((p) => p.template !== null || p.subscribe !== null, '至少选择一个推送渠道（模板消息或订阅消息）');
export type PushInput = z.input<typeof PushInput>;

/** A channel's message as stored: the template, the filled values and where each came from. */
export const ChannelMessageView = z.object({
  templateId: z.string(),
  data: z.record(z.string(), z.string()),
  keywords: z.record(z.string(), KeywordSource).optional(),
});

/** Why the system drafted a push by itself; the console labels such drafts 自动生成. */
export const PUSH_ORIGIN_NAMES: Record<string, string> = {
  registration_deadline: '报名明天截止提醒',
  new_publication: '新发布内容',
};

export const PushView = z.object({
  id: z.number().int(),
  contentId: z.number().int(),
  title: z.string(),
  page: z.string(),
  status: PushStatus,
  urgent: z.boolean(),
  topics: z.array(z.string()),
  districts: z.array(z.string()),
  audiences: z.array(z.string()),
  template: ChannelMessageView.nullable(),
  subscribe: ChannelMessageView.nullable(),
  sendAt: Timestamp.nullable(),
  notBefore: Timestamp.nullable(),
  /** Why a due push waits: quiet_hours, daily_quota, minute_quota. */
  waitingFor: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  /** Set on drafts the system made by itself (a registration deadline, a publication); shown as 自动生成. */
  origin: z.string().nullable().optional(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  audienceExpanded: z.boolean(),
});
export type PushView = z.output<typeof PushView>;

export const PushList = z.object({ items: z.array(PushView) });
export type PushList = z.output<typeof PushList>;

export const PushListQuery = z.object({ status: PushStatus.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** One keyword as WeChat will show it: its value, length in characters and why WeChat would refuse it. */
export const KeywordPreview = z.object({
  key: z.string(),
  type: z.string().nullable(),
  value: z.string(),
  length: z.number().int(),
  problem: z.string().nullable(),
  tooLong: z.boolean(),
});
export type KeywordPreview = z.infer<typeof KeywordPreview>;

export const PushPreview = z.object({ template: z.array(KeywordPreview).nullable(), subscribe: z.array(KeywordPreview).nullable() });
export type PushPreview = z.infer<typeof PushPreview>;

/** The recipients of one channel a push would reach, and how many are left out by reason. */
export const ChannelCount = z.object({ eligible: z.number().int(), excluded: z.record(z.string(), z.number().int()) }).passthrough();
export const DryRun = z.object({ oa: ChannelCount, mp: ChannelCount }).passthrough();
export type DryRun = z.infer<typeof DryRun>;

export const EXCLUSION_REASON_NAMES: Record<string, string> = {
  unfollowed: '已取消关注',
  no_credit: '未授权订阅（无可用次数）',
  opted_out: '已拒收',
  refused: '用户拒收',
  cancelled: '推送已取消',
  duplicate_person: '同一人已通过另一渠道接收',
  blocked: '用户拒收',
};

export const PushStats = z.object({
  targeted: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.record(z.string(), z.number().int()),
  skipped: z.record(z.string(), z.number().int()),
  unknown: z.number().int(),
  byChannel: z.record(z.string(), z.number().int()),
  reachRate: z.number(),
  opens: z.number().int(),
});
export type PushStats = z.infer<typeof PushStats>;

export const PushTransition = z.object({
  id: z.number().int(),
  pushId: z.number().int(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  editorId: z.number().int().nullable(),
  actorName: z.string(),
  note: z.string().nullable(),
  at: Timestamp,
});
export type PushTransition = z.output<typeof PushTransition>;

export const PushDetail = z.object({ push: PushView, stats: PushStats, transitions: z.array(PushTransition) });
export type PushDetail = z.output<typeof PushDetail>;

/** How far a sending push has got: done = sent + failed + skipped + unknown. */
export const PushProgress = z.object({
  status: PushStatus,
  targeted: z.number().int(),
  done: z.number().int(),
  pending: z.number().int(),
  /** Deliveries resolved in the last minute. */
  ratePerMinute: z.number().int(),
  /** null while the rate is zero (nothing to extrapolate from). */
  etaSeconds: z.number().int().nullable(),
  audienceExpanded: z.boolean(),
  waitingFor: z.string().nullable(),
  notBefore: Timestamp.nullable(),
});
export type PushProgress = z.output<typeof PushProgress>;

export const TIMELINE_BUCKETS = ['minute', 'hour'] as const;
export const TimelineQuery = z.object({ bucket: z.enum(TIMELINE_BUCKETS).default('minute') }).strict();

/** Deliveries grouped by the minute or hour they were resolved (updated_at), failures by errcode or reason. */
export const PushTimeline = z.object({
  bucket: z.enum(TIMELINE_BUCKETS),
  points: z.array(
    z.object({
      at: Timestamp,
      sent: z.number().int(),
      delivered: z.number().int(),
      failed: z.record(z.string(), z.number().int()),
      skipped: z.number().int(),
      unknown: z.number().int(),
    }),
  ),
});
export type PushTimeline = z.output<typeof PushTimeline>;

export const ApprovePushBody = z
  .object({
    sendAt: z.string().datetime({ offset: true, message: '时间格式应为 ISO 8601，例如 2026-11-28T09:00:00+08:00' }).nullable().default(null),
    note: z.string().max(500).optional(),
  })
  .strict();
export const SchedulePushBody = z.object({ sendAt: z.string().datetime({ offset: true, message: '时间格式应为 ISO 8601，例如 2026-11-28T09:00:00+08:00' }) }).strict();

/** What "发送测试给我" did on each channel the push uses. */
export const TestSendResult = z.object({
  openidMasked: z.string(),
  results: z.array(z.object({ channel: z.enum(['oa', 'mp']), ok: z.boolean(), how: z.string(), error: z.string().nullable() })),
});
export type TestSendResult = z.infer<typeof TestSendResult>;

/** The editor's own WeChat, linked by sending 「绑定 <code>」 to the official account. */
export const WechatLinkView = z.object({
  linked: z.boolean(),
  openidMasked: z.string().nullable(),
  linkedAt: Timestamp.nullable(),
  /** A pending binding code and when it stops working. */
  code: z.string().nullable(),
  codeExpiresAt: Timestamp.nullable(),
});
export type WechatLinkView = z.output<typeof WechatLinkView>;
