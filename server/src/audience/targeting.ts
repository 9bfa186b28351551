import { sql, type SQL } from 'drizzle-orm';
import { queryRows, textArray, type Database } from '../db/database';
import type { Channel } from './repository';

/**
 * Who a push reaches. A subscriber is targeted when one of their topic subscriptions is among the push's
 * topics and, for each of districts and audiences the push names, the subscription's narrowing (or,
 * without one, the profile) meets them; an empty list on the push means everyone. Of the targeted, a
 * follower who unfollowed, or a mini-program user without a usable credit for the template, is excluded
 * with a reason.
 *
 * One message per person: a follower and a mini-program user with the same unionid are one person. When
 * both are targeted, the person gets one message and the other row is excluded as `duplicate_person`.
 * The subscribe message wins when they can receive it (a credit or a long-term grant: they asked for this
 * topic's messages in the mini-program, and it lands in 服务通知 beside the page it opens), else the
 * template message; between two rows of one channel (not expected: one openid per app) the older row.
 * A person reachable on neither channel keeps each row's own reason.
 */
export interface Targeting {
  topics: readonly string[];
  districts: readonly string[];
  audiences: readonly string[];
  /** The channels in use: 'oa' by template message, 'mp' by subscribe message with this template. */
  channels: { oa: boolean; mp: { templateId: string } | null };
  /**
   * The push whose deliveries are being written, if any: a person's row already written as a delivery
   * (not skipped) is the one they get, even if it would no longer be chosen (its credit was just used by
   * the send), so pages written minutes apart never give a person two messages.
   */
  pushId?: number;
}

export type ExclusionReason = 'unfollowed' | 'no_credit' | 'opted_out' | 'duplicate_person';

export interface ChannelCount {
  eligible: number;
  excluded: Partial<Record<ExclusionReason, number>>;
}

/** The dry run's count of people rather than rows: a person on both channels counts once. */
export interface PersonCount {
  /** Distinct people among the targeted rows (by unionid; a row without one is a person of its own). */
  targeted: number;
  /** People who would receive the push (one message each). */
  reached: number;
  /** Rows left out because their person is reached on the other channel. */
  duplicatesFolded: number;
}


/** Subscriber ids `from` < id ≤ `to`: the page of an expansion. */
interface IdRange {
  from: number;
  to: number;
}

/** `column` within `range` (nothing without one). */
const within = (column: string, range: IdRange | null): SQL =>
  range === null ? sql`` : sql` and ${sql.raw(column)} > ${range.from} and ${sql.raw(column)} <= ${range.to}`;

/**
 * Whether subscriber `s` (alias) is targeted by its subscriptions and profile. `range` repeats the page's
 * bounds on `subscriptions`: PostgreSQL does not carry `s.id > …` over the join, so without it each page's
 * merge join would scan the table from its first row (quadratic expansion).
 */
function matches(t: Targeting, s: string, range: IdRange | null = null): SQL {
  const alias = sql.raw(s);
  const districts = textArray(t.districts);
  const audiences = textArray(t.audiences);
  const bound = within('sub.subscriber_id', range);
  return sql`exists (
        select 1 from subscriptions sub
        where sub.subscriber_id = ${alias}.id${bound} and sub.topic = any(${textArray(t.topics)})
          and (cardinality(${districts}) = 0 or case when cardinality(sub.districts) > 0 then sub.districts && ${districts} else ${alias}.district = any(${districts}) end)
          and (cardinality(${audiences}) = 0 or case when cardinality(sub.audiences) > 0 then sub.audiences && ${audiences} else ${alias}.audiences && ${audiences} end)
      )`;
}

/** Why subscriber `s` with credit row `c` cannot receive the push on its channel, or null. */
function exclusion(s: string, c: string): SQL {
  const [sa, ca] = [sql.raw(s), sql.raw(c)];
  return sql`case
        when ${sa}.channel = 'oa' then case when ${sa}.following then null else 'unfollowed' end
        when coalesce(${ca}.rejected, false) then 'opted_out'
        when coalesce(${ca}.remaining, 0) > 0 or coalesce(${ca}.long_term, false) then null
        else 'no_credit'
      end`;
}

/**
 * The targeted subscribers: id, channel, openid, person (unionid or the row) and why excluded (null =
 * reachable); with `range`, only subscribers with ids in it, the bounds repeated on every joined table.
 */
