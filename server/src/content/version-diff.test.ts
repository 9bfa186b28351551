import { diffSnapshots, lineDiff } from './version-diff';

describe('lineDiff', () => {
  it('when lines are changed, added and removed, then the common ones stay and each change is marked', () => {
    expect(lineDiff('a\nb\nc\nd', 'a\nB\nc\ne\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'B' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'e' },
      { op: 'same', text: 'd' },
    ]);
  });

  it('when one side is empty, then every line of the other is added or removed', () => {
    expect(lineDiff('', 'x\ny')).toEqual([{ op: 'added', text: 'x' }, { op: 'added', text: 'y' }]);
    expect(lineDiff('x', '')).toEqual([{ op: 'removed', text: 'x' }]);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('when both bodies are very long and all different, then the old lines are shown removed and the new added without a huge table', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `new ${i}`).join('\n');
    const diff = lineDiff(`head\n${a}\ntail`, `head\n${b}\ntail`);
    expect(diff).toHaveLength(6002);
    expect(diff[0]).toEqual({ op: 'same', text: 'head' });
    expect(diff[1]).toEqual({ op: 'removed', text: 'old 0' });
    expect(diff[3001]).toEqual({ op: 'added', text: 'new 0' });
    expect(diff.at(-1)).toEqual({ op: 'same', text: 'tail' });
  });
});

describe('diffSnapshots', () => {
  it('when fields and details differ, then only those are listed, lists joined and objects as JSON', () => {
    const before = { title: 'T', topics: ['a'], isSample: false, details: { amount: '100元', steps: ['x'] }, body: 'same' };
    const after = { title: 'T', topics: ['a', 'b'], isSample: false, details: { amount: '200元', steps: ['x'] }, body: 'same' };
    expect(diffSnapshots(before, after)).toEqual({
      fields: [
        { field: 'topics', before: 'a', after: 'a、b' },
        { field: 'details.amount', before: '100元', after: '200元' },
      ],
      body: [{ op: 'same', text: 'same' }],
    });
  });
});
