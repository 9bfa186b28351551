import { sql } from 'drizzle-orm';
import type { AdminClient } from './admin';
import { json } from './http';
import type { TestSystem } from './test-system';

/**
 * Between the tests of a push file sharing one system: no run going, no push left to send, no deliveries,
 * subscribers or sandbox state, and the clock at 10:00 in Beijing (outside the quiet hours).
 */
export async function resetPushes(t: TestSystem): Promise<void> {
  await t.system.pushes.worker.idle();
  await t.system.sandbox!.reset();
  await t.connection.db.execute(sql`delete from push_deliveries`);
  await t.connection.db.execute(sql`update pushes set status = 'cancelled' where status not in ('completed', 'cancelled')`);
  await t.connection.db.execute(sql`delete from subscribers`);
  t.clock.set('2026-11-27T10:00:00+08:00');
}

/** A push drafted by `author` from `body` (content, targeting, channels) and submitted for review; its id. */
export async function aSubmittedPush(author: AdminClient, body: Record<string, unknown>): Promise<number> {
  const push = await json<{ id: number }>(await author.call('POST', '/pushes', body));
  await json(await author.call('POST', `/pushes/${push.id}/submit`, {}));
  return push.id;
}
