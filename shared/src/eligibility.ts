import { z } from 'zod';

/**
 * A resident's answers to the subsidy self-check. Every field is optional: a subsidy only asks what its
 * rules need, and a missing answer makes the outcome "incomplete" rather than a guess.
 */
export const RESIDENCE = [
  { code: 'zhenjiang_hukou', name: '镇江户籍' },
  { code: 'zhenjiang_resident', name: '非镇江户籍,在镇江居住或参保' },
  { code: 'other', name: '其他' },
] as const;
export const EMPLOYMENT_STATUS = [
  { code: 'registered_unemployed', name: '已办理失业登记' },
  { code: 'employed', name: '在职(与单位签订劳动合同)' },
  { code: 'self_employed', name: '自主创业(企业或个体工商户)' },
  { code: 'flexible', name: '灵活就业' },
  { code: 'student', name: '在校学生' },
  { code: 'retired', name: '已退休' },
] as const;
export const EDUCATION = [
  { code: 'junior_high', name: '初中及以下' },
  { code: 'high_school', name: '高中' },
  { code: 'vocational', name: '中专/技工院校' },
  { code: 'college', name: '大专' },
  { code: 'bachelor', name: '本科' },
  { code: 'master', name: '硕士研究生' },
  { code: 'doctor', name: '博士研究生' },
] as const;
export const ENTERPRISE_TYPE = [
  { code: 'none', name: '不经营企业' },
  { code: 'individual_business', name: '个体工商户' },
  { code: 'small_micro', name: '小微企业' },
  { code: 'other_enterprise', name: '其他企业' },
] as const;

const enumOf = <T extends readonly { code: string }[]>(list: T) =>
  z.enum(list.map((d) => d.code) as unknown as [T[number]['code'], ...T[number]['code'][]]);

export const Residence = enumOf(RESIDENCE);
export const EmploymentStatus = enumOf(EMPLOYMENT_STATUS);
export const Education = enumOf(EDUCATION);
export const EnterpriseType = enumOf(ENTERPRISE_TYPE);

export const EligibilityAnswers = z
  .object({
    age: z.number().int().min(14).max(100).describe('周岁'),
    residence: Residence,
    employmentStatus: EmploymentStatus,
    education: Education,
    graduationYear: z.number().int().min(1950).max(2100).nullable().describe('毕业年份;未毕业或不适用为 null'),
    isHardToEmploy: z.boolean().describe('是否经认定的就业困难人员'),
    isVeteran: z.boolean().describe('是否退役军人'),
    enterpriseType: EnterpriseType,
    businessMonths: z.number().int().min(0).max(1200).describe('创业实体已登记注册的月数'),
    insuredMonths: z.number().int().min(0).max(1200).describe('在镇江缴纳社会保险的月数'),
  })
  .partial()
  .strict();
export type EligibilityAnswers = z.infer<typeof EligibilityAnswers>;
export type EligibilityField = keyof EligibilityAnswers;

/** How the mini-program asks each question, and how answers are named back to the resident. */
export const ELIGIBILITY_QUESTIONS: Record<
  EligibilityField,
  { label: string; input: 'number' | 'boolean' | 'choice'; options?: readonly { code: string; name: string }[] }
> = {
  age: { label: '您的年龄(周岁)', input: 'number' },
  residence: { label: '您的户籍或居住情况', input: 'choice', options: RESIDENCE },
  employmentStatus: { label: '您目前的就业状态', input: 'choice', options: EMPLOYMENT_STATUS },
  education: { label: '您的最高学历', input: 'choice', options: EDUCATION },
  graduationYear: { label: '您的毕业年份(未毕业可不填)', input: 'number' },
  isHardToEmploy: { label: '您是否经认定为就业困难人员', input: 'boolean' },
  isVeteran: { label: '您是否为退役军人', input: 'boolean' },
  enterpriseType: { label: '您经营的创业实体类型', input: 'choice', options: ENTERPRISE_TYPE },
  businessMonths: { label: '创业实体已登记注册多少个月', input: 'number' },
  insuredMonths: { label: '您在镇江累计缴纳社会保险多少个月', input: 'number' },
};

const numericField = z.enum(['age', 'businessMonths', 'insuredMonths', 'graduationYear']);
const choiceField = z.enum(['residence', 'employmentStatus', 'education', 'enterpriseType']);
const booleanField = z.enum(['isHardToEmploy', 'isVeteran']);

const BetweenRule = z.object({
  op: z.literal('between'),
  field: numericField,
  min: z.number().optional(),
  max: z.number().optional(),
  condition: z.string().min(2),
});
const OneOfRule = z.object({ op: z.literal('oneOf'), field: choiceField, values: z.array(z.string()).min(1), condition: z.string().min(2) });
const IsRule = z.object({ op: z.literal('is'), field: booleanField, value: z.boolean(), condition: z.string().min(2) });
const GraduatedRule = z.object({
  op: z.literal('graduatedWithinYears'),
  field: z.literal('graduationYear'),
  years: z.number().int().min(0).max(10),
  condition: z.string().min(2),
});
const LeafRule = z.discriminatedUnion('op', [BetweenRule, OneOfRule, IsRule, GraduatedRule]);
type LeafRule = z.infer<typeof LeafRule>;

