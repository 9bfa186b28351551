import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { fixedClock } from '../../src/clock';
import { createHttpServer } from '../../src/http/http-server';
import { createSystem, seedSystem, type System, type SystemDeps } from '../../src/system';
import type { MessagingOptions } from '../../src/wechat/message-server/messaging';
import { registerTestActors, type TestActors } from './editors';
import { createTestDatabase, type TestDatabase } from './test-database';
import { testWechatSettings, type TestWechatOptions } from './wechat';

export interface TestSystem {
  system: System;
  connection: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  /** Two accounts that cannot log in, for writing content directly through the service: an editor and a reviewer. */
  actors: TestActors;
  /** Base URL of the app listening on a free loopback port. */
  url: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const TEST_NOW = '2026-11-27T10:00:00+08:00';

/**
 * The real system (services, HTTP app, database) for a test file, listening on 127.0.0.1 so tests speak
 * real HTTP. `seed: true` loads the shipped content as `npm start` does. `connection` starts another
 * instance on an existing database (the caller keeps and closes that connection).
 */
export async function startTestSystem(
  options: {
    now?: string;
    seed?: boolean;
    wechat?: TestWechatOptions;
    messaging?: MessagingOptions;
    connection?: TestDatabase;
    logger?: Logger;
    miniProgramDir?: string;
    consoleDir?: string;
    trustProxy?: boolean;
    audience?: SystemDeps['audience'];
    pushes?: SystemDeps['pushes'];
  } = {},
): Promise<TestSystem> {
  const connection = options.connection ?? (await createTestDatabase());
  const clock = fixedClock(options.now ?? TEST_NOW);
  const logger = options.logger ?? pino({ level: 'silent' });
  let url = '';
  const { sandboxOptions, callbackUrl, ...wechatOptions } = options.wechat ?? {};
  const deps = {
    db: connection.db,
    clock,
    logger,
    wechat: testWechatSettings(() => url, wechatOptions),
    messaging: options.messaging,
    sandbox: { config: sandboxOptions, callbackUrl },
    miniProgramDir: options.miniProgramDir,
    consoleDir: options.consoleDir,
    trustProxy: options.trustProxy,
    audience: options.audience,
    pushes: options.pushes,
  };
  const system = createSystem(deps);
  if (options.seed) await seedSystem(system, deps);
  else await seedSystem(system, { ...deps, seedContent: false });
  const actors = await registerTestActors(connection.db, system.content);
  // The server main.ts runs on, so tests see its answers to requests Node refuses before Koa.
  const http = createHttpServer();
  http.serve(system.app.callback());
  await http.listen(0, '127.0.0.1');
  const { server } = http;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    system,
    connection,
    clock,
    actors,
    url,
    get: (path, init) => fetch(`${url}${path}`, init),
    post: (path, body, init) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        ...init,
      }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // Work still under way (a push being sent, the sandbox's job reports) ends before its database closes.
      await system.pushes.worker.idle();
      await system.sandbox?.settled();
      await system.messaging.settle();
      if (!options.connection) await connection.close();
    },
  };
}
