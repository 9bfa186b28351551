import { z } from 'zod';
import { DISTRICTS } from './reference';

export const HUKOU = [
  { code: 'zhenjiang', name: '镇江市' },
  { code: 'jiangsu', name: '江苏省内其他城市' },
  { code: 'other_province', name: '外省' },
] as const;
/** Where a person lives or works, or where an employer is registered; `outside` = not in Zhenjiang. */
export const PLACE = [...DISTRICTS, { code: 'outside', name: '不在镇江市' }] as const;
export const EMPLOYMENT_STATUS = [
  { code: 'registered_unemployed', name: '未就业，已办理失业登记' },
  { code: 'unemployed', name: '未就业，未办理失业登记' },
  { code: 'employed', name: '在职（与单位签订劳动合同）' },
  { code: 'self_employed', name: '自主创业（经营企业或个体工商户）' },
  { code: 'flexible', name: '灵活就业' },
  { code: 'retired', name: '已退休' },
] as const;
/** Levels in order; 普通高中 and 中专/技工院校 are the same level. */
export const EDUCATION = [
  { code: 'junior_high', name: '初中及以下', level: 1 },
  { code: 'high_school', name: '普通高中', level: 2 },
  { code: 'vocational', name: '中专、职高或技工院校', level: 2 },
  { code: 'college', name: '大专', level: 3 },
  { code: 'bachelor', name: '本科', level: 4 },
  { code: 'master', name: '硕士研究生', level: 5 },
  { code: 'doctor', name: '博士研究生', level: 6 },
] as const;
export const ENTERPRISE_TYPE = [
  { code: 'none', name: '不经营企业' },
  { code: 'individual_business', name: '个体工商户' },
  { code: 'small_micro', name: '小微企业' },
  { code: 'other_enterprise', name: '其他企业' },
  { code: 'social_org', name: '社会组织（民办非企业单位等）' },
] as const;

const enumOf = <T extends readonly { code: string }[]>(list: T) =>
  z.enum(list.map((d) => d.code) as unknown as [T[number]['code'], ...T[number]['code'][]]);

export const Hukou = enumOf(HUKOU);
export const Place = enumOf(PLACE);
export const EmploymentStatus = enumOf(EMPLOYMENT_STATUS);
export const Education = enumOf(EDUCATION);
export type Education = z.infer<typeof Education>;
export const EnterpriseType = enumOf(ENTERPRISE_TYPE);

/**
 * A resident's (or an employer's) answers to the subsidy self-check. Every field may be left out: a subsidy
 * asks only what its rules need, and what a blank answer means is said by the question (see `selfCheckQuestions`).
 */
export const EligibilityAnswers = z
  .object({
    age: z.number().int().min(14).max(100).describe('周岁'),
    hukou: Hukou.describe('户籍所在地'),
    district: Place.describe('居住或工作的辖市区；单位填登记注册地'),
    isStudent: z.boolean().describe('是否在校学生'),
    education: Education.describe('最高学历；在校生填正在就读的学历'),
    graduationYear: z.number().int().min(1950).max(2100).nullable().describe('毕业年份；在校生填预计毕业年份；null 与不填相同'),
    employmentStatus: EmploymentStatus,
    isHardToEmploy: z.boolean().describe('是否经认定的就业困难人员'),
    isVeteran: z.boolean().describe('是否退役军人'),
    isReturnee: z.boolean().describe('是否返乡入乡创业人员'),
    isInHardship: z.boolean().describe('是否属于低保、脱贫、零就业家庭，特困人员，残疾人，或获得国家助学贷款'),
    enterpriseType: EnterpriseType.describe('创办或代表申请的单位类型'),
    businessMonths: z.number().int().min(0).max(1200).describe('创业实体已登记注册的月数'),
    insuredMonths: z.number().int().min(0).max(1200).describe('在镇江缴纳社会保险的月数'),
  })
  .partial()
  .strict();
export type EligibilityAnswers = z.infer<typeof EligibilityAnswers>;
export type EligibilityField = keyof EligibilityAnswers;

type QuestionDef =
  | { label: string; hint?: string; input: 'number'; noun: string; unit: string }
  | { label: string; hint?: string; input: 'choice'; noun: string; options: readonly { code: string; name: string }[] }
  | { label: string; hint?: string; input: 'boolean'; yes: string; no: string };

/**
 * How each question is asked, and how answers are named back in results. `noun`/`unit` build the sentences of
 * numeric and choice answers; `yes`/`no` are the sentences of a boolean answer.
 */
