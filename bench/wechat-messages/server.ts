import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import wechat from 'co-wechat';
import { sql } from 'drizzle-orm';
import Koa from 'koa';
import { systemClock } from '../../server/src/clock';
import { loadConfig } from '../../server/src/config';
import { connect, type DatabaseConnection } from '../../server/src/db/connect';
import type { Database } from '../../server/src/db/database';
import { createLogger } from '../../server/src/logger';
import { startScheduler, type Scheduler } from '../../server/src/scheduler';
import { createSystem, seedSystem, type System } from '../../server/src/system';
import { wechatSettingsFromConfig } from '../../server/src/wechat/client/platform';
import { wechatInbound } from '../../server/src/wechat/message-server/tables';
import { listen, runChild, serveUntilStopped } from '../content-api/child';
import { AES_KEY, BARE_REPLY, benchAccount, FIXED_TEXT, INBOUND_STATS_PATH, WECHAT_PATH, type InboundStats, type Target } from './protocol';

type Mode = { target: 'bare' } | { target: 'co-wechat' } | { target: 'pglite'; dataDir: string } | { target: 'postgres'; databaseUrl: string };

function parseArgs(argv: string[]): { mode: Mode; logLevel: string } {
  const [target, location, ...rest] = argv;
  let logLevel = 'info';
  for (let i = 0; i < rest.length; i++) if (rest[i] === '--log-level') logLevel = rest[++i] ?? logLevel;
  if (target === 'bare' || target === 'co-wechat') return { mode: { target }, logLevel };
  if (target === 'pglite' && location) return { mode: { target, dataDir: location }, logLevel };
  if (target === 'postgres' && location) return { mode: { target, databaseUrl: location }, logLevel };
  throw new Error('usage: server.ts bare | co-wechat | pglite <dataDir> | postgres <databaseUrl> [--log-level <level>]');
}

/** The ceiling: a Koa app whose one route answers `ok` without reading the body. */
function bareApp(): Koa {
  const app = new Koa();
  app.use((ctx) => {
    if (ctx.method === 'POST' && ctx.path === WECHAT_PATH) {
      ctx.type = 'text/plain';
      ctx.body = BARE_REPLY;
    }
  });
  return app;
}

/** What a Node developer would otherwise pick: node-webot's co-wechat, as its README wires it up. */
function coWechatApp(): Koa {
  const { token, appId, aesKey } = benchAccount();
  const app = new Koa();
  app.use(wechat({ token, appid: appId, encodingAESKey: aesKey }).middleware(async () => FIXED_TEXT));
  return app;
}

async function inboundStats(db: Database): Promise<InboundStats> {
  const groups = await db
    .select({ status: wechatInbound.status, delivery: wechatInbound.delivery, n: sql<number>`count(*)::int` })
    .from(wechatInbound)
    .groupBy(wechatInbound.status, wechatInbound.delivery);
  const byOutcome: Record<string, number> = {};
  for (const g of groups) byOutcome[`${g.status}/${g.delivery ?? '-'}`] = Number(g.n);
  return { rows: Object.values(byOutcome).reduce((a, b) => a + b, 0), byOutcome };
}

/**
 * One server under test, in its own process so that it never shares an event loop with autocannon. Our
 * system is composed as main.ts composes it (migrate, seed, listen, scheduler) with WECHAT_AES_KEY set; its
 * pino lines go to stdout, which the parent points at a file.
 */
async function start(): Promise<void> {
  const started = Date.now();
  const { mode, logLevel } = parseArgs(process.argv.slice(2));
  let connection: DatabaseConnection | undefined;
  let system: System | undefined;
  let scheduler: Scheduler | undefined;
  let server: Server;

  if (mode.target === 'bare') {
    server = await listen(bareApp().callback());
  } else if (mode.target === 'co-wechat') {
    server = await listen(coWechatApp().callback());
  } else {
    const logger = createLogger({ level: logLevel, pretty: false });
    connection = await connect(mode.target === 'pglite' ? { dataDir: mode.dataDir, logger } : { databaseUrl: mode.databaseUrl, logger });
    await connection.migrate();
    let port = 0;
    // Late answers would go out through the sandbox's customer-service API on this very server.
    const wechatSettings = { ...wechatSettingsFromConfig(loadConfig({ WECHAT_AES_KEY: AES_KEY })), apiBase: () => `http://127.0.0.1:${port}/sandbox` };
    const deps = { db: connection.db, clock: systemClock, logger, wechat: wechatSettings };
    system = createSystem(deps);
    await seedSystem(system, deps);
    const db = connection.db;
    const app = system.app.callback();
    server = await listen((req, res) => {
      if (req.url !== INBOUND_STATS_PATH) return void app(req, res);
      inboundStats(db).then(
        (stats) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify(stats)),
        (err: unknown) => res.writeHead(500).end(err instanceof Error ? err.message : String(err)),
      );
    });
    port = (server.address() as AddressInfo).port;
    scheduler = startScheduler({ system, connection, logger });
  }

  serveUntilStopped<Target>(server, mode.target, started, async () => {
    await scheduler?.stop();
    await system?.messaging.settle();
    await connection?.close();
  });
}

runChild(start);
