import { combine, median, type Run } from './measure';

export const TARGETS = {
  /** p99 latency at the fixed rate, ms. */
  p99AtRateMs: 20,
  rate: 1000,
  /** The fixed-rate run must achieve at least this share of `rate`. */
  minRateShare: 0.95,
  /** Maximum throughput as a share of the bare Koa route's. */
  minShareOfBare: 0.25,
} as const;

/** Cores busy with other work during a run above which its figures are not trusted for a verdict. */
export const DISTURBED_ABOVE_CORES = 0.25;

export interface EndpointResult {
  name: string;
  path: string;
  /** Size of one response body, bytes. */
  bytes: number;
  /** The maximum-throughput rounds combined (medians); each round is in `maxRounds`. */
  max: Run;
  maxRounds: Run[];
  rate: Run;
  /** Median over rounds of this endpoint's max req/s ÷ the bare route's in the same round. */
  shareOfBare: number;
  /** Why the endpoint is not measured or not trustworthy: failed pre-check, non-2xx, errors or timeouts. */
  broken: string | null;
  meetsLatency: boolean;
  meetsThroughput: boolean;
}

export interface EngineResult {
  engine: 'pglite' | 'postgres';
  startupMs: number;
  /** Share of all cores busy just before the block, with no load sent. */
  backgroundBusy: number;
  bare: EndpointResult;
  endpoints: EndpointResult[];
  /** Pino lines at warn or above written by the server during the block. */
  logProblems: string[];
}

export function failures(run: Run): string | null {
  const bad = [
    run.non2xx > 0 ? `${run.non2xx} non-2xx` : '',
    run.errors > 0 ? `${run.errors} errors` : '',
    run.timeouts > 0 ? `${run.timeouts} timeouts` : '',
  ].filter(Boolean);
  return bad.length > 0 ? bad.join(', ') : null;
}

export function judge(endpoint: { name: string; path: string; bytes: number }, maxRounds: Run[], rate: Run, bareRounds: Run[]): EndpointResult {
  const max = combine(maxRounds);
  const problems = [failures(max), failures(rate)].filter(Boolean);
  const broken = problems.length > 0 ? problems.join('; ') : null;
  const ratios = maxRounds.map((r, i) => {
    const bare = bareRounds[i]?.rps ?? 0;
    return bare > 0 ? r.rps / bare : 0;
  });
  const shareOfBare = ratios.length > 0 ? median(ratios) : 0;
  return {
    ...endpoint,
    max,
    maxRounds,
    rate,
    shareOfBare: Math.round(shareOfBare * 1000) / 1000,
    broken,
    meetsLatency: broken === null && rate.p99 < TARGETS.p99AtRateMs && rate.rps >= TARGETS.rate * TARGETS.minRateShare,
    meetsThroughput: broken === null && shareOfBare >= TARGETS.minShareOfBare,
  };
}

/** An endpoint that could not be measured at all. */
export function unmeasured(endpoint: { name: string; path: string }, reason: string): EndpointResult {
  return { ...judge({ ...endpoint, bytes: 0 }, [], combine([]), []), broken: reason, meetsLatency: false, meetsThroughput: false };
}

/** The most CPU other work used during any run of the block, in cores. */
export function worstDisturbance(result: EngineResult): number {
  const runs = [result.bare, ...result.endpoints].flatMap((e) => [...e.maxRounds, e.rate]);
  return Math.max(0, ...runs.map((r) => r.otherCpu ?? 0));
}

const n = (x: number) => x.toLocaleString('en-US');
const pair = (a: number, b: number) => `${a} / ${b}`;
const share = (x: number | null) => (x === null ? '?' : x.toFixed(2));

