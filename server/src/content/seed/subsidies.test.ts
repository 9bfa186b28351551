import { checkEligibility, EligibilityRule, selfCheckQuestions } from '@zj/shared';
import { DEFAULT_TODAY, SUBSIDY_PERSONAS } from '../../../test/support/subsidy-personas';
import { subsidySeeds } from './subsidies';

const subsidies = subsidySeeds(new Date('2026-10-20T09:00:00+08:00')).flatMap((s) => (s.kind === 'subsidy' ? [s] : []));
const rulesOf = (slug: string) => {
  const s = subsidies.find((x) => x.slug === slug)!;
  return { rules: s.details.eligibility.map((r) => EligibilityRule.parse(r)), window: s.details.applicationWindow };
};

describe('seeded subsidy self-check', () => {
  it('when the persona table is read, then every seeded subsidy has one who qualifies, one who fails exactly one condition, and an edge case', () => {
    for (const s of subsidies) {
      const personas = SUBSIDY_PERSONAS[s.slug] ?? [];
      expect({ slug: s.slug, enough: personas.length >= 3 }).toEqual({ slug: s.slug, enough: true });
      expect({ slug: s.slug, qualifies: personas.some((p) => p.outcome === 'eligible') }).toEqual({ slug: s.slug, qualifies: true });
      expect({ slug: s.slug, failsOne: personas.some((p) => p.outcome === 'ineligible' && p.failed?.length === 1) }).toEqual({ slug: s.slug, failsOne: true });
    }
  });

  describe.each(Object.entries(SUBSIDY_PERSONAS))('%s', (slug, personas) => {
    it.each(personas.map((p) => [p.who, p] as const))('when asked by %s, then the evaluator answers as expected', (_who, p) => {
      const r = checkEligibility(rulesOf(slug), p.answers, p.today ?? DEFAULT_TODAY);
      expect(r.outcome).toBe(p.outcome);
      expect(r.failed.map((f) => f.condition)).toEqual(p.failed ?? []);
      const text = [r.message, ...r.failed.map((f) => f.reason)].join('\n');
      for (const words of p.says ?? []) expect(text).toContain(words);
    });
  });

  it('when any persona gets an answer, then the text is Chinese-punctuated and has no empty-number artefacts', () => {
    for (const [slug, personas] of Object.entries(SUBSIDY_PERSONAS)) {
      for (const p of personas) {
        const r = checkEligibility(rulesOf(slug), p.answers, p.today ?? DEFAULT_TODAY);
        const text = [r.message, ...r.failed.map((f) => `${f.condition}${f.reason}`), ...r.missing.map((m) => m.question)].join('');
        expect({ slug, who: p.who, ascii: text.match(/[,;:()]/g) ?? [], zero: /超过0年|0年内/.test(text) }).toEqual({ slug, who: p.who, ascii: [], zero: false });
      }
    }
  });

  it('when the questions of every seeded subsidy are listed, then each one says whether it may be left blank, in Chinese punctuation', () => {
    for (const s of subsidies) {
      for (const q of selfCheckQuestions(rulesOf(s.slug).rules)) {
        expect(q.label).toMatch(q.required ? /（(.+；)?必填）$/ : /（(.+；)?(不是的可不填|可不填，不填按不符合此项判断)）$/);
        expect(q.label).not.toMatch(/[,;:()]/);
      }
    }
  });
});
