import { chooseAnswer, coverage, questionUnits } from './best-match';

const item = (title: string, summary = '') => ({ title, summary });

describe('best match of a chat question', () => {
  it('when ICU leaves single characters, then their runs count by bigrams and lone ones are dropped', () => {
    expect(questionUnits('社保卡')).toEqual(['社保', '保卡']);
    expect(questionUnits('工伤认定')).toEqual(['工伤', '认定']);
    expect(questionUnits('失业 领')).toEqual(['失业']);
    expect(questionUnits('领')).toEqual(['领']);
  });

  it('when a unit is in the title it counts fully, in the summary half', () => {
    expect(coverage(['工伤', '认定'], item('工伤认定申请'))).toBe(1);
    expect(coverage(['工伤', '认定'], item('工伤保险待遇', '先经工伤认定'))).toBe(0.75);
    expect(coverage([], item('任何'))).toBe(0);
  });

  it('when the first hit covers the question clearly better than the second, then it alone answers', () => {
    const choice = chooseAnswer('工伤认定', [item('工伤认定'), item('工伤保险待遇')]);
    expect(choice).toEqual({ sure: true, best: item('工伤认定') });
  });

  it('when two hits cover the question alike, or the first covers little of it, then up to three candidates are offered', () => {
    const hits = [item('工伤认定'), item('工伤保险待遇'), item('工伤预防'), item('其他')];
    expect(chooseAnswer('工伤', hits)).toEqual({ sure: false, candidates: hits.slice(0, 3) });
    expect(chooseAnswer('上班 路上 受伤 工伤', [item('工伤认定')])).toEqual({ sure: false, candidates: [item('工伤认定')] });
  });
});
