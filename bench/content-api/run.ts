import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backgroundBusy } from './cpu';
import { fixedRate, maxThroughput, PLAN, warmUp, type Run } from './measure';
import { CleanupStack, createDatabase, logProblems, parseBenchOptions, runBench, startServer, writeResults, type BenchOptions, type ServerChild } from './processes';
import { BARE_PATH } from './protocol';
import { DISTURBED_ABOVE_CORES, failures, formatEngine, judge, LEGEND, TARGETS, unmeasured, verdict, type EndpointResult, type EngineResult } from './report';


const cleanups = new CleanupStack();

interface Endpoint {
  name: string;
  path: string;
}

/** GETs `path` once and checks it answers 200 with content, so an empty or failing endpoint is never reported as fast. */
async function check(baseUrl: string, endpoint: Endpoint): Promise<{ bytes: number; body: unknown }> {
  const res = await fetch(`${baseUrl}${endpoint.path}`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${endpoint.path} answered ${res.status}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { items?: unknown[]; id?: number };
  if (Array.isArray(body.items) && body.items.length === 0) throw new Error(`${endpoint.path} answered an empty list`);
  return { bytes: Buffer.byteLength(text), body };
}

interface Target extends Endpoint {
  server: ServerChild;
  bytes: number;
  url: string;
}

function progress(text: string): void {
  process.stdout.write(text);
}

/**
 * Pre-check and warm up every target, then maximum throughput in interleaved rounds (bare route first in
 * each), then the fixed rate one target after another.
 */
async function measureAll(bare: ServerChild, server: ServerChild, endpoints: Endpoint[]): Promise<{ bare: EndpointResult; endpoints: EndpointResult[] }> {
  const targets: Target[] = [];
  const unusable = new Map<string, string>();
  for (const [owner, endpoint] of [[bare, { name: 'bare Koa', path: BARE_PATH }] as const, ...endpoints.map((e) => [server, e] as const)]) {
    try {
      const { bytes } = await check(owner.baseUrl, endpoint);
      targets.push({ ...endpoint, server: owner, bytes, url: `${owner.baseUrl}${endpoint.path}` });
    } catch (err) {
      unusable.set(endpoint.name, `pre-check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (unusable.has('bare Koa')) throw new Error(`the bare Koa route does not work: ${unusable.get('bare Koa')}`);

  progress(`  warm-up: ${targets.map((t) => t.name).join(', ')}\n`);
  for (const t of targets) await warmUp(t.url);

  const rounds = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= PLAN.max.rounds; round++) {
    progress(`  max, round ${round}/${PLAN.max.rounds}:`);
    for (const t of targets) {
      const r = await maxThroughput(t.url, t.server.pid);
      rounds.get(t.name)!.push(r);
      progress(` ${t.name} ${r.rps.toLocaleString('en-US')}${failures(r) ? ' (errors!)' : ''};`);
    }
    progress('\n');
  }

  progress(`  ${PLAN.rate.overallRate} req/s:`);
  const bareRounds = rounds.get('bare Koa')!;
  const results = new Map<string, EndpointResult>();
  for (const t of targets) {
    const rate = await fixedRate(t.url, t.server.pid);
    progress(` ${t.name} p99 ${rate.p99} ms${failures(rate) ? ' (errors!)' : ''};`);
    results.set(t.name, judge(t, rounds.get(t.name)!, rate, bareRounds));
  }
  progress('\n');

  const bareResult = results.get('bare Koa')!;
  return {
    bare: { ...bareResult, shareOfBare: 1 },
    endpoints: endpoints.map((e) => results.get(e.name) ?? unmeasured(e, unusable.get(e.name) ?? 'not measured')),
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', target: string, bare: ServerChild, opts: BenchOptions, workDir: string): Promise<EngineResult> {
  console.log(`\n▶ ${engine}`);
  const logFile = path.join(workDir, `${engine}.log`);
  const server = await startServer(engine, { target, logLevel: opts.logLevel, logFile });
  cleanups.push(() => server.stop());
  try {
    const busy = await backgroundBusy(2000);
    if (busy > 0.1) console.log(`  ⚠ the machine was ${Math.round(busy * 100)}% busy before any load: other work skews these figures`);
    const list = await check(server.baseUrl, { name: 'list', path: '/api/v1/subsidies?limit=20' });
    const firstId = (list.body as { items: Array<{ id: number }> }).items[0]!.id;
    const measured = await measureAll(bare, server, [
      { name: 'list', path: '/api/v1/subsidies?limit=20' },
      { name: 'list+filter', path: '/api/v1/recruitments?status=open' },
      { name: 'detail', path: `/api/v1/subsidies/${firstId}` },
      { name: 'search', path: `/api/v1/search?q=${encodeURIComponent('创业')}` },
      // Questions as residents type them: segmentation, synonyms and district names on the search path.
      { name: 'search-question', path: `/api/v1/search?q=${encodeURIComponent('失业金怎么领')}` },
      { name: 'search-district', path: `/api/v1/search?q=${encodeURIComponent('丹阳最低工资是多少')}` },
    ]);
    return { engine, startupMs: server.startupMs, backgroundBusy: busy, ...measured, logProblems: logProblems(logFile) };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<number> {
  const opts = parseBenchOptions(process.argv.slice(2));
  const started = new Date();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'zj-bench-'));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));

  console.log(
    `content-api bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ` +
      `max = ${PLAN.max.rounds} interleaved rounds of ${PLAN.max.connections} connections × ${PLAN.max.duration} s, fixed = ${PLAN.rate.overallRate} req/s over ${PLAN.rate.connections} connections × ${PLAN.rate.duration} s; server log level ${opts.logLevel}`,
  );
  const bare = await startServer('bare', { logLevel: opts.logLevel, logFile: path.join(workDir, 'bare.log') });
  cleanups.push(() => bare.stop());

  const results: EngineResult[] = [];
  const skipped: string[] = [];
  for (const engine of opts.engines) {
    if (engine === 'pglite') {
      results.push(await benchEngine('pglite', path.join(workDir, 'pglite-data'), bare, opts, workDir));
      continue;
    }
    const database = await createDatabase(opts.pgUrl);
    if ('unavailable' in database) {
      skipped.push(`postgres skipped: ${new URL(opts.pgUrl).host} unavailable (${database.unavailable})`);
      continue;
    }
    cleanups.push(() => database.drop());
    results.push(await benchEngine('postgres', database.url, bare, opts, workDir));
  }

  console.log('');
  for (const r of results) console.log(`${formatEngine(r)}\n`);
  console.log(`${LEGEND}\n`);
  for (const s of skipped) console.log(`⚠ ${s}`);
  const { met, disturbed, lines } = verdict(results);
  console.log(lines.join('\n'));

  writeResults('content-api', started, {
    plan: PLAN,
    targets: TARGETS,
    disturbedAboveCores: DISTURBED_ABOVE_CORES,
    logLevel: opts.logLevel,
    met,
    disturbed,
    skipped,
    results,
  });

  const broken = results.some((r) => r.bare.broken || r.endpoints.some((e) => e.broken));
  return broken ? 1 : 0;
}

runBench(main, cleanups);
