import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';
import { subscribeCredits, subscribeTemplates, subscribers, subscriptions } from './tables';

export type Channel = 'oa' | 'mp';
export type SubscriberRow = typeof subscribers.$inferSelect;

/**
 * Creates the subscriber on first contact, or refreshes `last_seen_at`; one statement, so concurrent first
 * contacts from two instances end in one row. `following` applies only to a new row.
 */
export async function upsertSubscriber(db: Database, input: { channel: Channel; openid: string; following: boolean; now: Date }): Promise<number> {
  const [row] = await db
    .insert(subscribers)
    .values({
      channel: input.channel,
      openid: input.openid,
      following: input.following,
      followedAt: input.following ? input.now : null,
      lastSeenAt: input.now,
      createdAt: input.now,
    })
    .onConflictDoUpdate({ target: [subscribers.channel, subscribers.openid], set: { lastSeenAt: input.now } })
    .returning({ id: subscribers.id });
  return row!.id;
}

/**
 * upsertSubscriber for many residents in one statement (last_seen_at only; `following` on new rows, as
 * there). A resident twice in `rows` is written once, with the latest time: ON CONFLICT DO UPDATE may not
 * touch a row twice in one statement.
 */
export async function touchSubscribers(db: Database, rows: ReadonlyArray<{ channel: Channel; openid: string; following: boolean; now: Date }>): Promise<void> {
  const latest = new Map<string, { channel: Channel; openid: string; following: boolean; now: Date }>();
  for (const r of rows) {
    const key = `${r.channel}:${r.openid}`;
    const seen = latest.get(key);
    if (!seen || seen.now < r.now) latest.set(key, r);
  }
  const json = JSON.stringify([...latest.values()].map((r) => ({ channel: r.channel, openid: r.openid, following: r.following, now: r.now.toISOString() })));
  await queryRows(
    db,
    sql`insert into subscribers (channel, openid, following, followed_at, last_seen_at, created_at)
        select channel, openid, following, case when following then now else null end, now, now
        from json_to_recordset(${json}::json) as r(channel text, openid text, following boolean, now timestamptz)
        order by channel, openid
        on conflict (channel, openid) do update set last_seen_at = excluded.last_seen_at`,
  );
}

/** A follow: following again from now on; the first 带参二维码 scene is kept for attribution, never replaced. */
export async function markFollowing(db: Database, input: { channel: Channel; openid: string; scene: string | null; now: Date }): Promise<void> {
  await db
    .insert(subscribers)
    .values({
      channel: input.channel,
      openid: input.openid,
      following: true,
      followedAt: input.now,
      scene: input.scene,
      lastSeenAt: input.now,
      createdAt: input.now,
    })
    .onConflictDoUpdate({
      target: [subscribers.channel, subscribers.openid],
      set: {
        following: true,
        followedAt: input.now,
        unfollowedAt: null,
        lastSeenAt: input.now,
        scene: sql`coalesce(${subscribers.scene}, excluded.scene)`,
      },
    });
}

/** An unfollow takes effect at once: audience queries select `following = true` only. */
export async function markUnfollowed(db: Database, input: { channel: Channel; openid: string; now: Date }): Promise<void> {
  await db
    .insert(subscribers)
    .values({
      channel: input.channel,
      openid: input.openid,
      following: false,
      unfollowedAt: input.now,
      lastSeenAt: input.now,
      createdAt: input.now,
    })
    .onConflictDoUpdate({
      target: [subscribers.channel, subscribers.openid],
      set: { following: false, unfollowedAt: input.now, lastSeenAt: input.now },
    });
}

export async function findSubscriber(db: Database, channel: Channel, openid: string): Promise<SubscriberRow | undefined> {
  const [row] = await db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.channel, channel), eq(subscribers.openid, openid)));
  return row;
}

