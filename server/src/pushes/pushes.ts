import type { Logger } from 'pino';
import type { RateLimiter } from '../audience/rate-limit';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { EditorService } from '../editors/service';
import type { EditorWechatLinks } from '../editors/wechat-link';
import type { WechatClient } from '../wechat/client/api-client';
import { pushAdminRoutes, pushOpenRoutes } from './routes';
import { createSendBudget } from './send-budget';
import { createPushProgress } from './progress';
import { createPushService } from './service';
import { createMessageTemplates } from './templates';
import { createTestSend } from './test-send';
import { createPushWorker, type PushWorkerSettings } from './worker';

export interface PushOptions {
  /** Sends per second of all instances together (the shared token bucket). */
  ratePerSecond?: number;
  worker?: Partial<PushWorkerSettings>;
  /** For retry jitter; tests may pin it. */
  random?: () => number;
}

export const DEFAULT_PUSH_RATE_PER_SECOND = 2_000;

export type Pushes = ReturnType<typeof createPushes>;

/** The push domain wired together: service (console), worker (sending), routes. */
export function createPushes(deps: { db: Database; clock: Clock; logger: Logger; clients: { oa: WechatClient; mp: WechatClient }; options?: PushOptions }) {
  const { db, clock, logger } = deps;
  const options = deps.options ?? {};
  let kick = () => {};
  const service = createPushService({ db, clock, onApproved: () => kick() });
  const budget = createSendBudget({ db, perSecond: options.ratePerSecond ?? DEFAULT_PUSH_RATE_PER_SECOND });
  const worker = createPushWorker({ db, clock, logger, pushes: service, clients: deps.clients, budget, settings: options.worker, random: options.random });
  kick = () => worker.kick();
  return {
    service,
    worker,
    adminRoutes: (editors: EditorService, links: EditorWechatLinks) =>
      pushAdminRoutes({
        pushes: service,
        editors,
        links,
        progress: createPushProgress({ db, clock, pushes: service }),
        testSend: createTestSend({ pushes: service, links, clients: deps.clients }),
        templates: createMessageTemplates({ db, clock }),
      }),
    publicRoutes: (limiter: RateLimiter) => pushOpenRoutes({ pushes: service, limiter }),
  };
}
