import cron, { type ScheduledTask } from 'node-cron';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { DatabaseConnection } from './db/connect';
import type { System } from './system';

/** How long the record of what residents sent is kept (dedupe itself needs a minute; the console, months). */
const INBOUND_RETENTION_DAYS = 180;

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Periodic work of one server process. Embedded PGlite never autovacuums (research/storage.md §8), so
 * this process vacuums it hourly; a PostgreSQL server does its own.
 */
export function startScheduler(deps: { system: System; connection: DatabaseConnection; logger: Logger }): Scheduler {
  const log = deps.logger.child({ module: 'scheduler' });
  const tasks: ScheduledTask[] = [];
  // Several tasks fire on the same minute: stop() waits for every one in flight before the database closes.
  const running = new Set<Promise<unknown>>();
  const guard = (name: string, fn: () => Promise<unknown>) => () => {
    const run = fn()
      .catch((err) => log.error({ err, task: name }, 'scheduled task failed'))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  const poll = setInterval(guard('content-generation', () => deps.system.pollContentGeneration()), 1000);
  poll.unref();

  tasks.push(
    cron.schedule(
      '40 3 * * *',
      guard('inbound-retention', async () => {
        const before = new Date(Date.now() - INBOUND_RETENTION_DAYS * 86_400_000);
        const deleted = await deps.system.messaging.pruneInbound(before);
        log.info({ deleted: deleted.pushes, answerTexts: deleted.texts, before }, 'old message records deleted');
      }),
      { noOverlap: true, name: 'inbound-retention' },
    ),
  );

  tasks.push(
    cron.schedule('50 3 * * *', guard('editor-sessions', () => deps.system.editors.prune()), { noOverlap: true, name: 'editor-sessions' }),
  );

  // Ended rate-limit windows and session keys no valid token was signed with.
  tasks.push(
    cron.schedule('*/10 * * * *', guard('api-limits', () => Promise.all([deps.system.rateLimiter.prune(), deps.system.sessionTokens.prune()])), {
      noOverlap: true,
      name: 'api-limits',
    }),
  );

  // Content whose scheduled publish or unpublish time has come; several instances each take different items.
  tasks.push(cron.schedule('* * * * *', guard('content-schedule', () => deps.system.content.runSchedule()), { noOverlap: true, name: 'content-schedule' }));

  // Due pushes (and held ones whose wait is over); approving a push for "now" also starts a run at once.
  // No noOverlap: runDue joins a run already going (and runs again after it), and node-cron would warn on
  // the console every minute of a send that lasts minutes.
  tasks.push(cron.schedule('* * * * *', guard('pushes', () => deps.system.pushes.worker.runDue()), { name: 'pushes' }));
  // And once at start: a restarted instance resumes due pushes (one a crashed instance left) without waiting for the minute.
  void guard('pushes', () => deps.system.pushes.worker.runDue())();

  // Automatic push drafts (tomorrow's registration deadlines, new wage standards and subsidies): a scan, so
  // a restart or another instance's publication is never missed; the database keeps it to one draft each.
  tasks.push(cron.schedule('* * * * *', guard('push-drafts', () => deps.system.autoDrafts.run()), { noOverlap: true, name: 'push-drafts' }));

  // Unionids of new followers (and, lazily, older ones), so a person on both channels gets one message.
  tasks.push(cron.schedule('* * * * *', guard('unionids', () => deps.system.unionIds.resolvePending()), { noOverlap: true, name: 'unionids' }));

  if (deps.connection.engine === 'pglite') {
    tasks.push(
      cron.schedule(
        '17 * * * *',
        guard('vacuum', async () => {
          const started = Date.now();
          await deps.connection.db.execute(sql`VACUUM (ANALYZE)`);
          log.info({ ms: Date.now() - started }, 'vacuum done');
        }),
        { noOverlap: true, name: 'vacuum' },
      ),
    );
  }

  return {
    async stop() {
      clearInterval(poll);
      for (const t of tasks) await t.stop();
      await Promise.all(running);
    },
  };
}
