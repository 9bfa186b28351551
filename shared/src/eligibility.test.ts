import { checkEligibility, questionsFor, type EligibilityRule } from './eligibility';

const rules: EligibilityRule[] = [
  { op: 'between', field: 'age', min: 16, max: 60, condition: '年龄在16至60周岁之间' },
  { op: 'oneOf', field: 'residence', values: ['zhenjiang_hukou', 'zhenjiang_resident'], condition: '镇江户籍或在镇江居住' },
  {
    op: 'anyOf',
    condition: '毕业2年内的高校毕业生,或就业困难人员',
    rules: [
      { op: 'graduatedWithinYears', field: 'graduationYear', years: 2, condition: '毕业2年内' },
      { op: 'is', field: 'isHardToEmploy', value: true, condition: '就业困难人员' },
    ],
  },
];

describe('checkEligibility', () => {
  it('when every condition holds, then the resident is eligible', () => {
    const r = checkEligibility(rules, { age: 23, residence: 'zhenjiang_hukou', graduationYear: 2025 }, 2026);
    expect(r.outcome).toBe('eligible');
    expect(r.passed).toHaveLength(3);
  });

  it('when the age is out of range, then that condition is named in Chinese with the reason', () => {
    const r = checkEligibility(rules, { age: 61, residence: 'zhenjiang_hukou', isHardToEmploy: true }, 2026);
    expect(r.outcome).toBe('ineligible');
    expect(r.failed).toEqual([{ condition: '年龄在16至60周岁之间', reason: '您填写的是 61,高于 60' }]);
    expect(r.message).toContain('年龄在16至60周岁之间');
  });

  it('when the graduation lies further back than allowed, then the year rule fails relative to the current year', () => {
    const base = { age: 30, residence: 'other' as const, graduationYear: 2023, isHardToEmploy: false };
    const r = checkEligibility(rules, base, 2026);
    expect(r.failed.map((f) => f.condition)).toEqual(['镇江户籍或在镇江居住', '毕业2年内的高校毕业生,或就业困难人员']);
    expect(checkEligibility(rules, { ...base, residence: 'zhenjiang_resident' }, 2025).outcome).toBe('eligible');
  });

  it('when an answer is missing, then the outcome is incomplete and the question is asked', () => {
    const r = checkEligibility(rules, { age: 30 }, 2026);
    expect(r.outcome).toBe('incomplete');
    expect(r.missing.map((m) => m.field)).toEqual(['residence', 'graduationYear', 'isHardToEmploy']);
  });

  it('when one alternative of anyOf passes, then missing answers of the others do not matter', () => {
    const r = checkEligibility(rules, { age: 30, residence: 'zhenjiang_hukou', isHardToEmploy: true }, 2026);
    expect(r.outcome).toBe('eligible');
  });

  it('lists the questions a rule set needs in a stable order', () => {
    expect(questionsFor(rules)).toEqual(['age', 'residence', 'graduationYear', 'isHardToEmploy']);
  });
});
