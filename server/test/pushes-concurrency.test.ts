import { sql } from 'drizzle-orm';
import { consumeCredit } from '../src/audience/credits';
import { connect } from '../src/db/connect';
import { queryRows } from '../src/db/database';
import { anEditor, logIn } from './support/admin';
import { aNotice, publish } from './support/builders';
import { aSubmittedPush } from './support/pushes';
import { TEST_DATABASE_URL, type TestDatabase } from './support/test-database';
import { aSubscriber } from './support/subscribers';
import { startTestSystem, type TestSystem } from './support/test-system';

/**
 * Pushes under concurrency: several sends racing for the same credits, and two server instances (each
 * with its own push worker) finding the same push due at once.
 */

const TPL = 'TPL_push_race';
const SUB_TPL = 'SUBTPL_push_race';
const TOPIC = 'employment_subsidy';

const seedPerson = (t: TestSystem, channel: 'oa' | 'mp', credits = 0) => aSubscriber(t, { channel, topics: [TOPIC], credits, subscribeTemplate: SUB_TPL });

async function remainingCredits(t: TestSystem, subscriberId: number): Promise<number> {
  const [row] = await queryRows<{ remaining: number }>(t.connection.db, sql`select remaining from subscribe_credits where subscriber_id = ${subscriberId} and template_id = ${SUB_TPL}`);
  return Number(row!.remaining);
}

describe('subscribe credits under concurrent sends', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.close());

  it('when 20 sends take credits at once from a subscriber with 5, then exactly 5 get one and none is left, never below zero', async () => {
    const { id } = await seedPerson(t, 'mp', 5);
    const takes = await Promise.all(Array.from({ length: 20 }, () => consumeCredit(t.connection.db, { subscriberId: id, templateId: SUB_TPL, now: t.clock.now() })));
    expect(takes.filter((x) => x === 'one_time')).toHaveLength(5);
    expect(takes.filter((x) => x === null)).toHaveLength(15);
    expect(await remainingCredits(t, id)).toBe(0);
  });
});

/** PGlite has a single session, so a second instance with its own connection needs PostgreSQL. */
const onPostgres = TEST_DATABASE_URL ? describe : describe.skip;

