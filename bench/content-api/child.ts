import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerReady } from './protocol';

/**
 * The server side of a bench's child process (run.ts forks it with IPC): listening, telling the parent
 * it is ready, and stopping cleanly on a signal or when the parent goes away.
 */

/** Listens on a free loopback port. */
export function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
  const server = createServer(handler).listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => server.once('listening', () => resolve(server)).once('error', reject));
}

/**
 * Reports `engine` ready to the parent, then on SIGTERM, SIGINT or the parent's disconnect closes the
 * server, runs `release` (scheduler, database…) and exits 0.
 */
export function serveUntilStopped<E extends string>(server: Server, engine: E, startedAt: number, release: () => Promise<void>): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await release();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // The parent died without stopping us: do not linger holding a port and a database.
  process.on('disconnect', () => void stop());

  const ready: ServerReady<E> = { engine, port: (server.address() as AddressInfo).port, startupMs: Date.now() - startedAt };
  process.send?.(ready);
}

/** The child's entry point: a failed start is reported on stderr with exit 1. */
export function runChild(start: () => Promise<void>): void {
  start().catch((err: unknown) => {
    process.stderr.write(`bench server failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
