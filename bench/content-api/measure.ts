import autocannon from 'autocannon';
import { machineCpu, processCpuMs } from './cpu';

/**
 * One autocannon run, reduced to what the report needs. Latencies in ms: autocannon's (1 ms resolution)
 * at maximum throughput, our own from every response (0.1 ms) at a fixed rate.
 */
export interface Run {
  connections: number;
  durationS: number;
  /** 2xx responses per second over the whole run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Server process CPU time per completed request, µs: the figure least disturbed by other load on the machine. */
  serverCpuUsPerRequest: number | null;
  /** Server CPU time ÷ wall time; ~1.0 means its single event loop was the bottleneck. */
  serverCpuShare: number | null;
  /** Load generator (this process) CPU time ÷ wall time; ~1.0 means autocannon, not the server, set the pace. */
  loadCpuShare: number;
  /** CPU used by everything else on the machine meanwhile, in cores (PostgreSQL's own processes included). */
  otherCpu: number | null;
}

/**
 * Maximum throughput is measured in `rounds`, each visiting the bare route and every endpoint in turn,
 * so that a change in other load on the machine hits them alike; the report takes medians.
 */
export const PLAN = {
  warmup: { connections: 10, duration: 2 },
  max: { connections: 50, duration: 3, rounds: 3 },
  rate: { connections: 10, duration: 6, overallRate: 1000 },
} as const;

export const NO_RUN: Run = {
  connections: 0,
  durationS: 0,
  rps: 0,
  p50: 0,
  p90: 0,
  p99: 0,
  max: 0,
  completed: 0,
  non2xx: 0,
  errors: 0,
  timeouts: 0,
  serverCpuUsPerRequest: null,
  serverCpuShare: null,
  loadCpuShare: 0,
  otherCpu: null,
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** What a bench may add to a run: method, headers, body or per-request `requests` (the plan's connections, duration and rate stay). */
export type RequestOptions = Omit<autocannon.Options, 'url' | 'connections' | 'duration' | 'overallRate'>;

/**
 * Latency percentiles corrected for coordinated omission with the interval each connection is meant to
 * keep: a response slower than `expectedIntervalMs` also stands for the requests its connection could not
 * send meanwhile, at L − I, L − 2I, … ms (HdrHistogram's recordValueWithExpectedInterval, as wrk2 does).
 * Autocannon applies this correction itself, but with `Math.ceil(1 / rate)` and the rate in requests per
 * second, i.e. 1 ms whatever the rate: at 100 requests/s per connection each slow response then counts
 * about ten times too often, and one 40 ms pause moved p99 from ~10 ms to ~40 ms.
 */
export function correctedLatency(latencies: readonly number[], expectedIntervalMs: number): Pick<Run, 'p50' | 'p90' | 'p99' | 'max'> {
  const values: number[] = [];
  for (const latency of latencies) {
    values.push(latency);
    for (let missed = latency - expectedIntervalMs; missed >= expectedIntervalMs; missed -= expectedIntervalMs) values.push(missed);
  }
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0 };
  values.sort((x, y) => x - y);
  const at = (q: number) => round1(values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round1(values[values.length - 1]!) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function run(options: autocannon.Options, serverPid: number): Promise<Run> {
  // This process holds tens of MB of pre-built requests: a full collection now keeps a major GC pause of
  // the load generator (100–400 ms seen) from landing inside the measurement. Needs node --expose-gc.
  (globalThis as { gc?: () => void }).gc?.();
  const machineBefore = machineCpu();
  const serverBefore = processCpuMs(serverPid);
  const loadBefore = process.cpuUsage();
  // At a fixed rate, latencies are corrected here (see correctedLatency), not by autocannon.
  const paced = options.overallRate !== undefined;
  const latencies: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, ...(paced ? { ignoreCoordinatedOmission: true } : {}) }, (err, result) => (err ? reject(err) : resolve(result)));
    if (paced) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
  const latency = paced ? correctedLatency(latencies, (1000 * (options.connections ?? 10)) / options.overallRate!) : r.latency;
  const load = process.cpuUsage(loadBefore);
  const serverAfter = processCpuMs(serverPid);
  const machineAfter = machineCpu();
  const serverMs = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
  const loadMs = (load.user + load.system) / 1000;
  const wallMs = r.duration * 1000;
  const otherMs = serverMs === null ? null : machineAfter.busy - machineBefore.busy - serverMs - loadMs;
  return {
    connections: r.connections,
    durationS: round2(r.duration),
    rps: Math.round(r['2xx'] / r.duration),
    p50: latency.p50,
    p90: latency.p90,
    p99: latency.p99,
    max: latency.max,
    completed: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    serverCpuUsPerRequest: serverMs === null || r.requests.total === 0 ? null : Math.round((serverMs * 1000) / r.requests.total),
    serverCpuShare: serverMs === null ? null : round2(serverMs / wallMs),
    loadCpuShare: round2(loadMs / wallMs),
    otherCpu: otherMs === null ? null : round2(Math.max(0, otherMs) / wallMs),
  };
}

export async function warmUp(url: string, request: RequestOptions = {}): Promise<void> {
  await autocannon({ url, ...request, ...PLAN.warmup });
}

/** Closed loop, no rate limit: as many requests as `connections` keep-alive sockets get answered. */
export function maxThroughput(url: string, serverPid: number, request: RequestOptions = {}): Promise<Run> {
  return run({ url, ...request, ...PLAN.max }, serverPid);
}

/**
 * `overallRate` requests per second. Autocannon spends each connection's share in a burst at the start
 * of every second, so this is latency at up to `connections` concurrent requests, not evenly spaced
 * arrivals: if anything it overstates latency. Percentiles are corrected for coordinated omission with
 * each connection's intended interval (`correctedLatency`).
 */
export function fixedRate(url: string, serverPid: number, request: RequestOptions = {}): Promise<Run> {
  return run({ url, ...request, ...PLAN.rate }, serverPid);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : median(known);
}

/** Several rounds as one: medians of rates, latencies and CPU; sums of failures; the worst disturbance. */
export function combine(runs: Run[]): Run {
  if (runs.length === 0) return NO_RUN;
  const pick = (f: (r: Run) => number) => median(runs.map(f));
  const others = runs.map((r) => r.otherCpu).filter((v): v is number => v !== null);
  return {
    connections: runs[0]!.connections,
    durationS: round2(runs.reduce((sum, r) => sum + r.durationS, 0)),
    rps: Math.round(pick((r) => r.rps)),
    p50: pick((r) => r.p50),
    p90: pick((r) => r.p90),
    p99: pick((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    completed: runs.reduce((sum, r) => sum + r.completed, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    timeouts: runs.reduce((sum, r) => sum + r.timeouts, 0),
    serverCpuUsPerRequest: medianOrNull(runs.map((r) => r.serverCpuUsPerRequest)),
    serverCpuShare: medianOrNull(runs.map((r) => r.serverCpuShare)),
    loadCpuShare: pick((r) => r.loadCpuShare),
    otherCpu: others.length === 0 ? null : Math.max(...others),
  };
}
