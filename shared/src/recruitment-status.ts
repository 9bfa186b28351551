import type { RecruitmentStatus } from './content';

export interface RecruitmentSchedule {
  registrationOpensAt: string;
  registrationClosesAt: string;
  examOn: string | null;
  finishesOn: string | null;
}

/** A Date whose UTC fields read as Beijing wall-clock time at `instant` (no DST, so a fixed offset is exact). */
export function shanghaiWallClock(instant: Date): Date {
  return new Date(instant.getTime() + 8 * 3600_000);
}

/** YYYY-MM-DD of an instant in China Standard Time. */
export function shanghaiDate(instant: Date): string {
  return shanghaiWallClock(instant).toISOString().slice(0, 10);
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
