import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config';
import { connect } from '../../server/src/db/connect';
import { seedReferenceData } from '../../server/src/content/reference-data';
import { CleanupStack, createDatabase, logProblems, parseBenchOptions, RESULTS_DIR, runBench, startServer, withClient, writeResults, type DatabaseEngine } from '../content-api/processes';
import { seedAudience, type Targeting } from './population';
import { PUSH_PATH, SENT_PATH, type PushProgress, type SandboxArgs, type SentCounts, type ServerArgs } from './protocol';

/**
 * bench/push-fanout: 1,000,000 subscribers, one push reaching about 300,000 of them, sent to the sandbox
 * (its own process, 20 ms per call) by our server (its own process, as main.ts composes it). Measures the
 * time to expand the audience into deliveries, the achieved send rate against the configured one, and the
 * peak RSS of the server process; on PostgreSQL and on PGlite.
 */

const TARGETS = { expansionS: 30, rateShare: 0.9, peakRssMb: 400 } as const;

interface Options {
  engines: DatabaseEngine[];
  pgUrl: string;
  logLevel: string;
  subscribers: number;
  rate: number;
  concurrency: number;
  latencyMs: number;
  /** Stop measuring this long after the audience is expanded (0 = when the push completes). */
  sendSeconds: number;
  /** Write V8 CPU profiles of the server and the sandbox into the log folder (`--cpu-prof`). */
  cpuProf: boolean;
}

