import { asc, eq } from 'drizzle-orm';
import { AUDIENCES, DISTRICTS, SEED_TOPICS } from '@zj/shared';
import type { Database } from '../db/database';
import { audiences, districts, topics } from './tables';

/** Loads districts, audiences and the seed topics; existing rows (which editors may have changed) are kept. */
export async function seedReferenceData(db: Database): Promise<void> {
  await db
    .insert(districts)
    .values(DISTRICTS.map((d, i) => ({ code: d.code, name: d.name, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(audiences)
    .values(AUDIENCES.map((a, i) => ({ code: a.code, name: a.name, sortOrder: i })))
    .onConflictDoNothing();
  await db
    .insert(topics)
    .values(SEED_TOPICS.map((t, i) => ({ code: t.code, name: t.name, sortOrder: i })))
    .onConflictDoNothing();
}

export async function listActiveTopics(db: Database) {
  return db
    .select({ code: topics.code, name: topics.name, description: topics.description })
    .from(topics)
    .where(eq(topics.active, true))
    .orderBy(asc(topics.sortOrder), asc(topics.code));
}

export async function listDistricts(db: Database) {
  return db.select({ code: districts.code, name: districts.name }).from(districts).orderBy(asc(districts.sortOrder));
}

export async function listAudiences(db: Database) {
  return db.select({ code: audiences.code, name: audiences.name }).from(audiences).orderBy(asc(audiences.sortOrder));
}
