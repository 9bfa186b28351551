import { z } from 'zod';
import { Audience, District, TopicCode } from './reference';
import { EligibilityRule } from './eligibility';

export const IsoDate = z.iso.date().describe('calendar date, YYYY-MM-DD (Asia/Shanghai)');
export const IsoDateTime = z.iso.datetime({ offset: true }).describe('instant, ISO 8601 with offset');

export const CONTENT_KINDS = ['subsidy', 'wage_standard', 'recruitment', 'policy', 'interpretation', 'notice', 'guide'] as const;
export const ContentKind = z.enum(CONTENT_KINDS);
export type ContentKind = z.infer<typeof ContentKind>;
export const CONTENT_KIND_NAMES: Record<ContentKind, string> = {
  subsidy: '补贴',
  wage_standard: '工资标准',
  recruitment: '招聘考试',
  policy: '政策文件',
  interpretation: '政策解读',
  notice: '通知公告',
  guide: '办事指南',
};

export const CONTENT_STATUSES = ['draft', 'in_review', 'approved', 'published', 'archived'] as const;
export const ContentStatus = z.enum(CONTENT_STATUSES);
export type ContentStatus = z.infer<typeof ContentStatus>;

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, '只能包含小写字母、数字和连字符')
  .max(80);

/** Fields every content item has, whatever its kind. */
export const ContentCommon = z.object({
  slug: Slug,
  title: z.string().trim().min(2).max(120),
  summary: z.string().max(500),
  body: z.string().max(200_000).describe('Markdown'),
  topics: z.array(TopicCode).max(10),
  districts: z.array(District).max(7).describe('empty = the whole city'),
  audiences: z.array(Audience).max(7),
  department: z.string().min(2).max(60).describe('responsible department (处室/单位)'),
  policyBasis: z.string().max(200).nullable().describe('文号 of the document this item rests on'),
  sourceUrl: z.url().nullable(),
  sourceNote: z.string().max(1000).nullable().describe('where the facts come from'),
  isSample: z.boolean().describe('true = sample data whose figures are not confirmed as official'),
});

export const Channel = z.object({
  type: z.enum(['online', 'hall', 'phone']),
  name: z.string().min(2),
  address: z.string().nullable().default(null),
  url: z.url().nullable().default(null),
});
export const PayoutBatch = z.object({
  paidOn: IsoDate,
  recipients: z.number().int().min(0),
  totalYuan: z.number().min(0),
  note: z.string().nullable().default(null),
});

export const SubsidyDetails = z.object({
  conditions: z.array(z.string().min(2)).min(1),
  eligibility: z.array(EligibilityRule),
  amount: z.string().min(2).describe('标准, as published'),
  applicationWindow: z.object({ opensOn: IsoDate.nullable(), closesOn: IsoDate.nullable(), note: z.string() }),
  channels: z.array(Channel).min(1),
  materials: z.array(z.string().min(2)).min(1),
  steps: z.array(z.string().min(2)).min(1),
  payoutBatches: z.array(PayoutBatch),
});

