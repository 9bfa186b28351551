/** The part of autocannon 9's programmatic API this bench uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Requests per second over all connections; autocannon spends each connection's share in a burst at the start of every second. */
      overallRate?: number;
      /** With a rate: record latencies as measured, without autocannon's coordinated-omission correction. */
      ignoreCoordinatedOmission?: boolean;
      /** Seconds. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /**
       * Requests each connection sends in turn. `setupRequest` runs before every send of its request (its
       * result is rebuilt into bytes each time); `onResponse` runs on every response to it, before the next send.
       */
      requests?: RequestSpec[];
    }

    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface RequestSpec extends RequestParams {
      /** Per-connection state, shared by setupRequest and onResponse; reset when the connection wraps round `requests`. */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | null | undefined;
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
      p99_9: number;
    }

    interface Result {
      url: string;
      connections: number;
      /** Seconds, with fractions. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      mismatches: number;
      resets: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds, recorded at 1 ms resolution. */
      latency: Histogram & { totalCount: number };
      /** Completed requests per one-second sample; `total` counts them all. */
      requests: Histogram & { sent: number };
      throughput: Histogram;
    }

    /** The running benchmark, when started with a callback. */
    interface Instance {
      /** Every response: its status, size in bytes and latency in ms (fractional, from hrtime). */
      on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): Instance;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  function autocannon(options: autocannon.Options, done: (err: Error | null, result: autocannon.Result) => void): autocannon.Instance;
  export = autocannon;
}
