import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import Koa from 'koa';
import { systemClock } from '../../server/src/clock';
import { loadConfig } from '../../server/src/config';
import { connect } from '../../server/src/db/connect';
import { queryRows, type Database } from '../../server/src/db/database';
import { createLogger } from '../../server/src/logger';
import { createSandbox } from '../../server/src/sandbox/sandbox';
import { runChild, serveUntilStopped } from '../content-api/child';
import { seedPlatform } from './population';
import { SENT_PATH, type SandboxArgs, type SentCounts } from './protocol';

/**
 * The project's WeChat sandbox in a process of its own (so its work and memory are not the server's),
 * with its platform state in a database of its own (PostgreSQL, or PGlite where there is no PostgreSQL server) and a
 * fixed latency per call. PGlite on disk, not in memory:
 * PGlite's in-memory file system copies a file each time it grows, which a million followers and every
 * delivered message make the sandbox's own bottleneck (measured: 540 MB and ~20 ms per send).
 */
async function start(): Promise<void> {
  const started = Date.now();
  const [, json, , logLevel] = process.argv.slice(2);
  const args = JSON.parse(json!) as SandboxArgs;
  const logger = createLogger({ level: logLevel ?? 'warn', pretty: false });
  const dataDir = args.databaseUrl === null ? mkdtempSync(path.join(os.tmpdir(), 'zj-fanout-sandbox-')) : null;
  const connection = await connect(
    dataDir === null ? { databaseUrl: args.databaseUrl!, timeouts: { connectMs: 5_000, statementMs: 600_000 }, logger } : { dataDir, logger },
  );
  await connection.migrate();
  await seedPlatform(connection.db, args.subscribers);
  const config = loadConfig({});
  const sandbox = createSandbox({
    db: connection.db,
    clock: systemClock,
    logger,
    config: {
      officialAccount: { appId: config.wechat.appId, appSecret: config.wechat.appSecret, token: config.wechat.token, aesKey: null },
      miniProgram: { appId: config.miniProgram.appId, secret: config.miniProgram.secret },
      latencyMs: args.latencyMs,
    },
    callbackUrl: args.callbackUrl,
  });
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (ctx.path !== SENT_PATH) return next();
    ctx.body = await sentCounts(connection.db, ctx.query.perSecond === '1');
  });
  app.use(sandbox.router().routes());
  const server: Server = createServer(app.callback()).listen(args.port, '127.0.0.1');
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  serveUntilStopped(server, 'sandbox', started, async () => {
    await sandbox.settled();
    await connection.close();
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
  });
}

/** Accepted sends, from the messages the sandbox stored (its persisted log: every one, where its call log keeps the latest). */
async function sentCounts(db: Database, perSecond: boolean): Promise<SentCounts> {
  const sends = sql`kind in ('template', 'subscribe')`;
  const [summary] = await queryRows<{ accepted: number; first_at: number | null; last_at: number | null }>(
    db,
    sql`select count(*)::int as accepted, (extract(epoch from min(at)) * 1000)::float8 as first_at, (extract(epoch from max(at)) * 1000)::float8 as last_at
        from sandbox_messages where ${sends}`,
  );
  const counts: SentCounts = { accepted: summary!.accepted, firstAt: summary!.first_at, lastAt: summary!.last_at, perSecond: [] };
  if (perSecond && counts.firstAt !== null) {
    const seconds = await queryRows<{ second: number; n: number }>(
      db,
      sql`select floor((extract(epoch from at) * 1000 - ${counts.firstAt}::float8) / 1000)::int as second, count(*)::int as n
          from sandbox_messages where ${sends} group by 1 order by 1`,
    );
    for (const { second, n } of seconds) counts.perSecond[second] = n;
    counts.perSecond = Array.from(counts.perSecond, (n) => n ?? 0);
  }
  return counts;
}

runChild(start);
