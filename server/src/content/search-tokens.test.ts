import { buildSearchQuery, buildSearchVector } from './search-tokens';

describe('search tokens', () => {
  it('indexes characters and bigrams of Chinese text with weights and positions', () => {
    expect(buildSearchVector([['创业补贴', 'A']])).toBe("'创':1A '业':2A '补':3A '贴':4A '创业':1A '业补':2A '补贴':3A");
  });

  it('keeps latin words and numbers whole and lower-cased, across weighted fields', () => {
    expect(buildSearchVector([['拨打12333', 'A'], ['App下载', 'C']])).toBe("'拨':1A '打':2A '拨打':1A '12333':3A 'app':9C '下':12C '载':13C '下载':12C");
  });

  it('escapes quotes and backslashes in lexemes', () => {
    expect(buildSearchVector([["it's", 'B']])).toBe("'it':1B 's':3B");
    expect(buildSearchQuery("O'Brien")).toBe("('o' & 'brien')");
  });

  it('queries the bigrams of each word, all required', () => {
    expect(buildSearchQuery('创业')).toBe("('创业')");
    expect(buildSearchQuery('一次性 创业')).toBe("('一次' & '次性' & '创业')");
    expect(buildSearchQuery('税')).toBe("('税')");
  });

  it('widens a query by its synonyms', () => {
    expect(buildSearchQuery('工资标准')).toBe("('工资' & '资标' & '标准') | ('最低' & '低工' & '工资')");
  });

  it('returns null when nothing is searchable', () => {
    expect(buildSearchQuery(' !?。 ')).toBeNull();
  });
});
