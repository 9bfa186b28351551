import { z } from 'zod';

/** Zhenjiang's districts. Codes are stable identifiers used in URLs and data; names are what residents see. */
export const DISTRICTS = [
  { code: 'jingkou', name: '京口区' },
  { code: 'runzhou', name: '润州区' },
  { code: 'dantu', name: '丹徒区' },
  { code: 'xinqu', name: '镇江新区(经开区)' },
  { code: 'danyang', name: '丹阳市' },
  { code: 'yangzhong', name: '扬中市' },
  { code: 'jurong', name: '句容市' },
] as const;

export const AUDIENCES = [
  { code: 'individual', name: '个人' },
  { code: 'enterprise', name: '企业' },
  { code: 'graduate', name: '高校毕业生' },
  { code: 'hard_to_employ', name: '就业困难人员' },
  { code: 'veteran', name: '退役军人' },
  { code: 'professional', name: '专业技术人员' },
  { code: 'employer', name: '用人单位' },
] as const;

/** The seed set of topics. Editors manage the list later, so topic codes are validated against the database. */
export const SEED_TOPICS = [
  { code: 'employment_subsidy', name: '就业创业补贴' },
  { code: 'social_insurance', name: '社会保险' },
  { code: 'wage_standard', name: '工资标准' },
  { code: 'institution_recruitment', name: '事业单位招聘' },
  { code: 'qualification_exam', name: '资格考试' },
  { code: 'title_review', name: '职称评审' },
  { code: 'talent_project', name: '人才项目' },
  { code: 'labour_rights', name: '劳动维权' },
  { code: 'policy_interpretation', name: '政策解读' },
  { code: 'budget', name: '预决算' },
] as const;

type Codes<T extends readonly { code: string }[]> = T[number]['code'];
const codes = <T extends readonly { code: string }[]>(list: T) =>
  list.map((d) => d.code) as unknown as [Codes<T>, ...Codes<T>[]];

export const District = z.enum(codes(DISTRICTS)).describe('Zhenjiang district code');
export type District = z.infer<typeof District>;
export const Audience = z.enum(codes(AUDIENCES)).describe('audience code');
export type Audience = z.infer<typeof Audience>;
export const TopicCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, '应为主题代码（小写字母、数字和下划线，见 /api/v1/topics）')
  .describe('topic code, one of GET /api/v1/topics');
export type TopicCode = z.infer<typeof TopicCode>;

export const districtName = (code: District): string => DISTRICTS.find((d) => d.code === code)?.name ?? code;
export const audienceName = (code: Audience): string => AUDIENCES.find((a) => a.code === code)?.name ?? code;

export const Topic = z.object({ code: TopicCode, name: z.string(), description: z.string() });
export type Topic = z.infer<typeof Topic>;
