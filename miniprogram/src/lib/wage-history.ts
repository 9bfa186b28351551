import type { ContentDetail, District } from '@zj/shared';

type WageStandard = Extract<ContentDetail, { kind: 'wage_standard' }>;

export interface WagePoint {
  effectiveFrom: string;
  monthly: number | null;
  hourly: number | null;
}

/** The minimum wage of one district at each standard, oldest first; standards that do not cover it are left out. */
export function wageHistory(standards: readonly WageStandard[], district: District): WagePoint[] {
  return standards
    .filter((s) => s.details.standardType === 'minimum_wage')
    .map((s) => {
      const rate = (type: 'monthly_min' | 'hourly_min') => s.details.rates.find((r) => r.type === type && r.districts.includes(district))?.amount ?? null;
      return { effectiveFrom: s.details.effectiveFrom, monthly: rate('monthly_min'), hourly: rate('hourly_min') };
    })
    .filter((p) => p.monthly !== null || p.hourly !== null)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export interface Bar {
  label: string;
  value: number;
  /** Height as a share of the tallest bar, 0–100, from a zero baseline so sizes compare honestly. */
  percent: number;
  /** Rise over the previous standard, in percent, one decimal; null for the first. */
  risePercent: number | null;
}

/** Monthly standards as bars, labelled with the year they took effect. */
export function monthlyBars(points: readonly WagePoint[]): Bar[] {
  const monthly = points.filter((p): p is WagePoint & { monthly: number } => p.monthly !== null);
  const max = Math.max(...monthly.map((p) => p.monthly), 0);
  return monthly.map((p, i) => {
    const previous = i > 0 ? monthly[i - 1]!.monthly : null;
    return {
      label: `${p.effectiveFrom.slice(0, 4)}年${Number(p.effectiveFrom.slice(5, 7))}月`,
      value: p.monthly,
      percent: max > 0 ? Math.round((p.monthly / max) * 1000) / 10 : 0,
      risePercent: previous ? Math.round(((p.monthly - previous) / previous) * 1000) / 10 : null,
    };
  });
}
