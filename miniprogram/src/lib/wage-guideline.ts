import type { ContentDetail, District } from '@zj/shared';

type WageStandard = Extract<ContentDetail, { kind: 'wage_standard' }>;

/** One year's 工资指导线 for a district: growth rates of the average wage, in percent (null when not given). */
export interface Guideline {
  year: string;
  effectiveFrom: string;
  docNumber: string;
  base: number | null;
  upper: number | null;
  lower: number | null;
  isSample: boolean;
  standardId: number;
}

/**
 * The wage guidelines that cover `district`, one per year (the latest published that year), newest first.
 * A guideline without any line for the district is left out.
 */
export function guidelinesFor(standards: readonly WageStandard[], district: District): Guideline[] {
  const byYear = new Map<string, Guideline>();
  const sorted = standards.filter((s) => s.details.standardType === 'wage_guideline').sort((a, b) => b.details.effectiveFrom.localeCompare(a.details.effectiveFrom));
  for (const s of sorted) {
    const line = (type: 'guideline_base' | 'guideline_upper' | 'guideline_lower') => s.details.rates.find((r) => r.type === type && r.districts.includes(district))?.amount ?? null;
    const g: Guideline = {
      year: s.details.effectiveFrom.slice(0, 4),
      effectiveFrom: s.details.effectiveFrom,
      docNumber: s.details.docNumber,
      base: line('guideline_base'),
      upper: line('guideline_upper'),
      lower: line('guideline_lower'),
      isSample: s.isSample,
      standardId: s.id,
    };
    if (g.base === null && g.upper === null && g.lower === null) continue;
    if (!byYear.has(g.year)) byYear.set(g.year, g);
  }
  return [...byYear.values()];
}