/** One machine-checkable condition. `condition` is the Chinese wording shown to the resident when it fails. */
export const EligibilityRule = z.discriminatedUnion('op', [
  BetweenRule,
  OneOfRule,
  IsRule,
  GraduatedRule,
  z.object({ op: z.literal('anyOf'), rules: z.array(LeafRule).min(2), condition: z.string().min(2) }),
]);
export type EligibilityRule = z.infer<typeof EligibilityRule>;

export const EligibilityOutcome = z.enum(['eligible', 'ineligible', 'incomplete']);
export const EligibilityResult = z.object({
  outcome: EligibilityOutcome,
  eligible: z.boolean(),
  message: z.string(),
  failed: z.array(z.object({ condition: z.string(), reason: z.string() })),
  missing: z.array(z.object({ field: z.string(), question: z.string() })),
  passed: z.array(z.string()),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

type LeafVerdict = { kind: 'pass' } | { kind: 'fail'; reason: string } | { kind: 'missing'; field: EligibilityField };

const optionName = (field: EligibilityField, code: unknown): string =>
  ELIGIBILITY_QUESTIONS[field].options?.find((o) => o.code === code)?.name ?? String(code);

function checkLeaf(rule: LeafRule, answers: EligibilityAnswers, currentYear: number): LeafVerdict {
  const value = answers[rule.field];
  if (value === undefined) return { kind: 'missing', field: rule.field };
  switch (rule.op) {
    case 'between': {
      if (typeof value !== 'number') return { kind: 'fail', reason: '未填写' };
      if (rule.min !== undefined && value < rule.min) return { kind: 'fail', reason: `您填写的是 ${value},低于 ${rule.min}` };
      if (rule.max !== undefined && value > rule.max) return { kind: 'fail', reason: `您填写的是 ${value},高于 ${rule.max}` };
      return { kind: 'pass' };
    }
    case 'oneOf':
      return rule.values.includes(String(value))
        ? { kind: 'pass' }
        : { kind: 'fail', reason: `您的情况是“${optionName(rule.field, value)}”` };
    case 'is':
      return value === rule.value ? { kind: 'pass' } : { kind: 'fail', reason: value ? '您填写的是“是”' : '您填写的是“否”' };
    case 'graduatedWithinYears': {
      if (value === null) return { kind: 'fail', reason: '您未填写毕业年份' };
      const year = value as number;
      if (year > currentYear + 1) return { kind: 'fail', reason: `毕业年份 ${year} 尚早` };
      return currentYear - year <= rule.years ? { kind: 'pass' } : { kind: 'fail', reason: `您于 ${year} 年毕业,已超过 ${rule.years} 年` };
    }
  }
}

/**
 * Checks a resident's answers against a subsidy's rules. Pure: `currentYear` is passed in (from the
 * server's clock in Asia/Shanghai) so that "graduated within N years" is testable.
 */
export function checkEligibility(rules: readonly EligibilityRule[], answers: EligibilityAnswers, currentYear: number): EligibilityResult {
  const failed: EligibilityResult['failed'] = [];
  const missing = new Set<EligibilityField>();
  const passed: string[] = [];
  for (const rule of rules) {
    const leaves = rule.op === 'anyOf' ? rule.rules : [rule];
    const verdicts = leaves.map((leaf) => checkLeaf(leaf, answers, currentYear));
    if (verdicts.some((v) => v.kind === 'pass')) {
      passed.push(rule.condition);
    } else if (verdicts.some((v) => v.kind === 'missing')) {
      for (const v of verdicts) if (v.kind === 'missing') missing.add(v.field);
    } else {
      const reasons = verdicts.flatMap((v) => (v.kind === 'fail' ? [v.reason] : []));
      failed.push({ condition: rule.condition, reason: reasons.join(';') });
    }
  }
  const missingList = [...missing].map((field) => ({ field, question: ELIGIBILITY_QUESTIONS[field].label }));
  if (failed.length > 0) {
    return {
      outcome: 'ineligible',
      eligible: false,
      message: `很抱歉,您暂不符合申请条件:${failed.map((f) => f.condition).join(';')}。`,
      failed,
      missing: missingList,
      passed,
    };
  }
  if (missingList.length > 0) {
    return {
      outcome: 'incomplete',
      eligible: false,
      message: `还需要您补充以下信息才能判断:${missingList.map((m) => m.question).join(';')}。`,
      failed,
      missing: missingList,
      passed,
    };
  }
  return {
    outcome: 'eligible',
    eligible: true,
    message: '根据您填写的信息,您符合该补贴的申请条件。最终以经办机构审核为准。',
    failed,
    missing: missingList,
    passed,
  };
}

/** The questions a set of rules needs answered, in a stable order. */
export function questionsFor(rules: readonly EligibilityRule[]): EligibilityField[] {
  const fields = new Set<EligibilityField>();
  for (const rule of rules) for (const leaf of rule.op === 'anyOf' ? rule.rules : [rule]) fields.add(leaf.field);
  return (Object.keys(ELIGIBILITY_QUESTIONS) as EligibilityField[]).filter((f) => fields.has(f));
}
