import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { backgroundBusy } from '../content-api/cpu';
import { combine, fixedRate, maxThroughput, median, PLAN, warmUp, type RequestOptions, type Run } from '../content-api/measure';
import { CleanupStack, createDatabase, logProblems, parseBenchOptions, RESULTS_DIR, runBench, startServer, writeResults, type BenchOptions, type ServerChild } from '../content-api/processes';
import { failures } from '../content-api/report';
import { BARE_REPLY, benchAccount, FIXED_TEXT, INBOUND_STATS_PATH, WECHAT_PATH, type InboundStats, type Target } from './protocol';
import { formatProfile, mainThreadProfile, summariseProfile, type ProfileSummary } from './profile-summary';
import { ANSWER_MARKERS, createPushFactory, looksEncrypted, PushPool, verifyReply, type Push } from './pushes';

const SERVER_SCRIPT = path.join(__dirname, 'server.ts');

const KEYWORDS = Object.keys(ANSWER_MARKERS);
/** Prime, so that resident i does not always send the same keyword. */
const RESIDENTS = 4999;
/** Pushes the references cycle through. */
const REFERENCE_POOL = 20_000;
/** The first responses of every run, then one in SAMPLE_EVERY, are decrypted and checked in full after it. */
const SAMPLE_FIRST = 20;
const SAMPLE_EVERY = 97;
const MAX_SAMPLES = 400;

export const TARGETS = {
  /** p99 latency at the fixed rate, ms. */
  p99AtRateMs: 30,
  rate: PLAN.rate.overallRate,
  /** The fixed-rate run must answer at least this share of `rate` with encrypted replies. */
  minRateShare: 0.95,
  /** Maximum throughput as a share of co-wechat's in the same run. */
  minShareOfCoWechat: 1,
} as const;

interface Options extends BenchOptions {
  /** Where our server children write --cpu-prof profiles; null = no profiling. */
  profileDir: string | null;
}

function parseOptions(argv: string[]): Options {
  let profileDir: string | null = null;
  const common = parseBenchOptions(argv, {
    usage: '--profile [dir]',
    parse(flag, value) {
      if (flag !== '--profile') return 0;
      const dirGiven = value !== undefined && !value.startsWith('--');
      profileDir = path.resolve(dirGiven ? value : path.join(RESULTS_DIR, 'profiles'));
      return dirGiven ? 2 : 1;
    },
  });
  return { ...common, profileDir };
}

const cleanups = new CleanupStack();

const account = benchAccount();
const factory = createPushFactory(account, { keywords: KEYWORDS, residents: RESIDENTS });

/** How one server is expected to answer. */
interface Expectation {
  /** Cheap check on every response during the run. */
  valid(body: string): boolean;
  /** Full check on samples and pre-check replies: null when right. */
  verify(body: string, push: Push): string | null;
}

const bareExpectation: Expectation = {
  valid: (body) => body === BARE_REPLY,
  verify: (body) => (body === BARE_REPLY ? null : `expected ${BARE_REPLY}, got ${body.slice(0, 80)}`),
};

const coWechatExpectation: Expectation = {
  valid: looksEncrypted,
  verify: (body, push) => verifyReply(account, body, push, (content) => (content === FIXED_TEXT ? null : `unexpected Content ${content.slice(0, 60)}`)),
};

const ourExpectation: Expectation = {
  valid: looksEncrypted,
  verify: (body, push) =>
    verifyReply(account, body, push, (content, p) => {
      const marker = ANSWER_MARKERS[p.keyword];
      return marker?.test(content) ? null : `answer to ${p.keyword} does not match ${String(marker)}: ${JSON.stringify(content.slice(0, 80))}`;
    }),
};

/** What came back during one autocannon run, beyond autocannon's own counts. */
class Tally {
  valid = 0;
  /** 200 `success`: the answer missed the reply budget or failed (our server), or no answer at all. */
  success = 0;
  /** 200 with any other body. */
  other = 0;
  firstOther: string | null = null;
  samples: Array<{ body: string; push: Push }> = [];
  private seen = 0;

