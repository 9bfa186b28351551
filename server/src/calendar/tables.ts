import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** A year whose State Council holiday notice has been loaded; dates outside loaded years are refused. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull(),
});

/** Exceptions to "Monday–Friday are working days": statutory holidays and 调休 makeup workdays. */
export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  year: integer('year')
    .notNull()
    .references(() => calendarYears.year, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
});
