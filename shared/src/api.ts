import { z } from 'zod';
import {
  ContentKind,
  GuideDetails,
  GuideTheme,
  IsoDate,
  IsoDateTime,
  InterpretationDetails,
  NoticeCategory,
  NoticeDetails,
  PolicyDetails,
  RecruitmentCategory,
  RecruitmentDetails,
  RecruitmentStatus,
  SubsidyDetails,
  WageRateType,
  WageStandardDetails,
} from './content';
import { EligibilityAnswers, EligibilityResult, SelfCheckQuestion } from './eligibility';
import { AUDIENCES, Audience, DISTRICTS, District, DistrictParam, TopicCode } from './reference';

/** Every error the API returns has this shape; `code` is stable, `message` is Chinese for people. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ERROR_CODES = {
  invalid_request: 'the request does not match the documented schema',
  unknown_topic: 'a topic code that is not in GET /api/v1/topics',
  unauthorized: 'no valid session token (missing, tampered with or expired): log in again with POST /api/v1/session',
  invalid_code: 'the wx.login code is unknown, expired or already used: call wx.login again',
  rate_limited: 'too many requests from this user or address; retry after the Retry-After seconds',
  wechat_unavailable: 'the WeChat platform did not answer; retry later',
  not_found: 'no published item with that id',
  method_not_allowed: 'the path exists, the method does not',
  payload_too_large: 'the body is over the size limit',
  starting: 'the server is starting; retry after the Retry-After seconds',
  internal: 'a server fault; details are in the server log under the request id',
} as const;

export const MAX_PAGE_SIZE = 50;
const Limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`page size, 1–${MAX_PAGE_SIZE}`);
const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,200}$/, '不是有效的分页游标，请从第一页重新加载')
  .optional()
  .describe('nextCursor of the previous page');

export const IdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, '应为正整数')
    .transform(Number),
});

export const ListQuery = z
  .object({
    topic: TopicCode.optional(),
    district: DistrictParam.optional().describe('items for this district (a code or a Chinese name), including those for the whole city'),
    audience: Audience.optional(),
    limit: Limit,
    cursor: Cursor,
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

export const RecruitmentListQuery = ListQuery.extend({
  status: RecruitmentStatus.optional().describe('derived from the registration window and exam date'),
  category: RecruitmentCategory.optional(),
}).strict();
export type RecruitmentListQuery = z.infer<typeof RecruitmentListQuery>;

export const WageStandardListQuery = ListQuery.extend({ standardType: z.enum(['minimum_wage', 'wage_guideline']).optional() }).strict();
export type WageStandardListQuery = z.infer<typeof WageStandardListQuery>;

export const NoticeListQuery = ListQuery.extend({ category: NoticeCategory.optional() }).strict();
export type NoticeListQuery = z.infer<typeof NoticeListQuery>;

export const GuideListQuery = ListQuery.extend({ theme: GuideTheme.optional() }).strict();
export type GuideListQuery = z.infer<typeof GuideListQuery>;

export const CurrentWageQuery = z
  .object({
    district: DistrictParam.optional().describe('a code or a Chinese name; without it, the standards of every district of the city'),
    on: IsoDate.optional().describe('date to ask about; default today'),
  })
  .strict();

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(50).describe('a question or keywords in residents\' words; a district named in it filters too'),
    kind: ContentKind.optional(),
    district: DistrictParam.optional().describe('items for this district (a code or a Chinese name), including those for the whole city'),
    limit: Limit,
    cursor: Cursor,
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

const SummaryCommon = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  topics: z.array(TopicCode),
  districts: z.array(District),
  audiences: z.array(Audience),
  department: z.string(),
  isSample: z.boolean(),
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

export const SubsidyBrief = z.object({ amount: z.string(), opensOn: IsoDate.nullable(), closesOn: IsoDate.nullable() });
export const WageStandardBrief = z.object({ standardType: z.string(), effectiveFrom: IsoDate, docNumber: z.string() });
export const RecruitmentBrief = z.object({
  category: RecruitmentCategory,
  status: RecruitmentStatus,
  statusName: z.string(),
  registrationOpensAt: IsoDateTime,
  registrationClosesAt: IsoDateTime,
  examOn: IsoDate.nullable(),
  positionCount: z.number().int(),
});
export const PolicyBrief = z.object({ docNumber: z.string(), issuer: z.string(), issuedOn: IsoDate });
export const InterpretationBrief = z.object({ policySlug: z.string() });
export const NoticeBrief = z.object({ category: z.string(), validUntil: IsoDate.nullable() });
export const GuideBrief = z.object({
  theme: GuideTheme,
  themeName: z.string(),
  promisedTimeLimit: z.string().nullable(),
  fees: z.string(),
  online: z.boolean().describe('it can be done through a website, app or WeChat'),
});

export const ContentSummary = z.discriminatedUnion('kind', [
  SummaryCommon.extend({ kind: z.literal('subsidy'), brief: SubsidyBrief }),
  SummaryCommon.extend({ kind: z.literal('wage_standard'), brief: WageStandardBrief }),
  SummaryCommon.extend({ kind: z.literal('recruitment'), brief: RecruitmentBrief }),
  SummaryCommon.extend({ kind: z.literal('policy'), brief: PolicyBrief }),
  SummaryCommon.extend({ kind: z.literal('interpretation'), brief: InterpretationBrief }),
  SummaryCommon.extend({ kind: z.literal('notice'), brief: NoticeBrief }),
  SummaryCommon.extend({ kind: z.literal('guide'), brief: GuideBrief }),
]);
export type ContentSummary = z.infer<typeof ContentSummary>;

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const ContentPage = Page(ContentSummary);
export type ContentPage = z.infer<typeof ContentPage>;

export const SearchResult = z.intersection(
  ContentSummary,
  z.object({
    path: z.string().describe('the API path of the item, e.g. /api/v1/subsidies/12'),
    miniProgramPath: z.string().describe('the mini-program page of the item, e.g. pages/subsidy/detail?id=12'),
  }),
);
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchPage = z.object({
  items: z.array(SearchResult).describe('best first: title and summary matches, then currency'),
  nextCursor: z.string().nullable(),
  district: District.nullable().describe('the district the results are filtered to, from the parameter or the question'),
  suggestions: z.array(z.string()).describe('when nothing matched: titles and topics to try instead'),
  asOf: IsoDate.describe('the day currency was judged on (open recruitments, the standard in force)'),
});
export type SearchPage = z.infer<typeof SearchPage>;

const DetailCommon = SummaryCommon.extend({
  body: z.string(),
  policyBasis: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  sourceNote: z.string().nullable(),
  version: z.number().int(),
});

export const Question = SelfCheckQuestion;
const ItemRef = z.object({ id: z.number().int(), title: z.string(), publishedAt: IsoDateTime });

export const ContentDetail = z.discriminatedUnion('kind', [
  DetailCommon.extend({ kind: z.literal('subsidy'), details: SubsidyDetails, questions: z.array(Question) }),
  DetailCommon.extend({
    kind: z.literal('wage_standard'),
    details: WageStandardDetails,
    effectiveTo: IsoDate.nullable().describe('the day before the next standard took effect'),
    isCurrent: z.boolean(),
  }),
  DetailCommon.extend({ kind: z.literal('recruitment'), details: RecruitmentDetails, status: RecruitmentStatus, statusName: z.string() }),
  DetailCommon.extend({
    kind: z.literal('policy'),
    details: PolicyDetails,
    interpretations: z.array(ItemRef),
  }),
  DetailCommon.extend({
    kind: z.literal('interpretation'),
    details: InterpretationDetails,
    policy: ItemRef.extend({ docNumber: z.string() }).nullable(),
    dueOn: IsoDate.nullable().describe('policy publication + 3 working days'),
    onTime: z.boolean().nullable(),
  }),
  DetailCommon.extend({ kind: z.literal('notice'), details: NoticeDetails }),
  DetailCommon.extend({ kind: z.literal('guide'), details: GuideDetails, themeName: z.string() }),
]);
export type ContentDetail = z.infer<typeof ContentDetail>;

export const CurrentWage = z.object({
  district: District.nullable().describe('null = the whole city: every current rate, with the districts it covers'),
  districtName: z.string(),
  asOf: IsoDate,
  rates: z.array(
    z.object({
      type: WageRateType,
      typeName: z.string(),
      tier: z.number().int().nullable(),
      amount: z.number(),
      unit: z.string(),
      effectiveFrom: IsoDate,
      standardId: z.number().int(),
      docNumber: z.string(),
      isSample: z.boolean().describe('the standard is sample data whose figures are not confirmed as official'),
      districts: z.array(District).describe('the districts of the city this rate applies to'),
    }),
  ),
});
export type CurrentWage = z.infer<typeof CurrentWage>;

export const EligibilityCheckRequest = EligibilityAnswers;
export const EligibilityCheckResponse = z.object({
  subsidy: z.object({ id: z.number().int(), title: z.string() }),
  result: EligibilityResult,
});
export type EligibilityCheckResponse = z.infer<typeof EligibilityCheckResponse>;

export const ReferenceItem = z.object({ code: z.string(), name: z.string() });
/** Districts and audiences a subscription is narrowed to; empty = all. */
export const Narrowing = z.object({ districts: z.array(District), audiences: z.array(Audience) });
export const TopicList = z.object({
  items: z.array(
    ReferenceItem.extend({
      description: z.string(),
      templateIds: z.array(z.string()).max(3).describe('subscribe-message templates to request (wx.requestSubscribeMessage) before subscribing'),
      /** Only with a session token: the caller's subscription to the topic, or null. */
      subscription: Narrowing.extend({ since: IsoDateTime }).nullable().optional(),
    }),
  ),
});
export type TopicList = z.infer<typeof TopicList>;
export const ReferenceList = z.object({ items: z.array(ReferenceItem) });