  constructor(private readonly expectation: Expectation) {}

  record(status: number, body: string, push: Push | undefined): void {
    if (status < 200 || status >= 300) return; // autocannon counts these as non2xx
    if (this.expectation.valid(body)) {
      this.valid++;
      const n = ++this.seen;
      if (push && (n <= SAMPLE_FIRST || n % SAMPLE_EVERY === 0) && this.samples.length < MAX_SAMPLES) this.samples.push({ body, push });
    } else if (body === 'success') {
      this.success++;
    } else {
      this.other++;
      this.firstOther ??= body.slice(0, 200);
    }
  }

  /** Problems found in the samples, at most three quoted. */
  verifySamples(): { checked: number; problems: string[] } {
    const problems = this.samples.map((s) => this.expectation.verify(s.body, s.push)).filter((p): p is string => p !== null);
    return { checked: this.samples.length, problems: problems.slice(0, 3).concat(problems.length > 3 ? [`… ${problems.length - 3} more`] : []) };
  }
}

/** autocannon requests: a push from `source` per request, each response tallied with the push it answers. */
function requestOptions(source: () => Push, tally: Tally): RequestOptions {
  const requests: autocannon.RequestSpec[] = [
    {
      setupRequest(request, context) {
        const push = source();
        context.push = push;
        request.path = push.path;
        request.body = push.body;
        return request;
      },
      onResponse(status, body, context) {
        tally.record(status, body, context.push as Push | undefined);
      },
    },
  ];
  return { method: 'POST', headers: { 'Content-Type': 'text/xml' }, requests };
}

interface Phase {
  /** Several rounds (maximum throughput) are combined by content-api's `combine`: medians of rates and latencies. */
  run: Run;
  rounds: number;
  /** Valid replies (encrypted envelopes, or `ok` from the bare route) per second; the median of the rounds. */
  msgPerS: number;
  /** Per round, for the JSON. */
  msgPerSRounds: number[];
  valid: number;
  success: number;
  other: number;
  firstOther: string | null;
  samplesChecked: number;
  sampleProblems: string[];
  /** Pushes encrypted during the run because the pre-made pool ran dry. */
  madeLive: number;
}

function phase(runs: Run[], tally: Tally, madeLive: number, validPerRound: number[]): Phase {
  const { checked, problems } = tally.verifySamples();
  const msgPerSRounds = runs.map((r, i) => (r.durationS > 0 ? Math.round(validPerRound[i]! / r.durationS) : 0));
  return {
    run: runs.length === 1 ? runs[0]! : combine(runs),
    rounds: runs.length,
    msgPerS: Math.round(median(msgPerSRounds)),
    msgPerSRounds,
    valid: tally.valid,
    success: tally.success,
    other: tally.other,
    firstOther: tally.firstOther,
    samplesChecked: checked,
    sampleProblems: problems,
    madeLive,
  };
}

/** Everything wrong with a phase: transport errors, non-2xx, replies that are not the expected kind, bad samples. */
function phaseProblems(p: Phase): string | null {
  const bad = [
    failures(p.run) ?? '',
    p.success > 0 ? `${p.success} 'success' replies` : '',
    p.other > 0 ? `${p.other} other replies (first: ${JSON.stringify(p.firstOther)})` : '',
    p.sampleProblems.length > 0 ? `samples: ${p.sampleProblems.join('; ')}` : '',
  ].filter(Boolean);
  return bad.length > 0 ? bad.join(', ') : null;
}