onPostgres('two server instances sending pushes from one PostgreSQL database', () => {
  let a: TestSystem;
  let b: TestSystem;
  let other: TestDatabase;
  let contentId: number;

  beforeAll(async () => {
    a = await startTestSystem();
    // The second instance: its own pool, push worker (lease owner) and sandbox endpoint; the sandbox keeps
    // its state in the database, so both talk to one WeChat.
    other = { ...(await connect({ databaseUrl: a.connection.url!, poolSize: 5 })), url: a.connection.url };
    b = await startTestSystem({ connection: other });
    await anEditor(a, 'race-author', 'editor');
    await anEditor(a, 'race-reviewer', 'reviewer');
    contentId = (await publish(a.system.content, aNotice({ title: '就业补贴申领提醒', topics: [TOPIC] }))).id;
  });
  afterAll(async () => {
    await Promise.all([a.system.pushes.worker.idle(), b.system.pushes.worker.idle()]);
    await Promise.all([a.system.sandbox!.settled(), b.system.sandbox!.settled()]);
    await b.close();
    await other.close();
    await a.close();
  });
  beforeEach(async () => {
    await a.system.sandbox!.reset();
    await a.connection.db.execute(sql`delete from push_deliveries`);
    await a.connection.db.execute(sql`update pushes set status = 'cancelled' where status not in ('completed', 'cancelled')`);
    await a.connection.db.execute(sql`delete from subscribers`);
    for (const t of [a, b]) t.clock.set('2026-11-27T10:00:00+08:00');
  });

  /** A push for 10:30 (so approving it sends nothing yet), with both channels. */
  async function scheduledPush(): Promise<number> {
    const author = await logIn(a, 'race-author');
    const reviewer = await logIn(a, 'race-reviewer');
    const id = await aSubmittedPush(author, {
      contentId,
      topics: [TOPIC],
      districts: [],
      audiences: [],
      template: { templateId: TPL, keywords: { thing1: { field: 'title' }, time2: { text: '2026年12月1日 09:00' } } },
      subscribe: { templateId: SUB_TPL, keywords: { thing1: { field: 'title' }, thing2: { text: '请按时办理' } } },
    });
    expect((await reviewer.call('POST', `/pushes/${id}/approve`, { sendAt: '2026-11-27T10:30:00+08:00' })).status).toBe(200);
    return id;
  }

  /**
   * Both instances' minute ticks fire at 10:30 together, and keep firing while the fan-out is under way
   * (every send is slowed down), as ticks of instances started at different times would.
   */
  async function bothInstancesRun(): Promise<void> {
    for (const t of [a, b]) {
      t.clock.set('2026-11-27T10:30:00+08:00');
      t.system.sandbox!.setLatency(15);
    }
    let finished = false;
    const first = Promise.all([a.system.pushes.worker.runDue(), b.system.pushes.worker.runDue()]).finally(() => {
      finished = true;
    });
    while (!finished) {
      a.system.pushes.worker.kick();
      b.system.pushes.worker.kick();
      await new Promise((r) => setTimeout(r, 5));
    }
    await first;
    await Promise.all([a.system.pushes.worker.idle(), b.system.pushes.worker.idle()]);
    for (const t of [a, b]) t.system.sandbox!.setLatency(0);
    await Promise.all([a.system.sandbox!.settled(), b.system.sandbox!.settled()]);
  }

  async function statusOf(id: number): Promise<string> {
    const [row] = await queryRows<{ status: string }>(a.connection.db, sql`select status from pushes where id = ${id}`);
    return row!.status;
  }

  it('when both instances find the same push due at once, then every recipient gets exactly one message and the push completes once', async () => {
    const oa = [];
    const mp = [];
    for (let i = 0; i < 16; i++) oa.push(await seedPerson(a, 'oa'));
    for (let i = 0; i < 8; i++) mp.push(await seedPerson(a, 'mp', 1));
    const id = await scheduledPush();

    await bothInstancesRun();

    const sandbox = a.system.sandbox!;
    for (const p of [...oa, ...mp]) expect(await sandbox.messagesTo(p.openid)).toHaveLength(1);
    expect(await sandbox.messages()).toHaveLength(24);
    for (const p of mp) expect(await remainingCredits(a, p.id)).toBe(0);
    expect(await statusOf(id)).toBe('completed');
    const deliveries = await queryRows<{ status: string; attempts: number }>(a.connection.db, sql`select status, attempts from push_deliveries where push_id = ${id}`);
    expect(deliveries).toHaveLength(24);
    expect(deliveries.every((d) => d.status === 'sent' && Number(d.attempts) === 1)).toBe(true);
    const transitions = await queryRows<{ to_status: string }>(a.connection.db, sql`select to_status from push_transitions where push_id = ${id} order by id`);
    expect(transitions.filter((x) => x.to_status === 'sending')).toHaveLength(1);
    expect(transitions.filter((x) => x.to_status === 'completed')).toHaveLength(1);
  }, 30_000);

  it('when two pushes to the same mini-program users with one credit each are sent at once by the two instances, then each user gets one message and no credit goes below zero', async () => {
    const oa = [];
    const mp = [];
    for (let i = 0; i < 8; i++) oa.push(await seedPerson(a, 'oa'));
    for (let i = 0; i < 12; i++) mp.push(await seedPerson(a, 'mp', 1));
    const ids = [await scheduledPush(), await scheduledPush()];

    await bothInstancesRun();

    const sandbox = a.system.sandbox!;
    for (const p of oa) expect(await sandbox.messagesTo(p.openid)).toHaveLength(2);
    for (const p of mp) {
      expect(await sandbox.messagesTo(p.openid)).toHaveLength(1);
      expect(await remainingCredits(a, p.id)).toBe(0);
    }
    for (const id of ids) expect(await statusOf(id)).toBe('completed');
  }, 30_000);
});
