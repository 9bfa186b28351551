import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../db/database';
import type { Channel } from './repository';

/**
 * Who a push reaches. A subscriber is targeted when one of their topic subscriptions is among the push's
 * topics and, for each of districts and audiences the push names, the subscription's narrowing (or,
 * without one, the profile) meets them; an empty list on the push means everyone. Of the targeted, a
 * follower who unfollowed, or a mini-program user without a usable credit for the template, is excluded
 * with a reason.
 */
export interface Targeting {
  topics: readonly string[];
  districts: readonly string[];
  audiences: readonly string[];
  /** The channels in use: 'oa' by template message, 'mp' by subscribe message with this template. */
  channels: { oa: boolean; mp: { templateId: string } | null };
}

export type ExclusionReason = 'unfollowed' | 'no_credit' | 'opted_out';

export interface ChannelCount {
  eligible: number;
  excluded: Partial<Record<ExclusionReason, number>>;
}

const textArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;

/** The targeted subscribers: id, channel, openid and why they are excluded (null = reachable). */
function targetedQuery(t: Targeting): SQL {
  const channels: Channel[] = [...(t.channels.oa ? (['oa'] as const) : []), ...(t.channels.mp ? (['mp'] as const) : [])];
  const mpTemplate = t.channels.mp?.templateId ?? '';
  const districts = textArray(t.districts);
  const audiences = textArray(t.audiences);
  return sql`
    select s.id, s.channel, s.openid,
      case
        when s.channel = 'oa' then case when s.following then null else 'unfollowed' end
        when coalesce(c.rejected, false) then 'opted_out'
        when coalesce(c.remaining, 0) > 0 or coalesce(c.long_term, false) then null
        else 'no_credit'
      end as excluded
    from subscribers s
    left join subscribe_credits c on s.channel = 'mp' and c.subscriber_id = s.id and c.template_id = ${mpTemplate}
    where s.channel = any(${textArray(channels)})
      and exists (
        select 1 from subscriptions sub
        where sub.subscriber_id = s.id and sub.topic = any(${textArray(t.topics)})
          and (cardinality(${districts}) = 0 or case when cardinality(sub.districts) > 0 then sub.districts && ${districts} else s.district = any(${districts}) end)
          and (cardinality(${audiences}) = 0 or case when cardinality(sub.audiences) > 0 then sub.audiences && ${audiences} else s.audiences && ${audiences} end)
      )`;
}

/** The dry run: per channel, how many would receive it and how many are excluded, by reason. */
export async function countTargeted(db: Database, t: Targeting): Promise<Record<Channel, ChannelCount>> {
  const rows = await queryRows<{ channel: Channel; excluded: ExclusionReason | null; n: string | number }>(
    db,
    sql`select channel, excluded, count(*) as n from (${targetedQuery(t)}) q group by channel, excluded`,
  );
  const out: Record<Channel, ChannelCount> = { oa: { eligible: 0, excluded: {} }, mp: { eligible: 0, excluded: {} } };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.excluded === null) out[r.channel].eligible += n;
    else out[r.channel].excluded[r.excluded] = n;
  }
  return out;
}

/**
 * One page of the audience written as deliveries of `pushId` (subscribers with id above `after`, in id
 * order): reachable ones `pending`, excluded ones `skipped` with their reason. A page written twice (a
 * crash before the cursor moved) adds nothing. Returns the last subscriber id of the page, or null when
 * the audience is exhausted.
 */
export async function expandPage(db: Database, input: { pushId: number; targeting: Targeting; after: number; pageSize: number; now: Date }): Promise<number | null> {
  const [row] = await queryRows<{ last: string | number | null }>(
    db,
    sql`with page as (
          select * from (${targetedQuery(input.targeting)}) q where q.id > ${input.after} order by q.id limit ${input.pageSize}
        ), written as (
          insert into push_deliveries (push_id, subscriber_id, channel, openid, status, reason, updated_at)
          select ${input.pushId}, id, channel, openid, case when excluded is null then 'pending' else 'skipped' end, excluded, ${input.now.toISOString()}::timestamptz
          from page
          on conflict (push_id, subscriber_id) do nothing
        )
        select max(id) as last from page`,
  );
  return row?.last === null || row?.last === undefined ? null : Number(row.last);
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
