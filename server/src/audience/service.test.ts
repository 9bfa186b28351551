import { matchTopic } from './service';

const topics = [
  { code: 'wage_standard', name: '工资标准' },
  { code: 'institution_recruitment', name: '事业单位招聘' },
  { code: 'qualification_exam', name: '资格考试' },
  { code: 'employment_subsidy', name: '就业创业补贴' },
  { code: 'talent_project', name: '人才项目' },
];

describe('matchTopic', () => {
  it('when the exact name or code is given, then that topic', () => {
    expect(matchTopic('工资标准', topics)).toEqual({ kind: 'found', topic: topics[0] });
    expect(matchTopic('“工资标准”', topics)).toEqual({ kind: 'found', topic: topics[0] });
    expect(matchTopic('WAGE_STANDARD', topics)).toEqual({ kind: 'found', topic: topics[0] });
  });

  it('when part of one name is given, then that topic; part of several, then the candidates', () => {
    expect(matchTopic('招聘', topics)).toEqual({ kind: 'found', topic: topics[1] });
    expect(matchTopic('补贴', topics)).toEqual({ kind: 'found', topic: topics[3] });
    expect(matchTopic('项目', topics)).toEqual({ kind: 'found', topic: topics[4] });
    expect(matchTopic('考', topics)).toEqual({ kind: 'found', topic: topics[2] });
    expect(matchTopic('人', topics)).toMatchObject({ kind: 'found' });
    expect(matchTopic('才', [...topics, { code: 'x', name: '人才引进' }])).toMatchObject({ kind: 'ambiguous' });
  });

  it('when nothing matches or nothing is given, then unknown', () => {
    expect(matchTopic('天气', topics)).toEqual({ kind: 'unknown' });
    expect(matchTopic('  ', topics)).toEqual({ kind: 'unknown' });
  });
});