export const WAGE_RATE_TYPES = ['monthly_min', 'hourly_min', 'guideline_base', 'guideline_upper', 'guideline_lower'] as const;
export const WageRateType = z.enum(WAGE_RATE_TYPES);
export type WageRateType = z.infer<typeof WageRateType>;
export const WAGE_RATE_TYPE_NAMES: Record<WageRateType, string> = {
  monthly_min: '月最低工资标准',
  hourly_min: '非全日制小时最低工资标准',
  guideline_base: '工资指导线基准线',
  guideline_upper: '工资指导线上线',
  guideline_lower: '工资指导线下线',
};
export const WageRate = z.object({
  type: WageRateType,
  tier: z.number().int().min(1).max(4).nullable().describe('一类/二类/三类 region; null for guidelines'),
  amount: z.number().min(0),
  unit: z.enum(['元/月', '元/小时', '%']),
  districts: z.array(District).min(1),
});
export type WageRate = z.infer<typeof WageRate>;
export const WageStandardDetails = z
  .object({
    standardType: z.enum(['minimum_wage', 'wage_guideline']),
    rates: z.array(WageRate).min(1),
    effectiveFrom: IsoDate,
    docNumber: z.string().min(2),
    localDocNumber: z.string().nullable(),
    issuer: z.string().min(2),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    for (const r of d.rates)
      for (const district of r.districts) {
        const key = `${r.type}:${district}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `${district} 在同一标准的 ${r.type} 中出现了两次`, path: ['rates'] });
        seen.add(key);
      }
  });

export const RECRUITMENT_CATEGORIES = ['institution', 'qualification_exam', 'title_review', 'talent_project'] as const;
export const RecruitmentCategory = z.enum(RECRUITMENT_CATEGORIES);
export const RECRUITMENT_CATEGORY_NAMES: Record<z.infer<typeof RecruitmentCategory>, string> = {
  institution: '事业单位招聘',
  qualification_exam: '资格考试',
  title_review: '职称评审',
  talent_project: '人才项目',
};
export const Position = z.object({
  code: z.string().min(1).max(20),
  title: z.string().min(2),
  count: z.number().int().min(1),
  education: z.string(),
  major: z.string(),
  ageLimit: z.string().nullable().default(null),
  requirements: z.string(),
});
export const RecruitmentDetails = z
  .object({
    category: RecruitmentCategory,
    organiser: z.string().min(2),
    registrationOpensAt: IsoDateTime,
    registrationClosesAt: IsoDateTime,
    examOn: IsoDate.nullable(),
    finishesOn: IsoDate.nullable().describe('day after which the whole process is over (results published)'),
    registrationUrl: z.url().nullable(),
    contact: z.string().nullable(),
    positions: z.array(Position),
  })
  .refine((d) => Date.parse(d.registrationOpensAt) < Date.parse(d.registrationClosesAt), {
    message: '报名截止时间必须晚于报名开始时间',
    path: ['registrationClosesAt'],
  });

export const RECRUITMENT_STATUSES = ['upcoming', 'open', 'closed', 'finished'] as const;
export const RecruitmentStatus = z.enum(RECRUITMENT_STATUSES);
export type RecruitmentStatus = z.infer<typeof RecruitmentStatus>;
export const RECRUITMENT_STATUS_NAMES: Record<RecruitmentStatus, string> = {
  upcoming: '即将报名',
  open: '正在报名',
  closed: '报名已截止',
  finished: '已结束',
};

export const PolicyDetails = z.object({
  docNumber: z.string().min(2),
  issuer: z.string().min(2),
  issuedOn: IsoDate,
});

export const InterpretationDetails = z.object({
  policySlug: Slug.describe('the policy this interpretation explains'),
  form: z.enum(['qa', 'article', 'chart', 'video']),
  qa: z.array(z.object({ question: z.string().min(2), answer: z.string().min(2) })),
});

export const NoticeCategory = z.enum(['campaign', 'budget', 'hotline', 'general']);
export const NoticeDetails = z.object({
  category: NoticeCategory,
  validUntil: IsoDate.nullable(),
});

export const GUIDE_THEMES = ['employment', 'social_insurance', 'labour_relations', 'talent'] as const;
export const GuideTheme = z.enum(GUIDE_THEMES).describe('service area of a guide');
export type GuideTheme = z.infer<typeof GuideTheme>;
export const GUIDE_THEME_NAMES: Record<GuideTheme, string> = {
  employment: '就业创业',
  social_insurance: '社会保险',
  labour_relations: '劳动关系',
  talent: '人才人事',
};

export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export const MATERIAL_FORM_NAMES: Record<(typeof MATERIAL_FORMS)[number], string> = {
  original: '原件',
  copy: '复印件',
  original_and_copy: '原件及复印件',
  electronic: '电子材料',
};
export const GuideMaterial = z.object({
  name: z.string().min(2),
  form: z.enum(MATERIAL_FORMS),
  count: z.number().int().min(1).default(1).describe('份数'),
  note: z.string().nullable().default(null).describe('who needs it, or when it can be skipped'),
});

export const GuideLocation = z.object({
  name: z.string().min(2).describe('办理地点 (service hall)'),
  window: z.string().nullable().default(null).describe('窗口'),
  address: z.string().nullable().default(null),
  hours: z.string().nullable().default(null).describe('办公时间'),
  phone: z.string().nullable().default(null),
  mapQuery: z.string().nullable().default(null).describe('text to search for in a map app'),
});

export const OnlineChannel = z.object({
  type: z.enum(['website', 'app', 'wechat', 'phone']),
  name: z.string().min(2),
  url: z.url().nullable().default(null),
  note: z.string().nullable().default(null).describe('where to find the service in it'),
});

export const LegalBasis = z.object({
  law: z.string().min(4).describe('《…》, the law or regulation'),
  article: z.string().nullable().describe('第…条; null when the whole instrument applies'),
  provision: z.string().min(2).describe('what it says, in short'),
});

export const GuideDetails = z.object({
  theme: GuideTheme,
  conditions: z.array(z.string().min(2)).min(1),
  materials: z.array(GuideMaterial).min(1),
  steps: z.array(z.string().min(2)).min(1),
  locations: z.array(GuideLocation).min(1),
  onlineChannels: z.array(OnlineChannel),
  timeLimit: z.object({
    statutory: z.string().nullable().describe('法定时限, as the law sets it'),
    promised: z.string().nullable().describe('承诺时限, as the bureau promises it'),
  }),
  fees: z.string().min(2).describe('收费标准; “不收费” when free'),
  legalBasis: z.array(LegalBasis).min(1),
});

export const DETAILS_BY_KIND = {
  subsidy: SubsidyDetails,
  wage_standard: WageStandardDetails,
  recruitment: RecruitmentDetails,
  policy: PolicyDetails,
  interpretation: InterpretationDetails,
  notice: NoticeDetails,
  guide: GuideDetails,
} as const;
export type DetailsOf<K extends ContentKind> = z.infer<(typeof DETAILS_BY_KIND)[K]>;

/** What an editor (or the seed) submits to create or update an item. */
export const ContentInput = z.discriminatedUnion('kind', [
  ContentCommon.extend({ kind: z.literal('subsidy'), details: SubsidyDetails }),
  ContentCommon.extend({ kind: z.literal('wage_standard'), details: WageStandardDetails }),
  ContentCommon.extend({ kind: z.literal('recruitment'), details: RecruitmentDetails }),
  ContentCommon.extend({ kind: z.literal('policy'), details: PolicyDetails }),
  ContentCommon.extend({ kind: z.literal('interpretation'), details: InterpretationDetails }),
  ContentCommon.extend({ kind: z.literal('notice'), details: NoticeDetails }),
  ContentCommon.extend({ kind: z.literal('guide'), details: GuideDetails }),
]);
export type ContentInput = z.infer<typeof ContentInput>;
