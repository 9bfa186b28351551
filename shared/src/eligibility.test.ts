import { checkEligibility, EligibilityRule, questionFields, selfCheckQuestions, type ApplicationPeriod, type EligibilityAnswers } from './eligibility';

const YEAR_ROUND: ApplicationPeriod = { opensOn: null, closesOn: null };
const check = (rules: EligibilityRule[], answers: EligibilityAnswers, today = '2026-06-01', window = YEAR_ROUND) => checkEligibility({ rules, window }, answers, today);

const rules: EligibilityRule[] = EligibilityRule.array().parse([
  { op: 'between', field: 'age', min: 16, max: 60, condition: '年龄在16至60周岁之间' },
  {
    op: 'anyOf',
    condition: '毕业2年内的高校毕业生，或就业困难人员',
    rules: [
      {
        op: 'allOf',
        condition: '毕业2年内的高校毕业生',
        rules: [
          { op: 'educationAtLeast', level: 'college', condition: '大专及以上学历' },
          { op: 'graduated', maxYearsAgo: 2, condition: '毕业2年内' },
        ],
      },
      { op: 'is', field: 'isHardToEmploy', value: true, condition: '就业困难人员' },
    ],
  },
  { op: 'not', condition: '目前未退休', rule: { op: 'oneOf', field: 'employmentStatus', values: ['retired'], condition: '已退休' } },
]);

describe('checkEligibility', () => {
  it('when every condition holds, then the resident is eligible', () => {
    const r = check(rules, { age: 23, education: 'bachelor', graduationYear: 2025, employmentStatus: 'unemployed' });
    expect(r.outcome).toBe('eligible');
    expect(r.eligible).toBe(true);
    expect(r.passed).toHaveLength(3);
  });

  it('when the age is out of range, then that condition is named with a natural Chinese reason', () => {
    const r = check(rules, { age: 61, isHardToEmploy: true, employmentStatus: 'unemployed' });
    expect(r.failed).toEqual([{ condition: '年龄在16至60周岁之间', reason: '您填写的年龄是61周岁，超过60周岁' }]);
    expect(r.message).toBe('很抱歉，您暂不符合申请条件：年龄在16至60周岁之间。');
  });

  it('when a junior-high graduate gives a recent graduation year, then the year alone does not make a college graduate', () => {
    const r = check(rules, { age: 19, education: 'junior_high', graduationYear: 2025, employmentStatus: 'unemployed' });
    expect(r.outcome).toBe('ineligible');
    expect(r.failed[0]!.reason).toBe('您的最高学历是“初中及以下”，低于大专；您未被认定为就业困难人员');
  });

  it('when education levels are compared, then 中专 counts as 高中 and 硕士 is above 大专', () => {
    const atLeast = (level: 'high_school' | 'college') => EligibilityRule.array().parse([{ op: 'educationAtLeast', level, condition: '学历要求' }]);
    expect(check(atLeast('high_school'), { education: 'vocational' }).outcome).toBe('eligible');
    expect(check(atLeast('college'), { education: 'vocational' }).outcome).toBe('ineligible');
    expect(check(atLeast('college'), { education: 'master' }).outcome).toBe('eligible');
  });

  it('when the graduation lies too far back or ahead, then the reason names the year without "0 年" artefacts', () => {
    const within = (maxYearsAgo: number, maxYearsAhead = 0) =>
      EligibilityRule.array().parse([{ op: 'graduated', maxYearsAgo, maxYearsAhead, condition: '毕业年份符合要求' }]);
    expect(check(within(5), { graduationYear: 2019 }, '2026-01-10').failed[0]!.reason).toBe('您毕业已超过5年（毕业于2019年）');
    expect(check(within(5), { graduationYear: 2021 }, '2026-01-10').outcome).toBe('eligible');
    expect(check(within(5), { graduationYear: 2027 }, '2026-01-10').failed[0]!.reason).toBe('您尚未毕业（预计2027年毕业）');
    expect(check(within(0, 1), { graduationYear: 2025 }).failed[0]!.reason).toBe('您已于2025年毕业，不是2026年及以后毕业的学生');
    expect(check(within(0, 1), { graduationYear: 2028 }).failed[0]!.reason).toBe('您预计2028年毕业，晚于2027年');
  });

  it('when a required answer is missing, then the outcome is incomplete and the question is asked in Chinese punctuation', () => {
    const r = check(rules, { isHardToEmploy: true });
    expect(r.outcome).toBe('incomplete');
    expect(r.missing.map((m) => m.field)).toEqual(['age', 'employmentStatus']);
    expect(r.message).toBe('还需要您补充以下信息才能判断：您的年龄；您目前的就业状态。');
  });

  it('when an optional answer is left blank, then it counts as not applying, not as a failure to answer', () => {
    const graduate = { age: 23, education: 'bachelor', graduationYear: 2025, employmentStatus: 'unemployed' } as const;
    expect(check(rules, graduate).outcome).toBe('eligible');
    const none = check(rules, { age: 40, employmentStatus: 'employed' });
    expect(none.outcome).toBe('ineligible');
    expect(none.failed[0]!.reason).toBe('您未填写最高学历；您未填写毕业年份；您未被认定为就业困难人员');
  });

  it('when the graduation year is sent as null, then it is the same as blank', () => {
    expect(check(rules, { age: 40, employmentStatus: 'employed', graduationYear: null, education: 'bachelor' }).failed[0]!.reason).toBe(
      '您未填写毕业年份；您未被认定为就业困难人员',
    );
  });

  it('when a negated condition holds, then the rule fails and says what the resident is', () => {
    const r = check(rules, { age: 59, isHardToEmploy: true, employmentStatus: 'retired' });
    expect(r.failed).toEqual([{ condition: '目前未退休', reason: '您属于“已退休”' }]);
  });

  it('when a fail and a missing answer meet, then the fail decides', () => {
    expect(check(rules, { age: 70 }).outcome).toBe('ineligible');
  });

  it('when the window has closed or not opened, then the outcome says so with the dates even if the answers qualify', () => {
    const window = { opensOn: '2026-09-15', closesOn: '2026-11-30' };
    const qualifying = { age: 23, isHardToEmploy: true, employmentStatus: 'unemployed' } as const;
    const closed = check(rules, qualifying, '2026-12-01', window);
    expect(closed).toMatchObject({ outcome: 'closed', eligible: false, window: { state: 'closed', opensOn: '2026-09-15', closesOn: '2026-11-30' } });
    expect(closed.message).toBe('该补贴的申请期已结束（申请期为2026年9月15日至2026年11月30日），目前不能申请。按您填写的信息，您符合其他申请条件，请留意下一次申请安排。');
    const early = check(rules, { ...qualifying, age: 70 }, '2026-09-14', window);
    expect(early.outcome).toBe('not_open_yet');
    expect(early.message).toBe('该补贴的申请期尚未开始（申请期为2026年9月15日至2026年11月30日），现在还不能申请。另外，您暂不符合申请条件：年龄在16至60周岁之间。');
    expect(check(rules, qualifying, '2026-11-30', window).outcome).toBe('eligible');
    expect(check(rules, qualifying, '2026-09-15', window).outcome).toBe('eligible');
  });
});