export const ELIGIBILITY_QUESTIONS = {
  age: { label: '您的年龄', input: 'number', noun: '年龄', unit: '周岁' },
  hukou: { label: '您的户籍所在地', input: 'choice', noun: '户籍所在地', options: HUKOU },
  district: { label: '您所在的辖市区', hint: '个人填居住或工作地，单位填登记注册地', input: 'choice', noun: '所在地', options: PLACE },
  isStudent: { label: '您目前是否为在校学生', input: 'boolean', yes: '您是在校学生', no: '您不是在校学生' },
  education: { label: '您的最高学历', hint: '在校生填正在就读的学历', input: 'choice', noun: '最高学历', options: EDUCATION },
  graduationYear: { label: '您的毕业年份', hint: '在校生填预计毕业年份', input: 'number', noun: '毕业年份', unit: '年' },
  employmentStatus: { label: '您目前的就业状态', input: 'choice', noun: '就业状态', options: EMPLOYMENT_STATUS },
  isHardToEmploy: { label: '您是否经人社部门认定为就业困难人员', input: 'boolean', yes: '您已被认定为就业困难人员', no: '您未被认定为就业困难人员' },
  isVeteran: { label: '您是否为退役军人', input: 'boolean', yes: '您是退役军人', no: '您不是退役军人' },
  isReturnee: { label: '您是否为返乡入乡创业人员', hint: '如返乡创业的农民工', input: 'boolean', yes: '您是返乡入乡创业人员', no: '您不是返乡入乡创业人员' },
  isInHardship: {
    label: '您是否属于低保家庭、脱贫家庭、零就业家庭、特困人员或残疾人，或在校期间获得国家助学贷款',
    input: 'boolean',
    yes: '您属于困难家庭、残疾人或国家助学贷款学生',
    no: '您不属于困难家庭、残疾人，也未获得国家助学贷款',
  },
  enterpriseType: { label: '您创办或代表申请的单位类型', input: 'choice', noun: '单位类型', options: ENTERPRISE_TYPE },
  businessMonths: { label: '创业实体已登记注册并经营多少个月', input: 'number', noun: '经营时间', unit: '个月' },
  insuredMonths: { label: '您在镇江累计缴纳社会保险多少个月', input: 'number', noun: '在镇江参保时间', unit: '个月' },
} as const satisfies Record<EligibilityField, QuestionDef>;

const Condition = z.string().min(2).describe('the condition in Chinese, shown to the resident as passed or failed');
const numericField = z.enum(['age', 'businessMonths', 'insuredMonths']);
const choiceField = z.enum(['hukou', 'district', 'employmentStatus', 'education', 'enterpriseType']);
const booleanField = z.enum(['isStudent', 'isHardToEmploy', 'isVeteran', 'isReturnee', 'isInHardship']);

const BetweenRule = z
  .object({ op: z.literal('between'), field: numericField, min: z.number().optional(), max: z.number().optional(), condition: Condition })
  .refine((r) => r.min !== undefined || r.max !== undefined, { message: '至少要有 min 或 max' });
const OneOfRule = z
  .object({ op: z.literal('oneOf'), field: choiceField, values: z.array(z.string()).min(1), condition: Condition })
  .superRefine((r, ctx) => {
    const codes = ELIGIBILITY_QUESTIONS[r.field].options.map((o) => o.code as string);
    for (const v of r.values) if (!codes.includes(v)) ctx.addIssue({ code: 'custom', path: ['values'], message: `“${v}”不是${r.field}的选项` });
  });
const IsRule = z.object({ op: z.literal('is'), field: booleanField, value: z.boolean(), condition: Condition });
const EducationAtLeastRule = z.object({ op: z.literal('educationAtLeast'), level: Education, condition: Condition });
/** Graduation year relative to the current year: from `maxYearsAgo` years back (no limit if absent) to `maxYearsAhead` ahead. */
const GraduatedRule = z.object({
  op: z.literal('graduated'),
  maxYearsAgo: z.number().int().min(0).max(60).optional(),
  maxYearsAhead: z.number().int().min(0).max(10).default(0),
  condition: Condition,
});

type LeafRule =
  | z.infer<typeof BetweenRule>
  | z.infer<typeof OneOfRule>
  | z.infer<typeof IsRule>
  | z.infer<typeof EducationAtLeastRule>
  | z.infer<typeof GraduatedRule>;
