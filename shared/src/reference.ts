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

export type DistrictCode = District;

export const districtName = (code: District): string => DISTRICTS.find((d) => d.code === code)?.name ?? code;

/** Names residents use for a district besides its official one and its two-character short name (丹阳). */
const DISTRICT_ALIASES: Partial<Record<District, readonly string[]>> = {
  xinqu: ['镇江新区', '新区', '经开区', '镇江经开区', '经济技术开发区', '镇江经济技术开发区', '镇江新区经开区'],
};

/** Full-width brackets and spaces as residents type them, and Latin letters in one case. */
const normalise = (text: string): string =>
  text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();

/** Every name of every district, normalised (lower-case, ASCII brackets), e.g. for finding one inside a question. */
export const DISTRICT_BY_NAME: ReadonlyMap<string, District> = new Map(
  DISTRICTS.flatMap((d) => {
    const short = /^[^(]{2}[区市]$/.test(d.name) ? d.name.slice(0, 2) : d.name;
    const names = [d.code, d.name, short, ...(DISTRICT_ALIASES[d.code] ?? [])];
    return names.map((n) => [normalise(n), d.code] as const);
  }),
);

/**
 * The district a resident means by a code (danyang), its name (丹阳市) or its short name (丹阳), optionally
 * after the city (镇江市丹阳市); null when the text names no district of Zhenjiang. The whole text must be a
 * name: finding a district inside a sentence is the caller's job.
 */
export function parseDistrict(text: string): District | null {
  const t = normalise(text);
  return DISTRICT_BY_NAME.get(t) ?? DISTRICT_BY_NAME.get(t.replace(/^镇江市?/, '')) ?? null;
}

const DISTRICT_CHOICES = DISTRICTS.map((d) => `${d.name.replace(/\(.*\)$/, '')}（${d.code}）`).join('、');

/** A `district` request parameter: a code or a Chinese name, parsed to the code. */
export const DistrictParam = z
  .string()
  .trim()
  .min(1)
  .transform((text, ctx) => {
    const code = parseDistrict(text);
    if (code) return code;
    ctx.addIssue({ code: 'custom', input: text, message: `的值无效，可填区县名称或代码：${DISTRICT_CHOICES}` });
    return z.NEVER;
  })
  .describe('Zhenjiang district: a code (danyang) or a Chinese name (丹阳市, 丹阳); see GET /api/v1/districts');
export const audienceName = (code: Audience): string => AUDIENCES.find((a) => a.code === code)?.name ?? code;

export const Topic = z.object({ code: TopicCode, name: z.string(), description: z.string() });
export type Topic = z.infer<typeof Topic>;