/** One table per engine, with the bare route first as the ceiling. */
export function formatEngine(result: EngineResult): string {
  const head = ['endpoint', 'bytes', 'max req/s', '÷ bare', 'p50/p99', 'µs CPU/req', 'srv/gen/other', 'req/s', 'p50/p99', 'other', 'errors', 'targets'];
  const group = ['', '', '── at maximum throughput', '', '', '', '', '── at 1,000 req/s', '', '', '', ''];
  const row = (r: EndpointResult, isBare: boolean) => [
    r.name,
    n(r.bytes),
    n(r.max.rps),
    r.shareOfBare.toFixed(2),
    pair(r.max.p50, r.max.p99),
    r.max.serverCpuUsPerRequest === null ? '?' : n(r.max.serverCpuUsPerRequest),
    `${share(r.max.serverCpuShare)}/${share(r.max.loadCpuShare)}/${share(r.max.otherCpu)}`,
    n(r.rate.rps),
    pair(r.rate.p50, r.rate.p99),
    share(r.rate.otherCpu),
    r.broken ?? '0',
    isBare ? 'ceiling' : r.broken ? 'BROKEN' : `${r.meetsLatency ? 'p99 ok' : 'p99 MISS'}, ${r.meetsThroughput ? 'rps ok' : 'rps MISS'}`,
  ];
  const body = [row(result.bare, true), ...result.endpoints.map((r) => row(r, false))];
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => (r[i] ?? '').length)));
  const right = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const groups = group.map((g, i) => g.padEnd(widths[i]!)).join('  ').trimEnd();
  const engineName = result.engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL';
  return [
    `${engineName} — server ready in ${(result.startupMs / 1000).toFixed(1)} s; machine ${Math.round(result.backgroundBusy * 100)}% busy before load`,
    groups,
    line(head),
    line(head.map((_, i) => '-'.repeat(widths[i]!))),
    ...body.map(line),
    ...[result.bare, ...result.endpoints].map((r) => `  ${r.name}: GET ${r.path}`),
    ...(result.logProblems.length > 0
      ? [`  server logged ${result.logProblems.length} warning/error line(s); first: ${result.logProblems[0]!.slice(0, 300)}`]
      : []),
  ].join('\n');
}

/** What the columns mean, printed once under the tables. */
export const LEGEND = [
  'Latencies in ms: at maximum throughput as autocannon measures them (1 ms resolution); at 1,000 req/s from every response, corrected for coordinated omission at each connection’s interval (README). µs CPU/req: server process CPU time per request at maximum throughput.',
  'srv/gen/other: CPU in cores used meanwhile by the server, by autocannon (this process) and by everything else;',
  'a server near 1.00 is the bottleneck, "other" well above 0 means the figures were disturbed by other work.',
].join('\n');

export function verdict(results: EngineResult[]): { met: boolean; disturbed: boolean; lines: string[] } {
  const lines: string[] = [];
  let met = results.length > 0;
  const worst = Math.max(0, ...results.map(worstDisturbance));
  const disturbed = worst > DISTURBED_ABOVE_CORES;
  for (const r of results) {
    for (const e of r.endpoints) {
      const misses = [
        e.broken ? `broken (${e.broken})` : '',
        !e.broken && !e.meetsLatency ? `p99 ${e.rate.p99} ms at ${n(e.rate.rps)} req/s (target < ${TARGETS.p99AtRateMs} ms at ${n(TARGETS.rate)})` : '',
        !e.broken && !e.meetsThroughput ? `max ${n(e.max.rps)} req/s = ${e.shareOfBare.toFixed(2)} × bare (target ≥ ${TARGETS.minShareOfBare})` : '',
      ].filter(Boolean);
      if (misses.length > 0) {
        met = false;
        lines.push(`  ✖ ${r.engine} ${e.name}: ${misses.join('; ')}`);
      }
    }
  }
  lines.unshift(
    met
      ? `Targets met: every endpoint p99 < ${TARGETS.p99AtRateMs} ms at ${n(TARGETS.rate)} req/s and max throughput ≥ ${TARGETS.minShareOfBare} × the bare Koa route.`
      : 'Targets missed:',
  );
  if (disturbed) {
    lines.push(
      `⚠ Other work on the machine used up to ${worst.toFixed(2)} cores during the runs (column "other"): these figures do not ` +
        'judge the targets; run again on a quiet machine.',
    );
  }
  return { met, disturbed, lines };
}