/** One condition of a subsidy. Rules nest; a subsidy's list of rules must all hold. */
export type EligibilityRule =
  | LeafRule
  | { op: 'allOf'; rules: EligibilityRule[]; condition: string }
  | { op: 'anyOf'; rules: EligibilityRule[]; condition: string }
  | { op: 'not'; rule: EligibilityRule; condition: string };
type EligibilityRuleInput =
  | z.input<typeof BetweenRule>
  | z.input<typeof OneOfRule>
  | z.input<typeof IsRule>
  | z.input<typeof EducationAtLeastRule>
  | z.input<typeof GraduatedRule>
  | { op: 'allOf'; rules: EligibilityRuleInput[]; condition: string }
  | { op: 'anyOf'; rules: EligibilityRuleInput[]; condition: string }
  | { op: 'not'; rule: EligibilityRuleInput; condition: string };

export const EligibilityRule: z.ZodType<EligibilityRule, EligibilityRuleInput> = z.lazy(() =>
  z.discriminatedUnion('op', [
    BetweenRule,
    OneOfRule,
    IsRule,
    EducationAtLeastRule,
    GraduatedRule,
    z.object({ op: z.literal('allOf'), rules: z.array(EligibilityRule).min(1), condition: Condition }),
    z.object({ op: z.literal('anyOf'), rules: z.array(EligibilityRule).min(2), condition: Condition }),
    z.object({ op: z.literal('not'), rule: EligibilityRule, condition: Condition }),
  ]),
).meta({ id: 'EligibilityRule' });

/** A subsidy's application window; a missing end means open-ended. */
export interface ApplicationPeriod {
  opensOn: string | null;
  closesOn: string | null;
}