function parseOptions(argv: string[]): Options {
  const cpuProf = argv.includes('--cpu-prof');
  argv = argv.filter((a) => a !== '--cpu-prof');
  // The server's own defaults (PUSH_SEND_RATE_PER_SECOND, PUSH_CONCURRENCY), unless told otherwise.
  const { ratePerSecond: rate, concurrency } = loadConfig({}).pushes;
  const numbers = { subscribers: 1_000_000, rate, concurrency, latencyMs: 20, sendSeconds: 0 };
  const flags: Record<string, keyof typeof numbers> = {
    '--subscribers': 'subscribers',
    '--rate': 'rate',
    '--concurrency': 'concurrency',
    '--latency': 'latencyMs',
    '--send-seconds': 'sendSeconds',
  };
  const common = parseBenchOptions(argv, {
    usage: '--subscribers <n> --rate <per s> --concurrency <n> --latency <ms> --send-seconds <s> --cpu-prof',
    parse(flag, value) {
      const key = flags[flag];
      if (!key || value === undefined || !/^\d+$/.test(value)) return 0;
      numbers[key] = Number(value);
      return 2;
    },
  });
  return { ...common, logLevel: common.logLevel === 'info' ? 'warn' : common.logLevel, ...numbers, cpuProf };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** VmRSS now and VmHWM (the peak) of a process, in MB; null once it is gone. */
function memoryMb(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in ms; /proc counts it in ticks of 10 ms. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, utime and stime are fields 14 and 15 of the whole line.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * CPU ms of every PostgreSQL process on the machine (server and backends): the database's share of the
 * work. A backend that exited (a pool closing an idle connection) left its time in the postmaster's count
 * of reaped children, which is added.
 */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!/^\d+ \((postgres|postmaster)\)/.test(stat)) continue;
      const fields = stat.replace(/^.*\) /, '').split(' ');
      // utime, stime, cutime, cstime: fields 14 to 17 of the whole line, in ticks of 10 ms.
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Transactions committed so far in each PostgreSQL database of the run (ours, the sandbox's). */
async function commits(urls: string[]): Promise<number[]> {
  return Promise.all(urls.map((url) => withClient(url, async (c) => Number((await c.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = current_database()')).rows[0]!.n))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface EngineFigures {
  engine: DatabaseEngine;
  subscribers: number;
  seedS: number;
  expansionS: number;
  totalS: number;
  accepted: number;
  /** accepted ÷ (last accepted − first accepted). */
  rate: number;
  /** Median of the whole seconds between the first and the last (the steady rate). */
  steadyRate: number;
  /** Accepted sends in each whole second from the first (in the results file: the ramp and the dips). */
  perSecond: number[];
  configuredRate: number;
  serverPeakRssMb: number;
  /** The server's RSS in MB each second from its start (in the results file: where the peak falls). */
  serverRssMb: number[];
  serverRssAtExpandedMb: number;
  sandboxPeakRssMb: number;
  /** CPU ms per accepted send while sending (after the expansion), of each process: where the time goes. */
  serverCpuMsPerSend: number;
  sandboxCpuMsPerSend: number;
  /** CPU ms of the PostgreSQL processes per accepted send (null when none was used), and transactions committed in our database and the sandbox's, where on PostgreSQL. */
  postgresCpuMsPerSend: number | null;
  transactionsPerSend: { server: number | null; sandbox: number | null };
  /** false when the measurement stopped after --send-seconds with the push still sending. */
  completed: boolean;
  problems: string[];
}

async function runEngine(engine: DatabaseEngine, o: Options, cleanups: CleanupStack, logDir: string): Promise<EngineFigures | { engine: DatabaseEngine; unavailable: string }> {
  let location: string;
  if (engine === 'postgres') {
    const db = await createDatabase(o.pgUrl);
    if ('unavailable' in db) return { engine, unavailable: db.unavailable };
    cleanups.push(() => db.drop());
    location = db.url;
  } else {
    location = mkdtempSync(path.join(os.tmpdir(), 'zj-fanout-'));
    cleanups.push(() => rmSync(location, { recursive: true, force: true }));
  }
  // The sandbox stands in for WeChat's servers, which do not run on the bureau's machine: in both runs it
  // keeps its platform state on PostgreSQL, in a database of its own, so that the runs differ only in the
  // server's engine and the stand-in takes as little of the two cores as it can (on PGlite it spent about
  // 0.4 ms of CPU per send in its own database). Without a PostgreSQL server it falls back to PGlite.
  const sandboxDb = await createDatabase(o.pgUrl);
  let sandboxDatabaseUrl: string | null = null;
  if (!('unavailable' in sandboxDb)) {
    cleanups.push(() => sandboxDb.drop());
    sandboxDatabaseUrl = sandboxDb.url;
  } else console.log(`  ${engine}: the sandbox keeps its state in PGlite (PostgreSQL unavailable: ${sandboxDb.unavailable})`);

  // Seeding happens before the server starts (PGlite lets one process open the folder at a time).
  const seedStarted = Date.now();
  const conn = await connect(engine === 'postgres' ? { databaseUrl: location, timeouts: { connectMs: 5_000, statementMs: 600_000 } } : { dataDir: location });
  await conn.migrate();
  await seedReferenceData(conn.db);
  const targeting: Targeting = await seedAudience(conn.db, o.subscribers);
  await conn.close();
  const seedS = (Date.now() - seedStarted) / 1000;
  console.log(`  ${engine}: ${o.subscribers.toLocaleString('en')} subscribers seeded in ${seedS.toFixed(1)} s`);

  const [serverPort, sandboxPort] = [await freePort(), await freePort()];
  const sandboxArgs: SandboxArgs = {
    port: sandboxPort,
    callbackUrl: `http://127.0.0.1:${serverPort}/wechat`,
    latencyMs: o.latencyMs,
    subscribers: o.subscribers,
    databaseUrl: sandboxDatabaseUrl,
  };
  const nodeArgs = o.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(logDir, `${engine}-profiles`)] : [];
  const sandbox = await startServer('sandbox', { nodeArgs, script: path.join(__dirname, 'sandbox.ts'), target: JSON.stringify(sandboxArgs), logLevel: o.logLevel, logFile: path.join(logDir, `${engine}-sandbox.log`) });
  cleanups.push(() => sandbox.stop());
  const serverArgs: ServerArgs = { port: serverPort, location, sandboxBase: sandbox.baseUrl, ratePerSecond: o.rate, concurrency: o.concurrency };
  const serverLog = path.join(logDir, `${engine}-server.log`);
  const server = await startServer(engine, { nodeArgs, script: path.join(__dirname, 'server.ts'), target: JSON.stringify(serverArgs), logLevel: o.logLevel, logFile: serverLog });
  cleanups.push(() => server.stop());

  let serverPeak = 0;
  const serverRss: number[] = [];
  let sampled = 0;
  let sandboxPeak = 0;
  const sampler = setInterval(() => {
    const memory = memoryMb(server.pid);
    serverPeak = Math.max(serverPeak, memory?.hwm ?? 0);
    if (sampled++ % 4 === 0 && memory) serverRss.push(Math.round(memory.rss));
    sandboxPeak = Math.max(sandboxPeak, memoryMb(sandbox.pid)?.hwm ?? 0);
  }, 250);
  cleanups.push(() => clearInterval(sampler));

  const started = Date.now();
  const { id } = await getJson<{ id: number }>(`${server.baseUrl}${PUSH_PATH}`, { method: 'POST', body: JSON.stringify(targeting) });
  let expansionS = NaN;
  let rssAtExpanded = 0;
  let cpuAtExpanded = { server: 0, sandbox: 0, postgres: 0, accepted: 0 };
  const pgUrls = [...(engine === 'postgres' ? [location] : []), ...(sandboxDatabaseUrl === null ? [] : [sandboxDatabaseUrl])];
  let commitsAtExpanded: number[] = [];
  let progress: PushProgress;
  let lastLog = Date.now();
  for (;;) {
    progress = await getJson<PushProgress>(`${server.baseUrl}${PUSH_PATH}`);
    if (Number.isNaN(expansionS) && progress.expandAfter === null && progress.status !== 'scheduled') {
      expansionS = (Date.now() - started) / 1000;
      rssAtExpanded = memoryMb(server.pid)?.rss ?? 0;
      cpuAtExpanded = { server: cpuMs(server.pid), sandbox: cpuMs(sandbox.pid), postgres: postgresCpuMs(), accepted: (await getJson<SentCounts>(`${sandbox.baseUrl}${SENT_PATH}`)).accepted };
      commitsAtExpanded = await commits(pgUrls);
      console.log(`  ${engine}: audience expanded in ${expansionS.toFixed(1)} s`);
    }
    if (progress.status === 'completed' || progress.status === 'cancelled' || progress.status === 'paused') break;
    if (o.sendSeconds > 0 && !Number.isNaN(expansionS) && Date.now() - started > (expansionS + o.sendSeconds) * 1000) break;
    if (Date.now() - lastLog > 15_000) {
      const sent = await getJson<SentCounts>(`${sandbox.baseUrl}${SENT_PATH}`);
      console.log(`  ${engine}: ${sent.accepted.toLocaleString('en')} accepted after ${Math.round((Date.now() - started) / 1000)} s`);
      lastLog = Date.now();
    }
    await sleep(200);
  }
  const totalS = (Date.now() - started) / 1000;
  const sent = await getJson<SentCounts>(`${sandbox.baseUrl}${SENT_PATH}?perSecond=1`);
  const sendsWhileMeasured = Math.max(1, sent.accepted - cpuAtExpanded.accepted);
  const cpu = {
    server: (cpuMs(server.pid) - cpuAtExpanded.server) / sendsWhileMeasured,
    sandbox: (cpuMs(sandbox.pid) - cpuAtExpanded.sandbox) / sendsWhileMeasured,
    postgres: (postgresCpuMs() - cpuAtExpanded.postgres) / sendsWhileMeasured,
  };
  const committed = (await commits(pgUrls)).map((n, i) => (n - commitsAtExpanded[i]!) / sendsWhileMeasured);
  const span = sent.firstAt !== null && sent.lastAt !== null ? (sent.lastAt - sent.firstAt) / 1000 : 0;
  const whole = sent.perSecond.slice(1, -1).sort((a, b) => a - b);
  clearInterval(sampler);
  serverPeak = Math.max(serverPeak, memoryMb(server.pid)?.hwm ?? 0);
  sandboxPeak = Math.max(sandboxPeak, memoryMb(sandbox.pid)?.hwm ?? 0);
  await server.stop();
  await sandbox.stop();
  return {
    engine,
    subscribers: o.subscribers,
    seedS,
    expansionS,
    totalS,
    accepted: sent.accepted,
    rate: span > 0 ? sent.accepted / span : 0,
    steadyRate: whole.length > 0 ? whole[Math.floor(whole.length / 2)]! : 0,
    perSecond: sent.perSecond,
    configuredRate: o.rate,
    serverPeakRssMb: Math.round(serverPeak),
    serverRssMb: serverRss,
    serverRssAtExpandedMb: Math.round(rssAtExpanded),
    sandboxPeakRssMb: Math.round(sandboxPeak),
    serverCpuMsPerSend: Math.round(cpu.server * 100) / 100,
    sandboxCpuMsPerSend: Math.round(cpu.sandbox * 100) / 100,
    postgresCpuMsPerSend: pgUrls.length > 0 ? Math.round(cpu.postgres * 100) / 100 : null,
    transactionsPerSend: {
      server: engine === 'postgres' ? Math.round(committed[0]! * 100) / 100 : null,
      sandbox: sandboxDatabaseUrl === null ? null : Math.round(committed.at(-1)! * 100) / 100,
    },
    completed: progress.status === 'completed',
    problems: [...logProblems(serverLog).slice(0, 5), ...(progress.status === 'completed' || o.sendSeconds > 0 ? [] : [`push ${id} ended ${progress.status}`])],
  };
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const started = new Date();
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'zj-fanout-logs-'));
  console.log(`push fan-out: ${o.subscribers.toLocaleString('en')} subscribers, ${o.rate}/s configured, ${o.concurrency} in flight, ${o.latencyMs} ms per WeChat call; logs in ${logDir}`);
  const results: Array<EngineFigures | { engine: DatabaseEngine; unavailable: string }> = [];
  for (const engine of o.engines) {
    const cleanups = new CleanupStack();
    try {
      results.push(await runEngine(engine, o, cleanups, logDir));
    } finally {
      await cleanups.run();
    }
  }
  let failed = false;
  console.log('\n| engine | seeded | expansion | sent | achieved rate | steady rate | server peak RSS | sandbox peak RSS | CPU ms per send: server / sandbox / PostgreSQL | transactions per send: server / sandbox | total |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    if ('unavailable' in r) {
      console.log(`| ${r.engine} | unavailable: ${r.unavailable} |||||||||| `);
      continue;
    }
    const rateOk = r.rate >= TARGETS.rateShare * r.configuredRate;
    const expansionOk = r.engine !== 'postgres' || r.expansionS < TARGETS.expansionS;
    const rssOk = r.engine !== 'postgres' || r.serverPeakRssMb < TARGETS.peakRssMb;
    failed ||= !rateOk || !expansionOk || !rssOk || r.problems.length > 0;
    const mark = (ok: boolean) => (ok ? '' : ' ✖');
    console.log(
      `| ${r.engine} | ${r.subscribers.toLocaleString('en')} in ${r.seedS.toFixed(0)} s | ${r.expansionS.toFixed(1)} s${mark(expansionOk)} | ${r.accepted.toLocaleString('en')} | ${Math.round(r.rate)}/s of ${r.configuredRate} (${Math.round((100 * r.rate) / r.configuredRate)} %)${mark(rateOk)} | ${r.steadyRate}/s | ${r.serverPeakRssMb} MB${mark(rssOk)} | ${r.sandboxPeakRssMb} MB | ${r.serverCpuMsPerSend} / ${r.sandboxCpuMsPerSend} / ${r.postgresCpuMsPerSend ?? '–'} | ${r.transactionsPerSend.server ?? '–'} / ${r.transactionsPerSend.sandbox ?? '–'} | ${r.totalS.toFixed(0)} s${r.completed ? '' : ' (stopped while sending)'} |`,
    );
    for (const p of r.problems) console.log(`  ${r.engine} problem: ${p.slice(0, 300)}`);
  }
  console.log(`\ntargets: expansion < ${TARGETS.expansionS} s and server peak RSS < ${TARGETS.peakRssMb} MB on PostgreSQL; rate ≥ ${TARGETS.rateShare * 100} % of the configured rate`);
  writeResults('push-fanout', started, { options: o, targets: TARGETS, results, resultsDir: RESULTS_DIR });
  return failed ? 1 : 0;
}

const cleanups = new CleanupStack();
runBench(main, cleanups);