describe('self-check questions', () => {
  it('when fields are used only by alternatives, then they are optional; others are required, in a stable order', () => {
    expect(questionFields(rules)).toEqual([
      { field: 'age', required: true },
      { field: 'education', required: false },
      { field: 'graduationYear', required: false },
      { field: 'employmentStatus', required: true },
      { field: 'isHardToEmploy', required: false },
    ]);
  });

  it('when a question is worded, then it says whether and how it may be left blank', () => {
    const labels = Object.fromEntries(selfCheckQuestions(rules).map((q) => [q.field, q.label]));
    expect(labels).toEqual({
      age: '您的年龄（必填）',
      education: '您的最高学历（在校生填正在就读的学历；可不填，不填按不符合此项判断）',
      graduationYear: '您的毕业年份（在校生填预计毕业年份；可不填，不填按不符合此项判断）',
      employmentStatus: '您目前的就业状态（必填）',
      isHardToEmploy: '您是否经人社部门认定为就业困难人员（不是的可不填）',
    });
  });
});

describe('EligibilityRule schema', () => {
  it('when a rule names an option its question does not have, then it is refused', () => {
    expect(EligibilityRule.safeParse({ op: 'oneOf', field: 'hukou', values: ['mars'], condition: '火星户籍' }).success).toBe(false);
    expect(EligibilityRule.safeParse({ op: 'between', field: 'age', condition: '年龄不限' }).success).toBe(false);
    expect(EligibilityRule.safeParse({ op: 'not', condition: '非学生', rule: { op: 'is', field: 'isStudent', value: true, condition: '学生' } }).success).toBe(true);
  });
});