/** An audience by code (graduate) or by name (高校毕业生). */
export const AudienceParam = z
  .string()
  .trim()
  .min(1)
  .transform((text, ctx) => {
    const code = AUDIENCES.find((a) => a.code === text || a.name === text)?.code;
    if (code) return code;
    ctx.addIssue({ code: 'custom', input: text, message: `的值无效，可填：${AUDIENCES.map((a) => a.name).join('、')}` });
    return z.NEVER;
  })
  .describe('audience: a code (graduate) or a Chinese name (高校毕业生); see GET /api/v1/audiences');

const unique = <T>(list: T[]): T[] => [...new Set(list)];

export const SessionRequest = z.object({ code: z.string().trim().min(1).max(128).describe('the code of wx.login') }).strict();
export type SessionRequest = z.infer<typeof SessionRequest>;

export const Profile = z.object({ district: District.nullable(), audiences: z.array(Audience) });
export type Profile = z.infer<typeof Profile>;

export const SessionResponse = z.object({
  token: z.string().describe('send as Authorization: Bearer <token>'),
  expiresAt: IsoDateTime,
  profile: Profile,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const ProfileUpdate = z
  .object({
    district: DistrictParam.nullable().describe('a code or a Chinese name (丹阳市, 丹阳); null = not set'),
    audiences: z.array(AudienceParam).max(AUDIENCES.length).transform(unique),
  })
  .strict();
export type ProfileUpdate = z.input<typeof ProfileUpdate>;

export const TopicParams = z.object({ topic: TopicCode });

export const SubscriptionRequest = z
  .object({
    districts: z.array(DistrictParam).max(DISTRICTS.length).default([]).transform(unique),
    audiences: z.array(AudienceParam).max(AUDIENCES.length).default([]).transform(unique),
  })
  .strict();
export type SubscriptionRequest = z.input<typeof SubscriptionRequest>;

export const Subscription = Narrowing.extend({ topic: TopicCode, name: z.string(), since: IsoDateTime });
export type Subscription = z.infer<typeof Subscription>;
export const SubscriptionList = z.object({ items: z.array(Subscription) });
export type SubscriptionList = z.infer<typeof SubscriptionList>;

/**
 * The object wx.requestSubscribeMessage resolves with: template id → accept | reject | ban | filter (and
 * newer values such as acceptWithAudio), plus its errMsg.
 */
export const SubscribeResultsRequest = z
  .record(z.string().min(1).max(64), z.string().max(64))
  .refine((o) => Object.keys(o).length <= 20, '最多 20 项');
export type SubscribeResultsRequest = z.infer<typeof SubscribeResultsRequest>;

export const Credit = z.object({
  templateId: z.string(),
  title: z.string(),
  kind: z.enum(['one_time', 'long_term']),
  /** One-time sends left (each accept adds one). */
  remaining: z.number().int().nonnegative(),
  /** The user refused the template (or switched it off) and has not accepted since. */
  rejected: z.boolean(),
  /** A message on this template can reach the user now. */
  sendable: z.boolean(),
});
export type Credit = z.infer<typeof Credit>;
export const CreditList = z.object({ items: z.array(Credit) });
export type CreditList = z.infer<typeof CreditList>;
export const SubscribeResultsResponse = CreditList.extend({
  /** Template ids of the request that are not the bureau's templates; nothing was recorded for them. */
  ignored: z.array(z.string()),
});
export type SubscribeResultsResponse = z.infer<typeof SubscribeResultsResponse>;

export const ReceivedPushQuery = z.object({ limit: Limit }).strict();
/** A push that reached the caller (GET /api/v1/me/pushes), newest first. */
export const ReceivedPush = z.object({
  pushId: z.number().int(),
  title: z.string(),
  page: z.string().describe('the mini-program page it opens, with the tracking parameters push and d, e.g. pages/recruitment/detail?id=3&push=7&d=41'),
  sentAt: IsoDateTime,
  opened: z.boolean().describe('the page was opened from this message (POST /api/v1/pushes/{id}/opens with its d)'),
});
export type ReceivedPush = z.infer<typeof ReceivedPush>;
export const ReceivedPushList = z.object({ items: z.array(ReceivedPush) });
export type ReceivedPushList = z.infer<typeof ReceivedPushList>;
