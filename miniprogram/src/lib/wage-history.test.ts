import type { ContentDetail } from '@zj/shared';
import { monthlyBars, wageHistory } from './wage-history';

type WageStandard = Extract<ContentDetail, { kind: 'wage_standard' }>;
const standard = (effectiveFrom: string, monthly: number, hourly: number, districts: ('jingkou' | 'jurong')[], standardType: 'minimum_wage' | 'wage_guideline' = 'minimum_wage') =>
  ({
    kind: 'wage_standard',
    details: {
      standardType,
      effectiveFrom,
      rates: [
        { type: 'monthly_min', tier: 1, amount: monthly, unit: '元/月', districts },
        { type: 'hourly_min', tier: 1, amount: hourly, unit: '元/小时', districts },
      ],
    },
  }) as unknown as WageStandard;

describe('wage history chart', () => {
  const standards = [standard('2024-01-01', 2490, 24, ['jingkou']), standard('2018-08-01', 2020, 18.5, ['jingkou', 'jurong']), standard('2021-08-01', 2280, 22, ['jingkou']), standard('2025-01-01', 3000, 30, ['jingkou'], 'wage_guideline')];

  it('when standards arrive newest first, then the history of the chosen district is oldest first and skips guidelines', () => {
    expect(wageHistory(standards, 'jingkou')).toEqual([
      { effectiveFrom: '2018-08-01', monthly: 2020, hourly: 18.5 },
      { effectiveFrom: '2021-08-01', monthly: 2280, hourly: 22 },
      { effectiveFrom: '2024-01-01', monthly: 2490, hourly: 24 },
    ]);
  });

  it('when a standard does not cover the district, then it is not a point of its history', () => {
    expect(wageHistory(standards, 'jurong').map((p) => p.effectiveFrom)).toEqual(['2018-08-01']);
  });

  it('when drawn, then bars are scaled to the tallest from zero and carry the rise over the previous standard', () => {
    expect(monthlyBars(wageHistory(standards, 'jingkou'))).toEqual([
      { label: '2018年8月', value: 2020, percent: 81.1, risePercent: null },
      { label: '2021年8月', value: 2280, percent: 91.6, risePercent: 12.9 },
      { label: '2024年1月', value: 2490, percent: 100, risePercent: 9.2 },
    ]);
    expect(monthlyBars([])).toEqual([]);
  });
});