interface ServerResult {
  target: Target;
  label: string;
  startupMs: number;
  precheck: { ok: boolean; replies: Array<{ keyword: string; status: number; bytes: number; problem: string | null }> };
  max: Phase | null;
  rate: Phase | null;
  shareOfBare: number | null;
  shareOfCoWechat: number | null;
  /** Our servers: wechat_inbound after the runs, against the valid replies received (dedupe claimed one row per message). */
  inbound: (InboundStats & { repliesReceived: number }) | null;
  problems: string | null;
  meetsLatency: boolean | null;
  meetsThroughput: boolean | null;
  logProblems: string[];
  /** --profile: the folder of the server's --cpu-prof output, and where its CPU went per message. */
  profile: string | null;
  profileSummary: ProfileSummary | null;
}

/** Posts one push per keyword and checks each reply in full, so a failing endpoint is never reported as fast. */
async function precheck(baseUrl: string, expectation: Expectation, pushes: Push[]): Promise<ServerResult['precheck']> {
  const replies: ServerResult['precheck']['replies'] = [];
  for (const push of pushes) {
    const res = await fetch(`${baseUrl}${push.path}`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: push.body });
    const body = await res.text();
    const problem = res.status !== 200 ? `HTTP ${res.status}: ${body.slice(0, 120)}` : expectation.verify(body, push);
    replies.push({ keyword: push.keyword, status: res.status, bytes: Buffer.byteLength(body), problem });
  }
  return { ok: replies.every((r) => r.problem === null), replies };
}

