/** What the parent and its two children (the server under test and the sandbox) say to each other. */

export interface SandboxArgs {
  port: number;
  /** Our server's /wechat, where the sandbox posts TEMPLATESENDJOBFINISH. */
  callbackUrl: string;
  latencyMs: number;
  subscribers: number;
  /** The sandbox's own PostgreSQL database; null (no PostgreSQL server): a PGlite folder of its own. */
  databaseUrl: string | null;
}

export interface ServerArgs {
  port: number;
  /** postgres:// URL, or the PGlite data folder. */
  location: string;
  sandboxBase: string;
  ratePerSecond: number;
  concurrency: number;
}

/** The sandbox's count of accepted sends (the messages it stored), for the achieved rate; `?perSecond=1` adds the series. */
export const SENT_PATH = '/bench/sent';
export interface SentCounts {
  accepted: number;
  /** ms since the epoch of the first and the last accepted send; null before any. */
  firstAt: number | null;
  lastAt: number | null;
  /** Accepted sends per whole second since the first, for the steady rate (asked for with `?perSecond=1`, else empty). */
  perSecond: number[];
}

/** Our server: creates the bench push (POST) and reports its progress (GET). */
export const PUSH_PATH = '/bench/push';
export interface PushProgress {
  id: number;
  status: string;
  /** null once the audience is expanded. */
  expandAfter: number | null;
}
