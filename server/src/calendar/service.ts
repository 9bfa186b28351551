import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { CalendarYear } from './holidays';
import { insertCalendarYear, readCalendarYears } from './repository';
import { CalendarDataError, createWorkingDayCalendar, validateCalendarYear, type WorkingDayCalendar } from './working-days';

export interface CalendarService {
  /** The loaded calendar, read from the database once and kept until a year is added. */
  current(): Promise<WorkingDayCalendar>;
  /** Adds a year (e.g. when the State Council publishes next year's notice); a loaded year is left as is. */
  loadYear(year: CalendarYear): Promise<boolean>;
}

export function createCalendarService(deps: { db: Database; clock: Clock }): CalendarService {
  let cached: Promise<WorkingDayCalendar> | null = null;
  return {
    current() {
      cached ??= readCalendarYears(deps.db).then(createWorkingDayCalendar);
      cached.catch(() => {
        cached = null;
      });
      return cached;
    },
    async loadYear(year) {
      const problems = validateCalendarYear(year);
      if (problems.length > 0) throw new CalendarDataError(problems);
      const inserted = await insertCalendarYear(deps.db, year, deps.clock.now());
      if (inserted) cached = null;
      return inserted;
    },
  };
}
