import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock } from './clock';
import { connect } from './db/connect';
import { DataDirLockedError } from './db/data-dir-lock';
import { createHttpServer, PortUnavailableError } from './http/http-server';
import { createLogger } from './logger';
import { startScheduler } from './scheduler';
import { createSystem, pushOptionsFromConfig, seedSystem } from './system';
import { wechatSettingsFromConfig } from './wechat/client/platform';

function readConfig(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const problem of err.problems) process.stderr.write(`config: ${problem}\n`);
      process.exit(78);
    }
    throw err;
  }
}

/** Where the embedded database lived before a relative DATA_DIR resolved against the folder `npm start` was typed in. */
const OLD_DATA_DIR = path.resolve(__dirname, '../data');

/** The composition root: config → port → database → services → HTTP → scheduler, and an orderly shutdown. */
async function main(): Promise<void> {
  const config = readConfig();
  let ready = false;
  // Node exits quietly when start-up awaits something that can never settle; say so instead.
  process.once('beforeExit', () => {
    if (!ready) {
      process.stderr.write('fatal: start-up stalled before the server was ready (a database call never completed)\n');
      process.exitCode = 1;
    }
  });
  const logger = createLogger({ level: config.logLevel, pretty: Boolean(process.stdout.isTTY) });
  for (const warning of config.warnings) logger.warn(warning);
  const started = Date.now();

  // The port first: a port in use is reported before minutes of migrations and seeding, not after.
  const http = createHttpServer();
  await http.listen(config.port, config.host);
  const { server } = http;
  // Until ready the listener must not keep the process alive, or a stalled start-up would hang silently.
  server.unref();
  if ('dataDir' in config.database && config.database.dataDir !== OLD_DATA_DIR && existsSync(OLD_DATA_DIR)) {
    logger.warn(
      { oldDataDir: OLD_DATA_DIR, dataDir: config.database.dataDir },
      'an embedded database from an earlier version is in server/data; move it to the data folder, or set DATA_DIR to keep using it',
    );
  }

  const connection = await connect(
    'url' in config.database ? { databaseUrl: config.database.url, timeouts: config.databaseTimeouts, logger } : { dataDir: config.database.dataDir, logger },
  );
  await connection.migrate();
  const deps = {
    db: connection.db,
    clock: systemClock,
    logger,
    wechat: wechatSettingsFromConfig(config),
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    pushes: pushOptionsFromConfig(config),
    sandbox: { config: { latencyMs: config.sandboxLatencyMs } },
  };
  const system = createSystem(deps);
  await seedSystem(system, deps);

  http.serve(system.app.callback());
  server.ref();
  const scheduler = startScheduler({ system, connection, logger });
  ready = true;
  logger.info(
    { url: `http://${config.host}:${config.port}`, database: connection.engine, sandbox: config.sandbox, ms: Date.now() - started },
    '镇江智慧人社 server ready',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await scheduler.stop();
    await system.messaging.settle();
    // Closing PGlite flushes it to the data folder; skipping this is how embedded data gets lost.
    await connection.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Start-up failures an operator fixes from the message alone: one line, no stack trace. */
const OPERATOR_ERRORS = [PortUnavailableError, DataDirLockedError];

main().catch((err) => {
  const expected = OPERATOR_ERRORS.some((type) => err instanceof type);
  const text = err instanceof Error ? (expected ? err.message : (err.stack ?? err.message)) : String(err);
  process.stderr.write(`fatal: ${text}\n`);
  process.exit(1);
});
