import { sql } from 'drizzle-orm';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { CALENDAR_SEED } from './calendar/holidays';
import { createCalendarService, type CalendarService } from './calendar/service';
import type { Clock } from './clock';
import { seedReferenceData } from './content/reference-data';
import { readGeneration } from './content/repository';
import { contentRoutes } from './content/routes';
import { buildSeedItems } from './content/seed';
import { createContentService, type ContentService } from './content/service';
import type { Database } from './db/database';
import { createApp } from './http/app';
import { createHttpMetrics } from './http/metrics';
import { createReadCache, type ReadCache } from './http/read-cache';
import type { AppState } from './http/state';
import { createSandbox, type Sandbox, type SandboxConfig } from './sandbox/sandbox';
import type { WechatClient } from './wechat/client/api-client';
import { createWechatClients, defaultWechatSettings, type WechatSettings } from './wechat/client/platform';
import { createMessaging, customerServiceVia, messageServerSettings, seedMessaging, type Messaging, type MessagingOptions } from './wechat/message-server/messaging';

export interface System {
  app: Koa<AppState>;
  content: ContentService;
  calendar: CalendarService;
  readCache: ReadCache;
  /** Platform API clients: the 服务号 (oa) and the 小程序 (mp). */
  wechat: { oa: WechatClient; mp: WechatClient };
  /** The local WeChat stand-in, mounted at /sandbox when no real secret is configured. */
  sandbox?: Sandbox;
  /** The /wechat message server: messages and events from residents and from the platform. */
  messaging: Messaging;
  /** Notices writes made by other instances (or directly in the database) and drops the read cache. */
  pollContentGeneration(): Promise<void>;
}

export interface SystemDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** WeChat settings (wechatSettingsFromConfig); absent = the sandbox defaults of an empty environment. */
  wechat?: WechatSettings;
  /** Message-server overrides (tests: reply budget, customer-service sender, slow answers). */
  messaging?: MessagingOptions;
  /** Sandbox knobs (tests: token lifetimes, rate limits; where TEMPLATESENDJOBFINISH goes). */
  sandbox?: SandboxOptions;
}

export interface SandboxOptions {
  config?: Omit<SandboxConfig, 'officialAccount' | 'miniProgram'>;
  /** Where the sandbox posts pushes; default: /wechat beside the sandbox's base URL. */
  callbackUrl?: string | (() => string);
}

/** The local stand-in for the platform, only when no real secret is configured. */
function sandboxFor(deps: Pick<SystemDeps, 'clock' | 'logger' | 'sandbox'>, settings: WechatSettings): Sandbox | undefined {
  if (!settings.sandbox) return undefined;
  const { apiBase } = settings;
  const base = () => (typeof apiBase === 'function' ? apiBase() : apiBase);
  return createSandbox({
    clock: deps.clock,
    logger: deps.logger,
    config: { ...deps.sandbox?.config, officialAccount: settings.officialAccount, miniProgram: settings.miniProgram },
    callbackUrl: deps.sandbox?.callbackUrl ?? (() => base().replace(/\/sandbox\/?$/, '/wechat')),
  });
}

/** Wires services and the HTTP app from their dependencies; shared by main.ts and the tests. */
export function createSystem(deps: SystemDeps): System {
  const { db, clock, logger, messaging: messagingOptions } = deps;
  const wechat = deps.wechat ?? defaultWechatSettings();
  const platform = createWechatClients({ db, clock, logger, settings: wechat });
  const sandbox = sandboxFor(deps, wechat);
  const readCache = createReadCache({ ttlMs: 30_000, ttlJitter: 0.2, maxEntries: 5_000 });
  const calendar = createCalendarService({ db, clock });
  const content = createContentService({ db, clock, calendar, logger: logger.child({ module: 'content' }), onChange: () => readCache.invalidate() });
  const messaging = createMessaging({
    db,
    clock,
    logger: logger.child({ module: 'wechat' }),
    content,
    settings: { ...messageServerSettings(wechat), ...messagingOptions?.settings },
    customerService: messagingOptions?.customerService ?? customerServiceVia(platform.oa),
    wrapAnswer: messagingOptions?.wrapAnswer,
    cache: readCache,
  });
  const app = createApp({
    logger,
    metrics: createHttpMetrics(),
    readCache,
    apiRoutes: contentRoutes(content),
    extraMiddleware: [messaging.fastPath],
    extraRouters: [messaging.router, ...(sandbox ? [sandbox.router()] : [])],
    checkDatabase: async () => {
      await db.execute(sql`select 1`);
    },
  });

  let lastGeneration: number | null = null;
  return {
    app,
    content,
    calendar,
    readCache,
    wechat: { oa: platform.oa, mp: platform.mp },
    sandbox,
    messaging,
    async pollContentGeneration() {
      const generation = await readGeneration(db);
      if (lastGeneration !== null && generation !== lastGeneration) readCache.invalidate();
      lastGeneration = generation;
    },
  };
}

/**
 * Reference data, the holiday calendar and (unless `seedContent` is false, for tests that build their
 * own) the shipped content; safe to run on every start.
 */
export async function seedSystem(system: System, deps: SystemDeps & { seedContent?: boolean }): Promise<void> {
  await seedReferenceData(deps.db);
  for (const year of CALENDAR_SEED) await system.calendar.loadYear(year);
  await seedMessaging(deps.db, deps.clock.now());
  if (deps.seedContent === false) return;
  const { inserted } = await system.content.importSeed(buildSeedItems(deps.clock.now()));
  if (inserted > 0) deps.logger.info({ inserted }, 'seed content loaded');
}
