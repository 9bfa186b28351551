import type { RecruitmentStatus } from './content';

export interface RecruitmentSchedule {
  registrationOpensAt: string;
  registrationClosesAt: string;
  examOn: string | null;
  finishesOn: string | null;
}

/** YYYY-MM-DD of an instant in China Standard Time (no DST, so a fixed offset is exact). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Where a recruitment stands at `now`: before registration, during it, after it until the process ends
 * (the finish day, else the exam day, inclusive), then finished.
 */
export function recruitmentStatus(s: RecruitmentSchedule, now: Date): RecruitmentStatus {
  const t = now.getTime();
  if (t < Date.parse(s.registrationOpensAt)) return 'upcoming';
  if (t <= Date.parse(s.registrationClosesAt)) return 'open';
  const lastDay = s.finishesOn ?? s.examOn;
  if (lastDay !== null && shanghaiDate(now) <= lastDay) return 'closed';
  return 'finished';
}