export const EligibilityOutcome = z.enum(['eligible', 'ineligible', 'incomplete', 'not_open_yet', 'closed']);
export type EligibilityOutcome = z.infer<typeof EligibilityOutcome>;
export const EligibilityResult = z.object({
  outcome: EligibilityOutcome.describe('not_open_yet/closed: the application window rules it out whatever the answers'),
  eligible: z.boolean(),
  message: z.string(),
  window: z.object({ state: z.enum(['open', 'not_open_yet', 'closed']), opensOn: z.string().nullable(), closesOn: z.string().nullable() }),
  failed: z.array(z.object({ condition: z.string(), reason: z.string() })),
  missing: z.array(z.object({ field: z.string(), question: z.string() })),
  passed: z.array(z.string()),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

export const SelfCheckQuestion = z.object({
  field: z.string(),
  label: z.string().describe('the question with what a blank answer means'),
  input: z.enum(['number', 'boolean', 'choice']),
  required: z.boolean().describe('true: a blank answer leaves the result incomplete; false: a blank answer counts as not applying'),
  options: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
});
export type SelfCheckQuestion = z.infer<typeof SelfCheckQuestion>;

const BOOLEAN_FIELDS: readonly EligibilityField[] = booleanField.options;

function leafField(rule: LeafRule): EligibilityField {
  switch (rule.op) {
    case 'educationAtLeast':
      return 'education';
    case 'graduated':
      return 'graduationYear';
    default:
      return rule.field;
  }
}

function visitLeaves(rule: EligibilityRule, optional: boolean, visit: (field: EligibilityField, optional: boolean) => void): void {
  switch (rule.op) {
    case 'allOf':
      for (const r of rule.rules) visitLeaves(r, optional, visit);
      return;
    case 'anyOf':
      for (const r of rule.rules) visitLeaves(r, true, visit);
      return;
    case 'not':
      // A blank answer counts as "does not apply", which a negation would turn into a pass: so, under not, ask.
      visitLeaves(rule.rule, false, visit);
      return;
    default:
      visit(leafField(rule), optional);
  }
}

/**
 * The fields a rule set needs, each marked required or optional, in a stable order. A field is optional when
 * only alternatives (anyOf) use it: the resident may leave it blank when another alternative applies, and a
 * blank answer then means "this alternative does not apply to me". Any other field is required.
 */
export function questionFields(rules: readonly EligibilityRule[]): { field: EligibilityField; required: boolean }[] {
  const seen = new Map<EligibilityField, boolean>();
  for (const rule of rules) visitLeaves(rule, false, (field, optional) => seen.set(field, (seen.get(field) ?? false) || !optional));
  return (Object.keys(ELIGIBILITY_QUESTIONS) as EligibilityField[]).filter((f) => seen.has(f)).map((field) => ({ field, required: seen.get(field)! }));
}

/** The questions a subsidy asks, worded to say what a blank answer does. */
export function selfCheckQuestions(rules: readonly EligibilityRule[]): SelfCheckQuestion[] {
  return questionFields(rules).map(({ field, required }) => {
    const q: QuestionDef = ELIGIBILITY_QUESTIONS[field];
    const blank = required ? '必填' : q.input === 'boolean' ? '不是的可不填' : '可不填，不填按不符合此项判断';
    const hint = [q.hint, blank].filter(Boolean).join('；');
    return {
      field,
      label: `${q.label}（${hint}）`,
      input: q.input,
      required,
      ...(q.input === 'choice' ? { options: q.options.map((o) => ({ code: o.code, name: o.name })) } : {}),
    };
  });
}

type Verdict = { kind: 'pass' } | { kind: 'fail'; reasons: string[] } | { kind: 'missing'; fields: EligibilityField[] };
const PASS: Verdict = { kind: 'pass' };
const fail = (reason: string): Verdict => ({ kind: 'fail', reasons: [reason] });

interface Context {
  answers: EligibilityAnswers;
  currentYear: number;
  required: ReadonlySet<EligibilityField>;
}

const optionName = (field: EligibilityField, code: string): string => {
  const q: QuestionDef = ELIGIBILITY_QUESTIONS[field];
  return q.input === 'choice' ? (q.options.find((o) => o.code === code)?.name ?? code) : code;
};
const educationLevel = (code: Education): number => EDUCATION.find((e) => e.code === code)!.level;

function checkNumber(rule: z.infer<typeof BetweenRule>, value: number): Verdict {
  const { noun, unit } = ELIGIBILITY_QUESTIONS[rule.field];
  if (rule.min !== undefined && value < rule.min) return fail(`您填写的${noun}是${value}${unit}，不满${rule.min}${unit}`);
  if (rule.max !== undefined && value > rule.max) return fail(`您填写的${noun}是${value}${unit}，超过${rule.max}${unit}`);
  return PASS;
}

function checkGraduation(rule: z.infer<typeof GraduatedRule>, year: number, currentYear: number): Verdict {
  const latest = currentYear + rule.maxYearsAhead;
  if (year > latest) {
    return fail(rule.maxYearsAhead === 0 ? `您尚未毕业（预计${year}年毕业）` : `您预计${year}年毕业，晚于${latest}年`);
  }
  if (rule.maxYearsAgo !== undefined && year < currentYear - rule.maxYearsAgo) {
    return fail(rule.maxYearsAgo === 0 ? `您已于${year}年毕业，不是${currentYear}年及以后毕业的学生` : `您毕业已超过${rule.maxYearsAgo}年（毕业于${year}年）`);
  }
  return PASS;
}

function checkLeaf(rule: LeafRule, ctx: Context): Verdict {
  const field = leafField(rule);
  const raw = ctx.answers[field] ?? undefined;
  if (raw === undefined) {
    if (ctx.required.has(field)) return { kind: 'missing', fields: [field] };
    if (!BOOLEAN_FIELDS.includes(field)) return fail(`您未填写${(ELIGIBILITY_QUESTIONS[field] as { noun: string }).noun}`);
  }
  switch (rule.op) {
    case 'between':
      return checkNumber(rule, raw as number);
    case 'graduated':
      return checkGraduation(rule, raw as number, ctx.currentYear);
    case 'oneOf': {
      const value = raw as string;
      return rule.values.includes(value) ? PASS : fail(`您填写的${ELIGIBILITY_QUESTIONS[rule.field].noun}是“${optionName(rule.field, value)}”`);
    }
    case 'educationAtLeast': {
      const value = raw as Education;
      return educationLevel(value) >= educationLevel(rule.level)
        ? PASS
        : fail(`您的最高学历是“${optionName('education', value)}”，低于${optionName('education', rule.level)}`);
    }
    case 'is': {
      // An optional yes/no question left blank means "no" (its wording says "不是的可不填").
      const value = (raw as boolean | undefined) ?? false;
      const q = ELIGIBILITY_QUESTIONS[rule.field];
      return value === rule.value ? PASS : fail(value ? q.yes : q.no);
    }
  }
}

function check(rule: EligibilityRule, ctx: Context): Verdict {
  switch (rule.op) {
    case 'allOf':
    case 'anyOf': {
      const verdicts = rule.rules.map((r) => check(r, ctx));
      const decisive = rule.op === 'allOf' ? 'fail' : 'pass';
      if (verdicts.some((v) => v.kind === decisive)) {
        return rule.op === 'anyOf' ? PASS : { kind: 'fail', reasons: verdicts.flatMap((v) => (v.kind === 'fail' ? v.reasons : [])) };
      }
      if (verdicts.some((v) => v.kind === 'missing')) return { kind: 'missing', fields: verdicts.flatMap((v) => (v.kind === 'missing' ? v.fields : [])) };
      return rule.op === 'allOf' ? PASS : { kind: 'fail', reasons: verdicts.flatMap((v) => (v.kind === 'fail' ? v.reasons : [])) };
    }
    case 'not': {
      const inner = check(rule.rule, ctx);
      if (inner.kind === 'missing') return inner;
      return inner.kind === 'pass' ? fail(`您属于“${rule.rule.condition}”`) : PASS;
    }
    default:
      return checkLeaf(rule, ctx);
  }
}

function windowState(window: ApplicationPeriod, today: string): EligibilityResult['window']['state'] {
  if (window.opensOn !== null && today < window.opensOn) return 'not_open_yet';
  if (window.closesOn !== null && today > window.closesOn) return 'closed';
  return 'open';
}

const chineseDate = (iso: string): string => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
function periodText({ opensOn, closesOn }: ApplicationPeriod): string {
  if (opensOn && closesOn) return `申请期为${chineseDate(opensOn)}至${chineseDate(closesOn)}`;
  return opensOn ? `${chineseDate(opensOn)}起受理` : `受理截至${chineseDate(closesOn!)}`;
}

/**
 * Checks answers against a subsidy's rules and application window. Pure: `today` (YYYY-MM-DD in
 * Asia/Shanghai, from the server's clock) is passed in, so windows and "graduated within N years" are testable.
 */
export function checkEligibility(
  subsidy: { rules: readonly EligibilityRule[]; window: ApplicationPeriod },
  answers: EligibilityAnswers,
  today: string,
): EligibilityResult {
  const required = new Set(questionFields(subsidy.rules).flatMap((q) => (q.required ? [q.field] : [])));
  const ctx: Context = { answers, currentYear: Number(today.slice(0, 4)), required };
  const failed: EligibilityResult['failed'] = [];
  const missingFields = new Set<EligibilityField>();
  const passed: string[] = [];
  for (const rule of subsidy.rules) {
    const v = check(rule, ctx);
    if (v.kind === 'pass') passed.push(rule.condition);
    else if (v.kind === 'fail') failed.push({ condition: rule.condition, reason: [...new Set(v.reasons)].join('；') });
    else for (const f of v.fields) missingFields.add(f);
  }
  const missing = questionFields(subsidy.rules)
    .filter((q) => missingFields.has(q.field))
    .map(({ field }) => ({ field, question: ELIGIBILITY_QUESTIONS[field].label }));

  const state = windowState(subsidy.window, today);
  const conditionsText =
    failed.length > 0
      ? `您暂不符合申请条件：${failed.map((f) => f.condition).join('；')}。`
      : missing.length > 0
        ? `还需要您补充以下信息才能判断：${missing.map((m) => m.question).join('；')}。`
        : null;
  let outcome: EligibilityOutcome;
  let message: string;
  if (state === 'closed') {
    outcome = 'closed';
    message = `该补贴的申请期已结束（${periodText(subsidy.window)}），目前不能申请。${conditionsText ? `另外，${conditionsText}` : '按您填写的信息，您符合其他申请条件，请留意下一次申请安排。'}`;
  } else if (state === 'not_open_yet') {
    outcome = 'not_open_yet';
    message = `该补贴的申请期尚未开始（${periodText(subsidy.window)}），现在还不能申请。${conditionsText ? `另外，${conditionsText}` : '按您填写的信息，您符合申请条件，请在申请期内提出申请。'}`;
  } else if (failed.length > 0) {
    outcome = 'ineligible';
    message = `很抱歉，${conditionsText}`;
  } else if (missing.length > 0) {
    outcome = 'incomplete';
    message = conditionsText!;
  } else {
    outcome = 'eligible';
    message = '根据您填写的信息，您符合该补贴的申请条件。最终以经办机构审核为准。';
  }
  return {
    outcome,
    eligible: outcome === 'eligible',
    message,
    window: { state, opensOn: subsidy.window.opensOn, closesOn: subsidy.window.closesOn },
    failed,
    missing,
    passed,
  };
}