/** Returns false when the subscription already existed. */
export async function insertSubscription(db: Database, input: { subscriberId: number; topic: string; now: Date }): Promise<boolean> {
  const rows = await db
    .insert(subscriptions)
    .values({ subscriberId: input.subscriberId, topic: input.topic, createdAt: input.now })
    .onConflictDoNothing({ target: [subscriptions.subscriberId, subscriptions.topic] })
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** Returns false when there was no such subscription. */
export async function deleteSubscription(db: Database, input: { subscriberId: number; topic: string }): Promise<boolean> {
  const rows = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.subscriberId, input.subscriberId), eq(subscriptions.topic, input.topic)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

export async function topicsOf(db: Database, subscriberId: number): Promise<string[]> {
  const rows = await db
    .select({ topic: subscriptions.topic })
    .from(subscriptions)
    .where(eq(subscriptions.subscriberId, subscriberId))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
  return rows.map((r) => r.topic);
}

/** One more one-time send credit (an accept); an accept also lifts an earlier refusal. Atomic per row. */
export async function addCredit(db: Database, input: { subscriberId: number; templateId: string; now: Date }): Promise<void> {
  await db
    .insert(subscribeCredits)
    .values({ subscriberId: input.subscriberId, templateId: input.templateId, remaining: 1, rejected: false, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [subscribeCredits.subscriberId, subscribeCredits.templateId],
      set: { remaining: sql`${subscribeCredits.remaining} + 1`, rejected: false, updatedAt: input.now },
    });
}

/**
 * A refusal. `revoke` (the user switched the template off later, subscribe_msg_change_event) also drops
 * the credits left, since sends would only fail with 43101.
 */
export async function markRejected(db: Database, input: { subscriberId: number; templateId: string; revoke: boolean; now: Date }): Promise<void> {
  await db
    .insert(subscribeCredits)
    .values({ subscriberId: input.subscriberId, templateId: input.templateId, remaining: 0, rejected: true, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [subscribeCredits.subscriberId, subscribeCredits.templateId],
      set: input.revoke
        ? { rejected: true, remaining: 0, longTerm: false, updatedAt: input.now }
        : { rejected: true, updatedAt: input.now },
    });
}

export async function creditsOf(db: Database, subscriberId: number) {
  return db
    .select()
    .from(subscribeCredits)
    .where(eq(subscribeCredits.subscriberId, subscriberId))
    .orderBy(asc(subscribeCredits.templateId));
}

/**
 * A mini-program login: the user's row by openid, created on first login; a unionid, once given, is kept
 * (a later answer without one does not erase it).
 */
export async function upsertMiniProgramUser(db: Database, input: { openid: string; unionid: string | null; now: Date }): Promise<SubscriberRow> {
  const [row] = await db
    .insert(subscribers)
    .values({ channel: 'mp', openid: input.openid, unionid: input.unionid, following: false, lastSeenAt: input.now, createdAt: input.now })
    .onConflictDoUpdate({
      target: [subscribers.channel, subscribers.openid],
      set: { lastSeenAt: input.now, unionid: sql`coalesce(excluded.unionid, ${subscribers.unionid})` },
    })
    .returning();
  return row!;
}

export async function findSubscriberById(db: Database, id: number): Promise<SubscriberRow | undefined> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id));
  return row;
}

export async function updateProfile(db: Database, input: { subscriberId: number; district: string | null; audiences: string[] }): Promise<SubscriberRow | undefined> {
  const [row] = await db
    .update(subscribers)
    .set({ district: input.district, audiences: input.audiences })
    .where(eq(subscribers.id, input.subscriberId))
    .returning();
  return row;
}

/** Subscribes, or changes the narrowing of an existing subscription (its start stays). */
export async function upsertSubscription(db: Database, input: { subscriberId: number; topic: string; districts: string[]; audiences: string[]; now: Date }): Promise<void> {
  await db
    .insert(subscriptions)
    .values({ subscriberId: input.subscriberId, topic: input.topic, districts: input.districts, audiences: input.audiences, createdAt: input.now })
    .onConflictDoUpdate({ target: [subscriptions.subscriberId, subscriptions.topic], set: { districts: input.districts, audiences: input.audiences } });
}

export async function subscriptionRowsOf(db: Database, subscriberId: number) {
  return db
    .select({ topic: subscriptions.topic, districts: subscriptions.districts, audiences: subscriptions.audiences, createdAt: subscriptions.createdAt })
    .from(subscriptions)
    .where(eq(subscriptions.subscriberId, subscriberId))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
}

export type SubscribeTemplateRow = typeof subscribeTemplates.$inferSelect;

export async function listSubscribeTemplates(db: Database): Promise<SubscribeTemplateRow[]> {
  return db.select().from(subscribeTemplates).orderBy(asc(subscribeTemplates.templateId));
}

/** Adds the template, or changes its kind and title. */
export async function upsertSubscribeTemplate(db: Database, input: { templateId: string; kind: 'one_time' | 'long_term'; title: string; now: Date }): Promise<void> {
  await db
    .insert(subscribeTemplates)
    .values({ templateId: input.templateId, kind: input.kind, title: input.title, createdAt: input.now })
    .onConflictDoUpdate({ target: subscribeTemplates.templateId, set: { kind: input.kind, title: input.title } });
}

/** An accept of a long-term template: sends are allowed from now on without credits, until a refusal. */
export async function grantLongTerm(db: Database, input: { subscriberId: number; templateId: string; now: Date }): Promise<void> {
  await db
    .insert(subscribeCredits)
    .values({ subscriberId: input.subscriberId, templateId: input.templateId, remaining: 0, longTerm: true, rejected: false, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [subscribeCredits.subscriberId, subscribeCredits.templateId],
      set: { longTerm: true, rejected: false, updatedAt: input.now },
    });
}
