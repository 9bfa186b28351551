import type { Logger } from 'pino';

/** What middleware puts on `ctx.state` for everything after it. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** Route template for metrics labels, e.g. /api/v1/subsidies/:id (never the raw path). */
  route?: string;
}
