import type { EligibilityAnswers, EligibilityOutcome } from '@zj/shared';

/**
 * People asking the self-check about each seeded subsidy: for each, at least one who qualifies, one who fails
 * exactly one condition, and edge cases. Checked by the pure evaluator (unit) and over HTTP (integration).
 * `today` defaults to 2026-10-20, when the 求职创业补贴 window (9月15日至11月30日) is open.
 */
export interface Persona {
  who: string;
  answers: EligibilityAnswers;
  today?: string;
  outcome: EligibilityOutcome;
  /** The conditions named as failed, in order; none unless given. */
  failed?: string[];
  /** Words the result message or a failure reason must contain. */
  says?: string[];
}

export const DEFAULT_TODAY = '2026-10-20';

const startupOwner: EligibilityAnswers = { enterpriseType: 'small_micro', district: 'jingkou', businessMonths: 14, insuredMonths: 12 };
const jobSeeker: EligibilityAnswers = { isStudent: true, education: 'bachelor', graduationYear: 2027, district: 'jingkou', isInHardship: true };

export const SUBSIDY_PERSONAS: Record<string, Persona[]> = {
  'subsidy-one-time-startup': [
    { who: 'a 2023 bachelor graduate running a small firm for 14 months', answers: { ...startupOwner, education: 'bachelor', graduationYear: 2023 }, outcome: 'eligible' },
    {
      who: 'the same graduate after only 8 months of business',
      answers: { ...startupOwner, education: 'bachelor', graduationYear: 2023, businessMonths: 8 },
      outcome: 'ineligible',
      failed: ['创业实体登记注册并正常经营满12个月'],
      says: ['您填写的经营时间是8个月，不满12个月'],
    },
    {
      who: 'a 19-year-old junior-high graduate (2022), whose graduation year does not make a college graduate',
      answers: { ...startupOwner, enterpriseType: 'individual_business', age: 19, education: 'junior_high', graduationYear: 2022 },
      outcome: 'ineligible',
      failed: ['属于毕业5年内高校毕业生（含在校大学生）、就业困难人员、退役军人或返乡入乡创业人员'],
      says: ['您的最高学历是“初中及以下”，低于大专', '您不是退役军人'],
    },
    { who: 'a college student still at school (含在校大学生)', answers: { ...startupOwner, isStudent: true, education: 'college', graduationYear: 2027 }, outcome: 'eligible' },
    { who: 'a graduate of exactly 5 years ago', answers: { ...startupOwner, education: 'master', graduationYear: 2021 }, outcome: 'eligible' },
    {
      who: 'a graduate of 6 years ago',
      answers: { ...startupOwner, education: 'master', graduationYear: 2020 },
      outcome: 'ineligible',
      failed: ['属于毕业5年内高校毕业生（含在校大学生）、就业困难人员、退役军人或返乡入乡创业人员'],
      says: ['您毕业已超过5年（毕业于2020年）'],
    },
    { who: 'a veteran who leaves the optional graduate questions blank', answers: { ...startupOwner, isVeteran: true }, outcome: 'eligible' },
    {
      who: 'a returnee who has not said where or how long',
      answers: { enterpriseType: 'individual_business', isReturnee: true },
      outcome: 'incomplete',
      says: ['还需要您补充以下信息才能判断：您所在的辖市区；创业实体已登记注册并经营多少个月；您在镇江累计缴纳社会保险多少个月。'],
    },
  ],
  'subsidy-startup-guarantee-loan': [
    { who: 'a 35-year-old veteran with a shop in Danyang', answers: { age: 35, district: 'danyang', enterpriseType: 'individual_business', isVeteran: true }, outcome: 'eligible' },
    {
      who: 'the same veteran at 61',
      answers: { age: 61, district: 'danyang', enterpriseType: 'individual_business', isVeteran: true },
      outcome: 'ineligible',
      failed: ['年龄在18至60周岁之间'],
      says: ['您填写的年龄是61周岁，超过60周岁'],
    },
    {
      who: 'a 60-year-old registered unemployed person (the age limit is inclusive)',
      answers: { age: 60, district: 'jurong', enterpriseType: 'small_micro', employmentStatus: 'registered_unemployed' },
      outcome: 'eligible',
    },
    {
      who: 'a 2010 bachelor graduate (高校毕业生 has no year limit here)',
      answers: { age: 38, district: 'xinqu', enterpriseType: 'small_micro', education: 'bachelor', graduationYear: 2010 },
      outcome: 'eligible',
    },
  ],
  'subsidy-job-seeking': [
    { who: 'a final-year student from a low-income family', answers: jobSeeker, outcome: 'eligible' },
    {
      who: 'a general high-school student',
      answers: { ...jobSeeker, education: 'high_school' },
      outcome: 'ineligible',
      failed: ['就读于中等职业学校、技工院校或高等院校'],
      says: ['您填写的最高学历是“普通高中”'],
    },
    {
      who: 'the same student after the window closed',
      answers: jobSeeker,
      today: '2026-12-05',
      outcome: 'closed',
      says: ['申请期已结束（申请期为2026年9月15日至2026年11月30日）', '您符合其他申请条件'],
    },
    { who: 'the same student before the window opens', answers: jobSeeker, today: '2026-09-01', outcome: 'not_open_yet', says: ['申请期尚未开始'] },
    {
      who: 'a second-year student graduating in 2028',
      answers: { ...jobSeeker, graduationYear: 2028 },
      outcome: 'ineligible',
      failed: ['属于毕业年度内的学生（今年或明年毕业）'],
      says: ['您预计2028年毕业，晚于2027年'],
    },
  ],
  'subsidy-employer-social-insurance': [
    { who: 'a small firm in Runzhou', answers: { enterpriseType: 'small_micro', district: 'runzhou' }, outcome: 'eligible' },
    {
      who: 'a person who runs no business',
      answers: { enterpriseType: 'none', district: 'runzhou' },
      outcome: 'ineligible',
      failed: ['申请主体为依法登记的企业、个体工商户或社会组织'],
      says: ['您填写的单位类型是“不经营企业”'],
    },
    { who: 'a social organisation in the new district', answers: { enterpriseType: 'social_org', district: 'xinqu' }, outcome: 'eligible' },
    {
      who: 'a firm registered outside Zhenjiang',
      answers: { enterpriseType: 'other_enterprise', district: 'outside' },
      outcome: 'ineligible',
      failed: ['在镇江市行政区域内依法登记'],
      says: ['您填写的所在地是“不在镇江市”'],
    },
  ],
  'subsidy-vocational-training': [
    { who: 'a Zhenjiang-born employee working in Nanjing', answers: { age: 30, employmentStatus: 'employed', hukou: 'zhenjiang', district: 'outside' }, outcome: 'eligible' },
    {
      who: 'a retiree',
      answers: { age: 58, employmentStatus: 'retired', hukou: 'zhenjiang' },
      outcome: 'ineligible',
      failed: ['目前未退休'],
      says: ['您属于“已退休”'],
    },
    { who: 'a 16-year-old from another province working in Jurong', answers: { age: 16, employmentStatus: 'flexible', hukou: 'other_province', district: 'jurong' }, outcome: 'eligible' },
    {
      who: 'a person who leaves both optional place questions blank',
      answers: { age: 40, employmentStatus: 'employed' },
      outcome: 'ineligible',
      failed: ['镇江户籍，或在镇江就业、参保'],
      says: ['您未填写户籍所在地；您未填写所在地'],
    },
  ],
  'subsidy-one-time-hiring': [
    { who: 'a company in Dantu', answers: { enterpriseType: 'other_enterprise', district: 'dantu' }, outcome: 'eligible' },
    {
      who: 'a company registered outside Zhenjiang',
      answers: { enterpriseType: 'other_enterprise', district: 'outside' },
      outcome: 'ineligible',
      failed: ['在镇江市行政区域内依法登记'],
    },
    {
      who: 'the Dantu company after the policy period ended',
      answers: { enterpriseType: 'other_enterprise', district: 'dantu' },
      today: '2027-01-05',
      outcome: 'closed',
      says: ['申请期已结束（申请期为2026年1月1日至2026年12月31日）'],
    },
  ],
  'subsidy-flexible-employment-insurance': [
    { who: 'a hard-to-employ flexible worker', answers: { employmentStatus: 'flexible', district: 'jingkou', insuredMonths: 6, isHardToEmploy: true }, outcome: 'eligible' },
    {
      who: 'the same person in a job',
      answers: { employmentStatus: 'employed', district: 'jingkou', insuredMonths: 6, isHardToEmploy: true },
      outcome: 'ineligible',
      failed: ['目前为灵活就业'],
      says: ['您填写的就业状态是“在职（与单位签订劳动合同）”'],
    },
    {
      who: 'a college graduate who left school exactly 2 years ago',
      answers: { employmentStatus: 'flexible', district: 'yangzhong', insuredMonths: 3, education: 'college', graduationYear: 2024 },
      outcome: 'eligible',
    },
    {
      who: 'a college graduate who left 3 years ago',
      answers: { employmentStatus: 'flexible', district: 'yangzhong', insuredMonths: 3, education: 'college', graduationYear: 2023 },
      outcome: 'ineligible',
      failed: ['属于就业困难人员或离校2年内未就业高校毕业生'],
      says: ['您毕业已超过2年（毕业于2023年）', '您未被认定为就业困难人员'],
    },
  ],
  'subsidy-employment-internship': [
    { who: 'an unemployed 2025 bachelor graduate', answers: { employmentStatus: 'unemployed', education: 'bachelor', graduationYear: 2025 }, outcome: 'eligible' },
    {
      who: 'the same graduate in a job',
      answers: { employmentStatus: 'employed', education: 'bachelor', graduationYear: 2025 },
      outcome: 'ineligible',
      failed: ['目前未就业'],
    },
    { who: 'a registered unemployed 24-year-old high-school leaver', answers: { employmentStatus: 'registered_unemployed', age: 24, education: 'high_school' }, outcome: 'eligible' },
    {
      who: 'a registered unemployed 25-year-old high-school leaver',
      answers: { employmentStatus: 'registered_unemployed', age: 25, education: 'high_school' },
      outcome: 'ineligible',
      failed: ['属于离校2年内未就业的高校毕业生，或16至24周岁的登记失业青年'],
      says: ['您填写的年龄是25周岁，超过24周岁'],
    },
  ],
};
