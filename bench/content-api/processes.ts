import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Engine, ServerReady } from './protocol';

const SERVER_SCRIPT = path.join(__dirname, 'server.ts');
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerChild<E extends string = Engine> extends ServerReady<E> {
  pid: number;
  baseUrl: string;
  logFile: string;
  /** SIGTERM, then SIGKILL if the child has not exited within 10 s. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts bench/content-api/server.ts (or another bench's `script`, which must send a ServerReady over IPC
 * once it listens) in its own Node process (tsx as the loader, IPC for the ready message) with stdout,
 * i.e. the pino log, appended to `logFile`. `nodeArgs` go to node before the loader (e.g. --cpu-prof).
 */
export async function startServer<E extends string = Engine>(
  engine: E,
  args: { target?: string; logLevel: string; logFile: string; script?: string; nodeArgs?: string[] },
): Promise<ServerChild<E>> {
  const out = openSync(args.logFile, 'a');
  const child = fork(args.script ?? SERVER_SCRIPT, [engine, ...(args.target ? [args.target] : []), '--log-level', args.logLevel], {
    execArgv: [...(args.nodeArgs ?? []), '--import', 'tsx'],
    stdio: ['ignore', out, 'inherit', 'ipc'],
  });
  closeSync(out);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited(child);
    clearTimeout(timer);
  };

  try {
    const ready = await new Promise<ServerReady<E>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${engine} server not ready after ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
      child.once('message', (msg) => {
        clearTimeout(timer);
        resolve(msg as ServerReady<E>);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${engine} server exited during start-up (${signal ?? `exit ${code}`}); log: ${args.logFile}`));
      });
    });
    return { ...ready, pid: child.pid!, baseUrl: `http://127.0.0.1:${ready.port}`, logFile: args.logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Pino lines at warn or above in a child's log, for the report (a healthy run has none). */
export function logProblems(logFile: string): string[] {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => /"level":(4|5|6)0\b/.test(line));
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh database on the PostgreSQL server at `serverUrl`, or the reason it cannot be had. */
export async function createDatabase(serverUrl: string): Promise<BenchDatabase | { unavailable: string }> {
  const name = `zj_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  try {
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Cleanup steps, run last-in first-out on success, failure and Ctrl-C alike. */
export class CleanupStack {
  private readonly steps: Array<() => Promise<void> | void> = [];

  push(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    while (this.steps.length > 0) {
      try {
        await this.steps.pop()!();
      } catch (err) {
        console.error(`cleanup: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

export type DatabaseEngine = Exclude<Engine, 'bare'>;

/** What every bench takes on its command line. */
export interface BenchOptions {
  engines: DatabaseEngine[];
  pgUrl: string;
  logLevel: string;
}

/**
 * `--engines pglite,postgres --pg-url <url> --log-level <level>`; a bench's own flags go to `extra`, which
 * returns how many arguments it used (0: not its flag). `usage` completes the error for unknown ones.
 */
export function parseBenchOptions(argv: string[], extra?: { usage: string; parse(flag: string, value: string | undefined): number }): BenchOptions {
  const opts: BenchOptions = { engines: ['pglite', 'postgres'], pgUrl: 'postgres://postgres@127.0.0.1:5432/postgres', logLevel: 'info' };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--engines' && value) {
      opts.engines = value.split(',').filter((e): e is DatabaseEngine => e === 'pglite' || e === 'postgres');
      i++;
    } else if (argv[i] === '--pg-url' && value) {
      opts.pgUrl = value;
      i++;
    } else if (argv[i] === '--log-level' && value) {
      opts.logLevel = value;
      i++;
    } else {
      const used = extra?.parse(argv[i]!, value) ?? 0;
      if (used === 0) throw new Error(`unknown argument ${argv[i]}; use --engines pglite,postgres --pg-url <url> --log-level <level>${extra ? ` ${extra.usage}` : ''}`);
      i += used - 1;
    }
  }
  return opts;
}

/** Runs a bench's main, cleaning up (children, temp data) on success, failure, Ctrl-C and SIGTERM. */
export function runBench(main: () => Promise<number>, cleanups: CleanupStack): void {
  const cleanUp = () => cleanups.run();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers and removing bench data`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  main()
    .then(async (code) => {
      await cleanUp();
      process.exit(code);
    })
    .catch(async (err: unknown) => {
      console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      await cleanUp();
      process.exit(1);
    });
}

const ROOT = path.resolve(__dirname, '../..');
/** Where benches write their figures (git-ignored). */
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/**
 * Writes `bench/results/<bench>-<start time>.json`: what every bench records (when, how long, which
 * commit, which machine) followed by `figures`, and says where it went.
 */
export function writeResults(bench: string, started: Date, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${bench}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  const durationS = Math.round((Date.now() - started.getTime()) / 1000);
  const report = {
    bench,
    startedAt: started.toISOString(),
    durationS,
    commit: gitCommit(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
    ...figures,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nfigures written to ${path.relative(ROOT, file)} (${durationS} s)`);
}