/** wechat_inbound by outcome, once the messages still being answered when the last run stopped are done (≤ 10 s). */
async function inboundStats(baseUrl: string): Promise<InboundStats> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${baseUrl}${INBOUND_STATS_PATH}`);
    if (res.status !== 200) throw new Error(`${INBOUND_STATS_PATH} answered ${res.status}: ${await res.text()}`);
    const stats = (await res.json()) as InboundStats;
    const processing = Object.entries(stats.byOutcome).filter(([k]) => k.startsWith('processing/')).reduce((a, [, v]) => a + v, 0);
    if (processing === 0 || Date.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const LABELS: Record<Target, string> = {
  bare: 'bare Koa (ok)',
  'co-wechat': 'co-wechat 2.4 (fixed text)',
  pglite: 'ours, PGlite',
  postgres: 'ours, PostgreSQL',
};

const isOurs = (t: Target) => t === 'pglite' || t === 'postgres';
const MAX_ROUNDS = (PLAN.max as { rounds?: number }).rounds ?? 1;

/** One server under test and what the run learns about it. */
interface Contender {
  target: Target;
  server: ServerChild<Target>;
  url: string;
  logFile: string;
  expectation: Expectation;
  pool: PushPool;
  source: () => Push;
  /** Valid replies so far, pre-check included (our servers: compared with wechat_inbound rows). */
  received: number;
  fillMs: number;
  lastRps: number;
  result: ServerResult;
}

function contender(target: Target, server: ServerChild<Target>, logFile: string, profile: string | null): Contender {
  const ours = isOurs(target);
  const pool = new PushPool(factory);
  return {
    target,
    server,
    url: `${server.baseUrl}${WECHAT_PATH}`,
    logFile,
    expectation: target === 'bare' ? bareExpectation : target === 'co-wechat' ? coWechatExpectation : ourExpectation,
    pool,
    // The references keep no state, so they cycle one pool; our server dedupes, so every push it gets is new.
    source: ours ? () => pool.take() : () => pool.cycle(),
    received: 0,
    fillMs: 0,
    lastRps: 0,
    result: {
      target,
      label: LABELS[target],
      startupMs: server.startupMs,
      precheck: { ok: false, replies: [] },
      max: null,
      rate: null,
      shareOfBare: null,
      shareOfCoWechat: null,
      inbound: null,
      problems: null,
      meetsLatency: null,
      meetsThroughput: null,
      logProblems: [],
      profile,
      profileSummary: null,
    },
  };
}

/**
 * Our servers get `seconds` worth of new pushes at twice the last rate seen (plus a margin); the references'
 * pool is made once. Pushes made during a run load this process, on the cores the server needs, so the
 * margin is generous: the warm-up's rate is well below a closed-loop round's.
 */
function refill(c: Contender, seconds: number): void {
  if (isOurs(c.target)) c.fillMs += c.pool.fill(Math.ceil(c.lastRps * seconds * 2) + 10_000);
  else if (c.pool.available === 0) c.fillMs += c.pool.fill(REFERENCE_POOL);
}

/**
 * Pre-check and warm up every server, then maximum throughput in interleaved rounds (bare route first in
 * each, so that disturbances from other work hit every server alike), then the fixed rate one after another.
 */
async function measureAll(contenders: Contender[]): Promise<void> {
  const live: Contender[] = [];
  for (const c of contenders) {
    const pushes = KEYWORDS.map(() => factory.make());
    c.result.precheck = await precheck(c.server.baseUrl, c.expectation, pushes);
    if (c.result.precheck.ok) {
      c.received += pushes.length;
      live.push(c);
    } else {
      c.result.problems = `pre-check failed: ${c.result.precheck.replies.map((r) => r.problem).filter(Boolean).join('; ')}`;
      console.log(`  ✖ ${c.result.label}: ${c.result.problems}`);
    }
  }

  process.stdout.write(`  warm-up (${PLAN.warmup.connections} connections × ${PLAN.warmup.duration} s):`);
  for (const c of live) {
    refill(c, PLAN.warmup.duration);
    const warm = new Tally(c.expectation);
    await warmUp(c.url, requestOptions(c.source, warm));
    c.received += warm.valid;
    c.lastRps = warm.valid / PLAN.warmup.duration;
    process.stdout.write(` ${c.result.label} ${n(Math.round(c.lastRps))}/s;`);
  }
  process.stdout.write('\n');

  const maxRuns = new Map<Contender, { runs: Run[]; valid: number[]; tally: Tally; madeLive: number }>(
    live.map((c) => [c, { runs: [], valid: [], tally: new Tally(c.expectation), madeLive: 0 }]),
  );
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    process.stdout.write(`  max, round ${round}/${MAX_ROUNDS} (msg/s):`);
    for (const c of live) {
      const m = maxRuns.get(c)!;
      refill(c, PLAN.max.duration);
      const before = { valid: m.tally.valid, live: c.pool.madeLive };
      const run = await maxThroughput(c.url, c.server.pid, requestOptions(c.source, m.tally));
      const valid = m.tally.valid - before.valid;
      m.runs.push(run);
      m.valid.push(valid);
      m.madeLive += c.pool.madeLive - before.live;
      c.received += valid;
      c.lastRps = run.durationS > 0 ? valid / run.durationS : c.lastRps;
      process.stdout.write(` ${c.result.label} ${n(Math.round(c.lastRps))}${failures(run) || m.tally.success + m.tally.other > 0 ? ' (errors!)' : ''};`);
    }
    process.stdout.write('\n');
  }
  for (const c of live) {
    const m = maxRuns.get(c)!;
    c.result.max = phase(m.runs, m.tally, m.madeLive, m.valid);
  }

  process.stdout.write(`  ${n(PLAN.rate.overallRate)} msg/s (${PLAN.rate.connections} connections × ${PLAN.rate.duration} s), p50/p99 ms:`);
  for (const c of live) {
    c.fillMs += isOurs(c.target) ? c.pool.fill(Math.ceil(PLAN.rate.overallRate * PLAN.rate.duration * 1.2)) : 0;
    const tally = new Tally(c.expectation);
    const madeLive = c.pool.madeLive;
    const run = await fixedRate(c.url, c.server.pid, requestOptions(c.source, tally));
    c.received += tally.valid;
    c.result.rate = phase([run], tally, c.pool.madeLive - madeLive, [tally.valid]);
    process.stdout.write(` ${c.result.label} ${run.p50}/${run.p99};`);
  }
  process.stdout.write('\n');

  const bare = contenders.find((c) => c.target === 'bare')?.result.max?.msgPerS ?? null;
  const coWechat = contenders.find((c) => c.target === 'co-wechat')?.result.max?.msgPerS ?? null;
  for (const c of live) {
    const r = c.result;
    const problems = [phaseProblems(r.max!), phaseProblems(r.rate!)].filter((p): p is string => p !== null);
    if (isOurs(c.target)) {
      const stats = await inboundStats(c.server.baseUrl);
      r.inbound = { ...stats, repliesReceived: c.received };
      // Rows ≥ replies: a request in flight when a run stops is answered into the void. Fewer rows than
      // replies would mean some replies were replays of an earlier delivery (a MsgId sent twice).
      if (stats.rows < c.received) problems.push(`${stats.rows} wechat_inbound rows for ${c.received} replies: some messages were not new`);
      const unanswered = stats.rows - (stats.byOutcome['answered/passive'] ?? 0);
      if (unanswered > 0) problems.push(`${unanswered} messages not answered passively (${JSON.stringify(stats.byOutcome)})`);
    }
    r.problems = problems.length > 0 ? problems.join('; ') : null;
    r.shareOfBare = bare ? round3(r.max!.msgPerS / bare) : null;
    r.shareOfCoWechat = coWechat && c.target !== 'bare' && c.target !== 'co-wechat' ? round3(r.max!.msgPerS / coWechat) : null;
    if (isOurs(c.target)) {
      r.meetsLatency = r.problems === null && r.rate!.run.p99 < TARGETS.p99AtRateMs && r.rate!.msgPerS >= TARGETS.rate * TARGETS.minRateShare;
      r.meetsThroughput = r.problems === null && coWechat !== null && r.max!.msgPerS >= coWechat * TARGETS.minShareOfCoWechat;
    }
    r.logProblems = logProblems(c.logFile);
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const n = (x: number) => x.toLocaleString('en-US');
const share = (x: number | null) => (x === null ? '?' : x.toFixed(2));

/** Header, rule and rows; columns in `right` right-aligned. */
function formatTable(head: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(head.map((_, i) => '-'.repeat(widths[i]!))), ...rows.map(line)];
}

function formatResults(results: ServerResult[], busy: number): string {
  const head = ['server', 'max msg/s', '÷ bare', '÷ co-wechat', 'p50/p99 @max', 'CPU µs/msg', 'srv/gen/other', 'msg/s @1000', 'p50/p99 @1000', 'errors / not encrypted', 'targets'];
  const rows = results.map((r) => {
    if (!r.max || !r.rate) return [r.label, '-', '-', '-', '-', '-', '-', '-', '-', r.problems ?? '?', 'BROKEN'];
    const bad = (p: Phase) => `${p.run.errors + p.run.timeouts + p.run.non2xx}/${p.success + p.other}`;
    const targets =
      r.meetsLatency === null ? (r.target === 'bare' ? 'ceiling' : 'reference') : `${r.meetsLatency ? 'p99 ok' : 'p99 MISS'}, ${r.meetsThroughput ? 'rps ok' : 'rps MISS'}`;
    return [
      r.label,
      n(r.max.msgPerS),
      r.shareOfBare === null ? '-' : r.shareOfBare.toFixed(3),
      r.shareOfCoWechat === null ? '-' : r.shareOfCoWechat.toFixed(2),
      `${r.max.run.p50} / ${r.max.run.p99}`,
      r.max.run.serverCpuUsPerRequest === null ? '?' : n(r.max.run.serverCpuUsPerRequest),
      `${share(r.max.run.serverCpuShare)}/${share(r.max.run.loadCpuShare)}/${share(r.max.run.otherCpu)}`,
      n(r.rate.msgPerS),
      `${r.rate.run.p50} / ${r.rate.run.p99}`,
      `max ${bad(r.max)}, @1000 ${bad(r.rate)}`,
      r.problems ? 'BROKEN' : targets,
    ];
  });
  const lines = [
    `latencies in ms (at max: autocannon's, 1 ms resolution; @1000: every response, corrected for coordinated omission at each connection's 10 ms interval, see bench/content-api/README.md); max = median of ${MAX_ROUNDS} interleaved round(s) of ${PLAN.max.connections} connections × ${PLAN.max.duration} s closed loop; ` +
      `@1000 = ${PLAN.rate.overallRate} msg/s over ${PLAN.rate.connections} connections × ${PLAN.rate.duration} s; ` +
      'CPU at max: server process µs per message, and cores used by the server / autocannon (this process) / everything else; errors = transport errors + timeouts + non-2xx / 200s that are not the expected reply',
    `machine ${Math.round(busy * 100)}% busy before any load (other work on this machine skews every figure; CPU µs/msg and the ratios, measured in the same rounds, least)`,
    ...formatTable(head, rows, new Set([1, 2, 3, 4, 5, 6, 7, 8])),
  ];
  for (const r of results) {
    if (r.inbound) lines.push(`${r.label}: ${n(r.inbound.rows)} wechat_inbound rows (${JSON.stringify(r.inbound.byOutcome)}) for ${n(r.inbound.repliesReceived)} encrypted replies received`);
    if (r.max && r.rate) {
      const checked = r.max.samplesChecked + r.rate.samplesChecked;
      const problems = [...r.max.sampleProblems, ...r.rate.sampleProblems];
      const how = r.target === 'bare' ? `checked to be ${BARE_REPLY}` : 'decrypted and checked (MsgSignature, appid, addressee, answer)';
      lines.push(`${r.label}: ${checked} sampled replies ${how}${problems.length > 0 ? `, problems: ${problems.join('; ')}` : ', all right'}`);
    }
    if (r.problems) lines.push(`${r.label}: ✖ ${r.problems}`);
    if (r.logProblems.length > 0) lines.push(`${r.label}: server logged ${r.logProblems.length} warning/error line(s); first: ${r.logProblems[0]!.slice(0, 300)}`);
  }
  return lines.join('\n');
}

function verdict(results: ServerResult[]): { met: boolean; lines: string[] } {
  const ours = results.filter((r) => r.target === 'pglite' || r.target === 'postgres');
  const coWechat = results.find((r) => r.target === 'co-wechat');
  const lines: string[] = [];
  let met = ours.length > 0;
  for (const r of ours) {
    const misses = [
      r.problems ? `broken (${r.problems})` : '',
      !r.problems && !r.meetsLatency && r.rate ? `p99 ${r.rate.run.p99} ms at ${n(r.rate.msgPerS)} msg/s (target < ${TARGETS.p99AtRateMs} ms at ${n(TARGETS.rate)})` : '',
      !r.problems && !r.meetsThroughput && r.max
        ? `max ${n(r.max.msgPerS)} msg/s = ${r.shareOfCoWechat?.toFixed(2) ?? '?'} × co-wechat's ${n(coWechat?.max?.msgPerS ?? 0)} (target ≥ ${TARGETS.minShareOfCoWechat})`
        : '',
    ].filter(Boolean);
    if (misses.length > 0) {
      met = false;
      lines.push(`  ✖ ${r.label}: ${misses.join('; ')}`);
    }
  }
  lines.unshift(
    met
      ? `Targets met: p99 < ${TARGETS.p99AtRateMs} ms at ${n(TARGETS.rate)} msg/s and max throughput ≥ co-wechat's, on every engine.`
      : 'Targets missed:',
  );
  return { met, lines };
}

