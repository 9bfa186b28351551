import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/database';
import type { TestSystem } from './test-system';

export interface Person {
  channel: 'oa' | 'mp';
  /** Subscribed to these topics (each with `subDistricts`). */
  topics: string[];
  following?: boolean;
  district?: string | null;
  audiences?: string[];
  subDistricts?: string[];
  /** With `subscribeTemplate`: a credit row for it (and, when above 0, the grant in the sandbox). */
  credits?: number;
  rejected?: boolean;
  subscribeTemplate?: string;
  /** This openid instead of a generated one (a sandbox resident's), and the unionid the login stored. */
  openid?: string;
  unionid?: string | null;
}

let seq = 0;

/** A subscriber stored as the mini-program and the account would leave it, and known to the sandbox. */
export async function aSubscriber(t: TestSystem, p: Person): Promise<{ id: number; openid: string }> {
  const openid = p.openid ?? `${p.channel === 'oa' ? 'o' : 'm'}PushTest${String(++seq).padStart(12, '0')}`;
  const now = t.clock.now().toISOString();
  const db = t.connection.db;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into subscribers (channel, openid, unionid, following, district, audiences, last_seen_at, created_at)
        values (${p.channel}, ${openid}, ${p.unionid ?? null}, ${p.following ?? true}, ${p.district ?? null}, ${`{${(p.audiences ?? []).join(',')}}`}::text[], ${now}::timestamptz, ${now}::timestamptz) returning id`,
  );
  const id = Number(row!.id);
  for (const topic of p.topics) {
    await db.execute(sql`insert into subscriptions (subscriber_id, topic, districts, created_at) values (${id}, ${topic}, ${`{${(p.subDistricts ?? []).join(',')}}`}::text[], ${now}::timestamptz)`);
  }
  const template = p.subscribeTemplate;
  if (p.channel === 'mp' && template !== undefined && (p.credits !== undefined || p.rejected)) {
    await db.execute(
      sql`insert into subscribe_credits (subscriber_id, template_id, remaining, rejected, updated_at) values (${id}, ${template}, ${p.credits ?? 0}, ${p.rejected ?? false}, ${now}::timestamptz)`,
    );
    if ((p.credits ?? 0) > 0 && !p.rejected) await t.system.sandbox!.grantSubscribeCredit(openid, template, p.credits);
  }
  if (p.channel === 'oa' && (p.following ?? true)) await t.system.sandbox!.follow(openid);
  return { id, openid };
}
