import { asc } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { CalendarDayKind, CalendarYear } from './holidays';
import { calendarDays, calendarYears } from './tables';

export async function readCalendarYears(db: Database): Promise<CalendarYear[]> {
  const years = await db.select().from(calendarYears).orderBy(asc(calendarYears.year));
  const days = await db.select().from(calendarDays).orderBy(asc(calendarDays.date));
  return years.map((y) => ({
    year: y.year,
    source: y.source,
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind as CalendarDayKind, name: d.name })),
  }));
}

/** Inserts a year with its days unless that year is already loaded; returns whether it was inserted. */
export async function insertCalendarYear(db: Database, year: CalendarYear, loadedAt: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(calendarYears)
      .values({ year: year.year, source: year.source, loadedAt })
      .onConflictDoNothing()
      .returning({ year: calendarYears.year });
    if (inserted.length === 0) return false;
    if (year.days.length > 0) await tx.insert(calendarDays).values(year.days.map((d) => ({ ...d, year: year.year })));
    return true;
  });
}