/** The generator alone: µs to encrypt and sign one push on this core, i.e. the rate it could sustain live. */
function measureGenerator(): { pushes: number; usPerPush: number; pushesPerS: number } {
  const pushes = 5000;
  for (let i = 0; i < 500; i++) factory.make(); // JIT warm-up
  const started = performance.now();
  for (let i = 0; i < pushes; i++) factory.make();
  const us = ((performance.now() - started) * 1000) / pushes;
  return { pushes, usPerPush: Math.round(us * 10) / 10, pushesPerS: Math.round(1e6 / us) };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const started = new Date();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'zj-bench-wechat-'));
  cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
  if (opts.profileDir) mkdirSync(opts.profileDir, { recursive: true });

  console.log(
    `wechat-messages bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; safe-mode text messages ` +
      `(${KEYWORDS.join(' / ')}) from ${n(RESIDENTS)} residents, each a new MsgId; server log level ${opts.logLevel}`,
  );
  const generator = measureGenerator();
  console.log(
    `  generator alone: ${generator.usPerPush} µs to encrypt and sign one push (${n(generator.pushesPerS)}/s on one core); pushes are made before each run`,
  );

  const skipped: string[] = [];
  const targets: Target[] = ['bare', 'co-wechat', ...opts.engines];
  const contenders: Contender[] = [];
  for (const target of targets) {
    let location: string | undefined;
    if (target === 'pglite') location = path.join(workDir, 'pglite-data');
    if (target === 'postgres') {
      const database = await createDatabase(opts.pgUrl);
      if ('unavailable' in database) {
        skipped.push(`postgres skipped: ${new URL(opts.pgUrl).host} unavailable (${database.unavailable})`);
        continue;
      }
      cleanups.push(() => database.drop());
      location = database.url;
    }
    const logFile = path.join(workDir, `${target}.log`);
    const profileDir = isOurs(target) && opts.profileDir ? path.join(opts.profileDir, `${target}-${started.toISOString().replace(/[:.]/g, '-')}`) : null;
    const server = await startServer<Target>(target, {
      target: location,
      logLevel: opts.logLevel,
      logFile,
      script: SERVER_SCRIPT,
      // co-wechat calls new Buffer() and crypto.pseudoRandomBytes(): deprecation warnings, once each.
      nodeArgs: [...(target === 'co-wechat' ? ['--no-deprecation'] : []), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    });
    cleanups.push(() => server.stop());
    console.log(`  ${LABELS[target]} ready in ${(server.startupMs / 1000).toFixed(1)} s`);
    contenders.push(contender(target, server, logFile, profileDir));
  }

  const busy = await backgroundBusy(2000);
  if (busy > 0.1) console.log(`  ⚠ the machine was ${Math.round(busy * 100)}% busy before any load: other work skews these figures`);
  await measureAll(contenders);
  // Stopped before the profiles are read: --cpu-prof writes on exit.
  for (const c of contenders) await c.server.stop();
  const results = contenders.map((c) => c.result);
  const fillS = contenders.reduce((a, c) => a + c.fillMs, 0) / 1000;
  const madeLive = results.reduce((a, r) => a + (r.max?.madeLive ?? 0) + (r.rate?.madeLive ?? 0), 0);
  console.log(`  pushes: ${n(factory.made)} made, ${fillS.toFixed(1)} s of it before the runs, ${n(madeLive)} during them`);

  console.log('');
  console.log(formatResults(results, busy));
  for (const s of skipped) console.log(`⚠ ${s}`);
  const { met, lines } = verdict(results);
  console.log(`\n${lines.join('\n')}`);
  for (const r of results) {
    const file = r.profile ? mainThreadProfile(r.profile) : null;
    if (!file) continue;
    r.profileSummary = summariseProfile(file, r.inbound?.rows ?? 0);
    console.log(`\n${formatProfile(`CPU profile of ${r.label}`, r.profileSummary)}\n  (${file}; open in Chrome DevTools for call trees)`);
  }

  writeResults('wechat-messages', started, {
    plan: PLAN,
    targets: TARGETS,
    messages: { mode: 'safe (encrypt_type=aes, msg_signature)', keywords: KEYWORDS, residents: RESIDENTS, coWechatReplyBytes: Buffer.byteLength(FIXED_TEXT) },
    generator,
    backgroundBusy: busy,
    logLevel: opts.logLevel,
    met,
    skipped,
    results,
  });

  const broken = results.some((r) => r.problems !== null || !r.precheck.ok);
  return broken ? 1 : 0;
}

runBench(main, cleanups);
