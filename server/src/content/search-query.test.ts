import { parseQuery } from './search-query';
import type { SearchDictionary } from './search-dictionary';

const dictionary: SearchDictionary = {
  synonyms: new Map([
    ['失业金', ['失业保险金']],
    ['社保', ['社会保险']],
    ['社保卡', ['社会保障卡']],
  ]),
  stopWords: new Set(['怎么', '怎么办', '吗', '的', '有', '多少', '多少钱', '给']),
};

const typed = (q: string) => parseQuery(q, dictionary).groups.map((g) => g.typed);

describe('parseQuery', () => {
  it('when a question has filler words, then only the words about a topic remain', () => {
    expect(typed('怎么申请创业补贴')).toEqual(['申请', '创业', '补贴']);
    expect(typed('一次性创业补贴给多少钱')).toEqual(['一次性', '创业', '补贴']);
  });

  it('when a dictionary term is typed, then it brings its expansions, the longest term winning', () => {
    const [group] = parseQuery('社保卡怎么办', dictionary).groups;
    expect(group!.typed).toBe('社保卡');
    expect(group!.alternatives.map((a) => a.text)).toEqual(['社保卡', '社会保障卡']);
    expect(typed('失业金怎么领')).toEqual(['失业金']);
  });

  it('when a district is named, then it becomes the filter and not a word', () => {
    expect(parseQuery('丹阳最低工资', dictionary)).toMatchObject({ district: 'danyang', groups: [{ typed: '最低工资' }] });
    expect(parseQuery('扬中市最低工资', dictionary).district).toBe('yangzhong');
    expect(parseQuery('danyang 招聘', dictionary).district).toBe('danyang');
    expect(parseQuery('镇江新区招聘', dictionary).district).toBe('xinqu');
  });

  it('when only single characters remain, then they are kept', () => {
    expect(typed('税')).toEqual(['税']);
  });

  it('when nothing but stop words is typed, then there is nothing to search for', () => {
    expect(typed('怎么办？')).toEqual([]);
  });

  it('when a long word is typed, then its shorter words count for less', () => {
    const group = parseQuery('最低工资标准', dictionary).groups.find((g) => g.typed === '最低工资');
    expect(group?.alternatives.filter((a) => a.weight < 1).map((a) => a.text)).toEqual(expect.arrayContaining(['工资']));
  });
});
