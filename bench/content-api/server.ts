import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { systemClock } from '../../server/src/clock';
import { connect, type DatabaseConnection } from '../../server/src/db/connect';
import { createLogger } from '../../server/src/logger';
import { startScheduler, type Scheduler } from '../../server/src/scheduler';
import { createSystem, seedSystem } from '../../server/src/system';
import { BARE_PATH, type ServerReady } from './protocol';

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

function listen(app: Koa): Promise<Server> {
  const server = app.listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => server.once('listening', () => resolve(server)).once('error', reject));
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
    server = await listen(app);
  } else {
    const logger = createLogger({ level: logLevel, pretty: false });
    connection = await connect(mode.engine === 'pglite' ? { dataDir: mode.dataDir, logger } : { databaseUrl: mode.databaseUrl, logger });
    await connection.migrate();
    const deps = { db: connection.db, clock: systemClock, logger };
    const system = createSystem(deps);
    await seedSystem(system, deps);
    server = await listen(system.app);
    scheduler = startScheduler({ system, connection, logger });
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await scheduler?.stop();
    await connection?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The parent died without stopping us: do not linger holding a port and a database.
  process.on('disconnect', () => void stop());

  const ready: ServerReady = { engine: mode.engine, port: (server.address() as AddressInfo).port, startupMs: Date.now() - started };
  process.send?.(ready);
}

start().catch((err) => {
  process.stderr.write(`bench server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
