import { ReceivedPushList, ReceivedPushQuery, trackedPushPage, type ReceivedPush } from '@zj/shared';
import { sql } from 'drizzle-orm';
import type { ParameterizedContext } from 'koa';
import { queryRows, type Database } from '../db/database';
import { UnauthorizedError } from '../errors';
import { defineRoute, type ApiRoute } from '../http/api-route';
import type { AppState } from '../http/state';

interface Row {
  push_id: number | string;
  delivery_id: number | string;
  title: string;
  page: string;
  sent_at: Date | string;
  opened: boolean;
}

/**
 * The pushes that reached a mini-program user, newest first: deliveries accepted by WeChat (`sent`, or
 * `delivered` once the platform confirmed), to this subscriber or to the person behind it on the official
 * account (same unionid), since one push reaches a person on one channel only. An `unknown` delivery (the
 * call timed out) is left out: the resident may never have seen it.
 */
export async function receivedPushes(db: Database, subscriberId: number, limit: number): Promise<ReceivedPush[]> {
  const [me] = await queryRows<{ unionid: string | null }>(db, sql`select unionid from subscribers where id = ${subscriberId}`);
  // A token outliving its subscriber (the row was erased on request): the user logs in afresh.
  if (!me) throw new UnauthorizedError('登录已失效，请重新登录');
  const person = me.unionid === null ? sql`d.subscriber_id = ${subscriberId}` : sql`d.subscriber_id in (select id from subscribers where id = ${subscriberId} or unionid = ${me.unionid})`;
  const rows = await queryRows<Row>(
    db,
    sql`select d.push_id, d.id as delivery_id, p.title, p.page, d.updated_at as sent_at,
               exists (select 1 from push_opens o where o.push_id = d.push_id and o.delivery_id = d.id) as opened
        from push_deliveries d join pushes p on p.id = d.push_id
        where ${person} and d.status in ('sent', 'delivered')
        order by d.updated_at desc, d.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    pushId: Number(r.push_id),
    title: r.title,
    page: trackedPushPage(r.page, Number(r.push_id), Number(r.delivery_id)),
    sentAt: new Date(r.sent_at).toISOString(),
    opened: r.opened,
  }));
}

/** GET /api/v1/me/pushes: what the user received, for 我的 (the guard authenticates and rate-limits). */
export function inboxRoutes(deps: { db: Database; guard: (ctx: ParameterizedContext<AppState>) => Promise<{ subscriberId: number }> }): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/pushes',
      operationId: 'list_received_pushes',
      summary: '本人收到的推送（最新在前），链接带打开统计参数',
      tag: 'user',
      query: ReceivedPushQuery,
      response: ReceivedPushList,
      auth: 'required',
      guard: deps.guard,
      errors: [401, 429],
      handler: async ({ caller, query }) => ({ items: await receivedPushes(deps.db, caller.subscriberId, query.limit) }),
    }),
  ];
}
