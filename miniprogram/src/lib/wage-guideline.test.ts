import type { ContentDetail } from '@zj/shared';
import { guidelinesFor } from './wage-guideline';

type WageStandard = Extract<ContentDetail, { kind: 'wage_standard' }>;
type Line = 'guideline_base' | 'guideline_upper' | 'guideline_lower' | 'monthly_min';
let id = 0;
const standard = (effectiveFrom: string, rates: [Line, number, ('jingkou' | 'danyang')[]][], standardType: 'minimum_wage' | 'wage_guideline' = 'wage_guideline') =>
  ({
    kind: 'wage_standard',
    id: ++id,
    isSample: true,
    details: { standardType, effectiveFrom, docNumber: `镇人社发〔${effectiveFrom.slice(0, 4)}〕1号`, rates: rates.map(([type, amount, districts]) => ({ type, tier: null, amount, unit: '%', districts })) },
  }) as unknown as WageStandard;

describe('wage guidelines of a district', () => {
  const both: ('jingkou' | 'danyang')[] = ['jingkou', 'danyang'];
  const standards = [
    standard('2025-06-01', [['guideline_base', 6, both], ['guideline_upper', 9, both], ['guideline_lower', 3, both]]),
    standard('2026-05-20', [['guideline_base', 5.5, ['jingkou']], ['guideline_upper', 8, ['jingkou']]]),
    standard('2026-01-01', [['monthly_min', 2660, both]], 'minimum_wage'),
    standard('2024-05-01', [['guideline_base', 7, ['jingkou']]]),
  ];

  it('when guidelines of several years cover the district, then each year is listed once, newest first, with its three lines', () => {
    expect(guidelinesFor(standards, 'jingkou').map((g) => [g.year, g.base, g.upper, g.lower])).toEqual([
      ['2026', 5.5, 8, null],
      ['2025', 6, 9, 3],
      ['2024', 7, null, null],
    ]);
  });

  it('when a year has no line for the district and minimum wages are mixed in, then neither is listed', () => {
    expect(guidelinesFor(standards, 'danyang').map((g) => g.year)).toEqual(['2025']);
  });

  it('when one year has two guidelines (a correction), then the later one counts', () => {
    const corrected = [...standards, standard('2025-07-01', [['guideline_base', 6.5, both]])];
    expect(guidelinesFor(corrected, 'danyang')).toEqual([expect.objectContaining({ year: '2025', effectiveFrom: '2025-07-01', base: 6.5, upper: null })]);
  });
});
