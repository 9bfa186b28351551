import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { sql } from 'drizzle-orm';
import { systemClock } from '../../server/src/clock';
import { loadConfig } from '../../server/src/config';
import { connect } from '../../server/src/db/connect';
import { queryRows } from '../../server/src/db/database';
import { createLogger } from '../../server/src/logger';
import { startScheduler } from '../../server/src/scheduler';
import { createSystem, pushOptionsFromConfig, seedSystem } from '../../server/src/system';
import { wechatSettingsFromConfig } from '../../server/src/wechat/client/platform';
import { runChild, serveUntilStopped } from '../content-api/child';
import { SUBSCRIBE_TEMPLATE, TEMPLATE, type Targeting } from './population';
import { PUSH_PATH, type PushProgress, type ServerArgs } from './protocol';

/**
 * Our server as main.ts composes it (config → database → system → HTTP → scheduler), with the push settings
 * of the environment and WeChat at the sandbox process, plus one bench route: POST creates the push
 * (approved for now, as a reviewer would leave it) and starts the worker; GET reads its progress.
 */
async function start(): Promise<void> {
  const started = Date.now();
  const [engine, json, , logLevel] = process.argv.slice(2);
  const args = JSON.parse(json!) as ServerArgs;
  const config = loadConfig({
    PORT: String(args.port),
    WECHAT_API_BASE: `${args.sandboxBase}/sandbox`,
    PUSH_SEND_RATE_PER_SECOND: String(args.ratePerSecond),
    PUSH_CONCURRENCY: String(args.concurrency),
    PUSH_QUIET_HOURS: 'off',
    LOG_LEVEL: logLevel ?? 'warn',
    ...(engine === 'postgres' ? { DATABASE_URL: args.location } : { DATA_DIR: args.location }),
  });
  const logger = createLogger({ level: config.logLevel, pretty: false });
  const connection = await connect('url' in config.database ? { databaseUrl: config.database.url, logger } : { dataDir: config.database.dataDir, logger });
  await connection.migrate();
  const deps = { db: connection.db, clock: systemClock, logger, wechat: wechatSettingsFromConfig(config), pushes: pushOptionsFromConfig(config) };
  const system = createSystem(deps);
  await seedSystem(system, deps);
  const db = connection.db;
  const app = system.app.callback();
  let pushId: number | null = null;

  async function createPush(targeting: Targeting): Promise<number> {
    const [content] = await queryRows<{ id: number }>(db, sql`select id from content_items order by id limit 1`);
    const arr = (values: string[]) => sql`${`{${values.join(',')}}`}::text[]`;
    const template = { templateId: TEMPLATE, data: { thing1: '就业补贴申领提醒', time2: '2026年12月1日 09:00' } };
    const subscribe = { templateId: SUBSCRIBE_TEMPLATE, data: { thing1: '就业补贴申领提醒', thing2: '请按时办理' } };
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into pushes (content_id, title, page, status, topics, districts, audiences, template, subscribe, created_at, updated_at)
          values (${content!.id}, '就业补贴申领提醒', ${`pages/notice/index?id=${content!.id}`}, 'scheduled', ${arr(targeting.topics)}, ${arr(targeting.districts)}, ${arr(targeting.audiences)},
                  ${JSON.stringify(template)}::jsonb, ${JSON.stringify(subscribe)}::jsonb, now(), now())
          returning id`,
    );
    system.pushes.worker.kick();
    return Number(row!.id);
  }

  async function progress(): Promise<PushProgress> {
    const [row] = await queryRows<{ status: string; expand_after: string | number | null }>(db, sql`select status, expand_after from pushes where id = ${pushId}`);
    return { id: pushId!, status: row!.status, expandAfter: row!.expand_after === null ? null : Number(row!.expand_after) };
  }

  const server: Server = createServer((req, res) => {
    if (req.url !== PUSH_PATH) return void app(req, res);
    const reply = (work: Promise<unknown>) =>
      work.then(
        (body) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify(body)),
        (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
      );
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => void reply(createPush(JSON.parse(body) as Targeting).then((id) => ((pushId = id), { id }))));
    } else void reply(progress());
  }).listen(args.port, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const scheduler = startScheduler({ system, connection, logger });
  serveUntilStopped(server, engine!, started, async () => {
    await scheduler.stop();
    // A bench stopped mid-push (--send-seconds) does not wait for 300,000 sends.
    system.pushes.worker.abandon();
    await system.pushes.worker.idle();
    await system.messaging.settle();
    await connection.close();
  });
}

runChild(start);