function targetedQuery(t: Targeting, range: IdRange | null = null): SQL {
  const channels: Channel[] = [...(t.channels.oa ? (['oa'] as const) : []), ...(t.channels.mp ? (['mp'] as const) : [])];
  const mpTemplate = t.channels.mp?.templateId ?? '';
  const credit = (s: string, c: string) => sql.raw(`left join subscribe_credits ${c} on ${s}.channel = 'mp' and ${c}.subscriber_id = ${s}.id and ${c}.template_id = `);
  // Another row of the same person that takes the message from this one (see the Targeting comment).
  const written = t.pushId === undefined ? null : t.pushId;
  const other = sql`exists (
        select 1 from subscribers o
        ${credit('o', 'oc')}${mpTemplate}
        left join push_deliveries od on od.push_id = ${written ?? 0} and od.subscriber_id = o.id
        where o.unionid = q.unionid and o.id <> q.id and o.channel = any(${textArray(channels)}) and ${matches(t, 'o')}
          and (
            (od.id is not null and od.status <> 'skipped')
            or (od.id is null and ${exclusion('o', 'oc')} is null
                and (q.own is not null or (o.channel = 'mp' and q.channel = 'oa') or (o.channel = q.channel and o.id < q.id)))
          )
      )`;
  return sql`
    select q.id, q.channel, q.openid, coalesce(q.unionid, 's' || q.id) as person,
      case when q.unionid is null then q.own when ${other} then 'duplicate_person' else q.own end as excluded
    from (
      select s.id, s.channel, s.openid, s.unionid, ${exclusion('s', 'c')} as own
      from subscribers s
      ${credit('s', 'c')}${mpTemplate}${within('c.subscriber_id', range)}
      where s.channel = any(${textArray(channels)})${within('s.id', range)} and ${matches(t, 's', range)}
    ) q`;
}

/** The dry run: per channel, how many would receive it and how many are excluded, by reason; and per person. */
export async function countTargeted(db: Database, t: Targeting): Promise<Record<Channel, ChannelCount> & { persons: PersonCount }> {
  const rows = await queryRows<{ channel: Channel; excluded: ExclusionReason | null; n: string | number }>(
    db,
    sql`select channel, excluded, count(*) as n from (${targetedQuery(t)}) q group by channel, excluded`,
  );
  const out: Record<Channel, ChannelCount> = { oa: { eligible: 0, excluded: {} }, mp: { eligible: 0, excluded: {} } };
  let reached = 0;
  let duplicatesFolded = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.excluded === null) {
      out[r.channel].eligible += n;
      reached += n;
    } else out[r.channel].excluded[r.excluded] = n;
    if (r.excluded === 'duplicate_person') duplicatesFolded += n;
  }
  const [people] = await queryRows<{ n: string | number }>(db, sql`select count(distinct person) as n from (${targetedQuery(t)}) q`);
  return { ...out, persons: { targeted: Number(people?.n ?? 0), reached, duplicatesFolded } };
}

/**
 * One page of the audience written as deliveries of `pushId` (the first `pageSize` targeted subscribers
 * with id above `after`, in id order): reachable ones `pending`, excluded ones `skipped` with their reason.
 * The page is gathered from ranges of ids, each table read only within the range (a bound on
 * `subscribers` alone left each page's merge join scanning `subscriptions` from its first row: quadratic
 * expansion). A page written twice (a crash before the cursor moved) adds nothing. Returns the last
 * subscriber id of the page, or null when the audience is exhausted.
 */
export async function expandPage(db: Database, input: { pushId: number; targeting: Targeting; after: number; pageSize: number; now: Date }): Promise<number | null> {
  const width = Math.max(4 * input.pageSize, 1_000);
  let from = input.after;
  let written = 0;
  let last: number | null = null;
  for (;;) {
    const range = { from, to: from + width };
    const [row] = await queryRows<{ last: string | number | null; n: string | number; next: string | number | null }>(
      db,
      sql`with page as (
            select * from (${targetedQuery(input.targeting, range)}) q order by q.id limit ${input.pageSize - written}
          ), written as (
            insert into push_deliveries (push_id, subscriber_id, channel, openid, status, reason, updated_at)
            select ${input.pushId}, id, channel, openid, case when excluded is null then 'pending' else 'skipped' end, excluded, ${input.now.toISOString()}::timestamptz
            from page
            on conflict (push_id, subscriber_id) do nothing
          )
          select max(id) as last, count(*) as n, (select min(id) from subscribers where id > ${range.to}) as next from page`,
    );
    written += Number(row!.n);
    if (row!.last !== null) last = Number(row!.last);
    if (written >= input.pageSize) return last;
    // Past a gap in the ids straight to the next subscriber; none left: the audience is exhausted.
    if (row!.next === null) return last;
    from = Number(row!.next) - 1;
  }
}

/** Coverage for the console: subscribers per topic and per district (profile district, '' when unknown). */
export async function coverage(db: Database): Promise<{ byTopic: Record<string, number>; byDistrict: Record<string, number> }> {
  const topics = await queryRows<{ topic: string; n: string | number }>(db, sql`select topic, count(*) as n from subscriptions group by topic`);
  const districts = await queryRows<{ district: string | null; n: string | number }>(
    db,
    sql`select s.district, count(*) as n from subscribers s where exists (select 1 from subscriptions sub where sub.subscriber_id = s.id) group by s.district`,
  );
  return {
    byTopic: Object.fromEntries(topics.map((r) => [r.topic, Number(r.n)])),
    byDistrict: Object.fromEntries(districts.map((r) => [r.district ?? '', Number(r.n)])),
  };
}
