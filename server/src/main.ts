import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock } from './clock';
import { connect } from './db/connect';
import { createLogger } from './logger';
import { startScheduler } from './scheduler';
import { createSystem, seedSystem } from './system';
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

/** The composition root: config → database → services → HTTP → scheduler, and an orderly shutdown. */
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
  const started = Date.now();

  const connection = await connect(
    'url' in config.database ? { databaseUrl: config.database.url, logger } : { dataDir: config.database.dataDir, logger },
  );
  await connection.migrate();
  const deps = { db: connection.db, clock: systemClock, logger, wechat: wechatSettingsFromConfig(config) };
  const system = createSystem(deps);
  await seedSystem(system, deps);

  const server: Server = system.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
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

main().catch((err) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  if (err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
