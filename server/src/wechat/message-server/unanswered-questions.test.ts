import { normaliseQuestion } from './unanswered-questions';

describe('unanswered question text', () => {
  it('when residents type the same question differently, then it is counted as one', () => {
    expect(normaliseQuestion(' 火星移民签证？？ ')).toBe('火星移民签证');
    expect(normaliseQuestion('ＡＢＣ，火星  移民!')).toBe('abc 火星 移民');
    expect(normaliseQuestion('问'.repeat(150))).toHaveLength(100);
    expect(normaliseQuestion('？！')).toBe('');
  });
});
