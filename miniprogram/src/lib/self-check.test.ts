import { checkEligibility, selfCheckQuestions, type EligibilityRule } from '@zj/shared';
import { prepareAnswers, shortLabel, verdict } from './self-check';

const rules: EligibilityRule[] = [
  { op: 'between', field: 'age', min: 18, max: 60, condition: '年龄在18至60周岁之间' },
  { op: 'oneOf', field: 'district', values: ['jingkou', 'danyang'], condition: '在镇江创业' },
  {
    op: 'anyOf',
    condition: '退役军人或就业困难人员',
    rules: [
      { op: 'is', field: 'isVeteran', value: true, condition: '退役军人' },
      { op: 'is', field: 'isHardToEmploy', value: true, condition: '就业困难人员' },
    ],
  },
];
const questions = selfCheckQuestions(rules);
const window = { opensOn: null, closesOn: null };

describe('self-check form', () => {
  it('when a required question is blank, then nothing is sent and the question is named without its note', () => {
    const prepared = prepareAnswers(questions, { age: '35', isVeteran: true });
    expect(prepared).toEqual({ ok: false, problems: ['请填写：您所在的辖市区'] });
  });

  it('when a number is not a whole number, then it is asked again', () => {
    expect(prepareAnswers(questions, { age: '35.5', district: 'jingkou' })).toEqual({ ok: false, problems: ['您的年龄请填写整数'] });
    expect(prepareAnswers(questions, { age: ' ', district: 'jingkou' })).toEqual({ ok: false, problems: ['请填写：您的年龄'] });
  });

  it('when the form is complete, then numbers are numbers, yes/no stay booleans and blank optional questions are left out', () => {
    const prepared = prepareAnswers(questions, { age: ' 35 ', district: 'danyang', isVeteran: true, isHardToEmploy: '' });
    expect(prepared).toEqual({ ok: true, answers: { age: 35, district: 'danyang', isVeteran: true } });
  });

  it('when the answers fail one condition, then the headline counts it and the evaluator names it', () => {
    const prepared = prepareAnswers(questions, { age: '61', district: 'jingkou', isVeteran: true });
    if (!prepared.ok) throw new Error(prepared.problems.join());
    const result = checkEligibility({ rules, window }, prepared.answers, '2026-10-20');
    expect(verdict(result)).toEqual({ tone: 'bad', title: '您暂不符合申请条件（1项不符合）' });
    expect(result.failed.map((f) => f.condition)).toEqual(['年龄在18至60周岁之间']);
  });

  it('when the answers qualify, or the window is closed, then the headline says so', () => {
    const answers = { age: 35, district: 'jingkou' as const, isVeteran: true };
    expect(verdict(checkEligibility({ rules, window }, answers, '2026-10-20'))).toEqual({ tone: 'good', title: '您符合申请条件' });
    const closed = checkEligibility({ rules, window: { opensOn: '2026-01-01', closesOn: '2026-03-31' } }, answers, '2026-10-20');
    expect(verdict(closed).title).toBe('申请期已结束');
  });

  it('when a label carries the note on blanks, then the short label drops only that note', () => {
    expect(questions.map(shortLabel)).toEqual(['您的年龄', '您所在的辖市区', '您是否经人社部门认定为就业困难人员', '您是否为退役军人']);
  });
});
