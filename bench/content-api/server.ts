import type { Server } from 'node:http';
import Koa from 'koa';
import { systemClock } from '../../server/src/clock';
import { connect, type DatabaseConnection } from '../../server/src/db/connect';
import { createLogger } from '../../server/src/logger';
import { startScheduler, type Scheduler } from '../../server/src/scheduler';
import { createSystem, seedSystem } from '../../server/src/system';
import { listen, runChild, serveUntilStopped } from './child';
import { BARE_PATH } from './protocol';

type Mode = { engine: 'bare' } | { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; databaseUrl: string };

function parseArgs(argv: string[]): { mode: Mode; logLevel: string } {
  const [engine, target, ...rest] = argv;
  let logLevel = 'info';
  for (let i = 0; i < rest.length; i++) if (rest[i] === '--log-level') logLevel = rest[++i] ?? logLevel;
  if (engine === 'bare') return { mode: { engine }, logLevel };
  if (engine === 'pglite' && target) return { mode: { engine, dataDir: target }, logLevel };
  if (engine === 'postgres' && target) return { mode: { engine, databaseUrl: target }, logLevel };
  throw new Error('usage: server.ts bare | pglite <dataDir> | postgres <databaseUrl> [--log-level <level>]');
}

/**
 * One server under test, in its own process so that it never shares an event loop with autocannon. The
 * system is composed as main.ts composes it (migrate, seed, listen, scheduler); its pino lines go to
 * stdout, which the parent points at a file.
 */
async function start(): Promise<void> {
  const started = Date.now();
  const { mode, logLevel } = parseArgs(process.argv.slice(2));
  let connection: DatabaseConnection | undefined;
  let scheduler: Scheduler | undefined;
  let server: Server;

  if (mode.engine === 'bare') {
    const app = new Koa();
    app.use((ctx) => {
      if (ctx.method === 'GET' && ctx.path === BARE_PATH) ctx.body = { status: 'ok', service: 'bare-koa', items: [1, 2, 3] };
    });
    server = await listen(app.callback());
  } else {
    const logger = createLogger({ level: logLevel, pretty: false });
    connection = await connect(mode.engine === 'pglite' ? { dataDir: mode.dataDir, logger } : { databaseUrl: mode.databaseUrl, logger });
    await connection.migrate();
    const deps = { db: connection.db, clock: systemClock, logger };
    const system = createSystem(deps);
    await seedSystem(system, deps);
    server = await listen(system.app.callback());
    scheduler = startScheduler({ system, connection, logger });
  }

  serveUntilStopped(server, mode.engine, started, async () => {
    await scheduler?.stop();
    await connection?.close();
  });
}

runChild(start);
