import path from 'node:path';
import { sql } from 'drizzle-orm';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { createMiniProgramUsers, type MiniProgramUsers } from './audience/mp-users';
import { createRateLimiter, type RateLimiter, type RateLimits } from './audience/rate-limit';
import { audienceRoutes, sessionGuard } from './audience/routes';
import { createSessionTokens, type SessionTokenOptions, type SessionTokens } from './audience/session-tokens';
import { CALENDAR_SEED } from './calendar/holidays';
import { createCalendarService, type CalendarService } from './calendar/service';
import { createPushes, type Pushes, type PushOptions } from './pushes/pushes';
import { createAutoDrafts, type AutoDrafts } from './pushes/auto-drafts';
import { seedDemoTemplates } from './pushes/templates';
import { createUnionIdResolver, type UnionIdResolver } from './audience/unionids';
import { inboxRoutes } from './pushes/inbox';
import type { Clock } from './clock';
import type { Config } from './config';
import { seedReferenceData } from './content/reference-data';
import { seedSearchDictionary } from './content/search-dictionary';
import { readGeneration } from './content/repository';
import { contentRoutes } from './content/routes';
import { buildSeedItems } from './content/seed';
import { createContentService, type ContentService } from './content/service';
import type { Database } from './db/database';
import { createEditorService, type EditorService, type EditorServiceDeps } from './editors/service';
import { createEditorWechatLinks } from './editors/wechat-link';
import { adminSecurityHeaders } from './http/admin-session';
import { adminGuard, adminRouter } from './http/admin-routes';
import { editorialRoutes } from './http/admin-editorial-routes';
import { createOpenness, type Openness } from './openness/service';
import { repositoryMenu } from './wechat/client/menu';
import { createMenuStore, type MenuStore } from './wechat/menu/store';
import { createApp } from './http/app';
import { miniProgramRouter } from './http/static-miniprogram';
import { consoleRouter } from './http/static-console';
import { createHttpMetrics } from './http/metrics';
import { createReadCache, type ReadCache } from './http/read-cache';
import type { AppState } from './http/state';
import { createSandbox, type Sandbox, type SandboxConfig } from './sandbox/sandbox';
import type { WechatClient } from './wechat/client/api-client';
import { createWechatClients, defaultWechatSettings, type WechatSettings } from './wechat/client/platform';
import { seedKeywordRules } from './wechat/message-server/keyword-rules';
import { createMessaging, customerServiceVia, messageServerSettings, type Messaging, type MessagingOptions } from './wechat/message-server/messaging';
import { seedServiceHalls } from './wechat/message-server/service-halls';
import { unansweredQuestionsRoutes } from './wechat/message-server/unanswered-questions';

export interface System {
  app: Koa<AppState>;
  content: ContentService;
  /** Console accounts, sessions, logins and the audit log. */
  editors: EditorService;
  calendar: CalendarService;
  readCache: ReadCache;
  /** Platform API clients: the 服务号 (oa) and the 小程序 (mp). */
  wechat: { oa: WechatClient; mp: WechatClient };
  /** The local WeChat stand-in, mounted at /sandbox when no real secret is configured. */
  sandbox?: Sandbox;
  /** The /wechat message server: messages and events from residents and from the platform. */
  messaging: Messaging;
  /** Mini-program users: login, profile, subscriptions, subscribe-message credits (/api/v1/session, /api/v1/me). */
  miniProgramUsers: MiniProgramUsers;
  /** Their session tokens (keys in the database; rotate, prune). */
  sessionTokens: SessionTokens;
  /** Request limits of the mini-program's user endpoints. */
  rateLimiter: RateLimiter;
  /** Targeted pushes: the console's service and the sending worker (runDue from the scheduler's tick). */
  pushes: Pushes;
  /** Push drafts the system makes by itself (registration deadlines, new publications); run by the minute tick. */
  autoDrafts: AutoDrafts;
  /** Followers' unionids from cgi-bin/user/info (one message per person across channels); run by the minute tick. */
  unionIds: UnionIdResolver;
  /** Notices writes made by other instances (or directly in the database) and drops the read cache. */
  pollContentGeneration(): Promise<void>;
  /** The openness assessment figures (政务公开考核) of the console's dashboard. */
  openness: Openness;
  /** The official-account menu as admins edit and publish it. */
  menu: MenuStore;
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
  /** The mini-program's H5 build served at /m/; default miniprogram/dist/h5 of this checkout. */
  miniProgramDir?: string;
  /** The editor console's build served at /admin; default console/dist of this checkout. */
  consoleDir?: string;
  /** Bearer token opening /metrics to other hosts (config METRICS_TOKEN); absent = loopback only. */
  metricsToken?: string | null;
  /** The app sits behind a reverse proxy whose X-Forwarded-* headers are to be believed (TRUST_PROXY). */
  trustProxy?: boolean;
  /** Console session timeouts and login lockout (tests); absent = the defaults of editors/service.ts. */
  editors?: Pick<EditorServiceDeps, 'sessions' | 'logins'>;
  /** Mini-program session lifetime and request limits (tests); absent = the defaults. */
  audience?: { sessions?: Partial<SessionTokenOptions>; limits?: Partial<RateLimits> };
  /** Push sending: rate, quiet hours, retries, lease (tests); absent = the defaults. */
  pushes?: PushOptions;
}

export interface SandboxOptions {
  config?: Omit<SandboxConfig, 'officialAccount' | 'miniProgram'>;
  /** Where the sandbox posts pushes; default: /wechat beside the sandbox's base URL. */
  callbackUrl?: string | (() => string);
}

/** The push settings of the environment (PUSH_SEND_RATE_PER_SECOND, PUSH_CONCURRENCY, PUSH_QUIET_HOURS). */
export function pushOptionsFromConfig(config: Pick<Config, 'pushes'>): PushOptions {
  const { ratePerSecond, concurrency, quietHours } = config.pushes;
  return { ratePerSecond, worker: { concurrency, quietHours } };
}

/** The local stand-in for the platform, only when no real secret is configured. */
function sandboxFor(deps: Pick<SystemDeps, 'db' | 'clock' | 'logger' | 'sandbox'>, settings: WechatSettings): Sandbox | undefined {
  if (!settings.sandbox) return undefined;
  const { apiBase } = settings;
  const base = () => (typeof apiBase === 'function' ? apiBase() : apiBase);
  return createSandbox({
    db: deps.db,
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
  const editors = createEditorService({ db, clock, logger: logger.child({ module: 'editors' }), ...deps.editors });
  const editorWechat = createEditorWechatLinks({ db, clock });
  const openness = createOpenness({ db, clock, calendar, logger: logger.child({ module: 'openness' }) });
  const menu = createMenuStore({ db, clock, platform: platform.oa, defaultMenu: () => repositoryMenu({ miniProgramAppId: wechat.miniProgram.appId }) });
  const messaging = createMessaging({
    db,
    clock,
    logger: logger.child({ module: 'wechat' }),
    content,
    settings: { ...messageServerSettings(wechat), ...messagingOptions?.settings },
    customerService: messagingOptions?.customerService ?? customerServiceVia(platform.oa),
    wrapAnswer: messagingOptions?.wrapAnswer,
    cache: readCache,
    bindEditor: editorWechat.bind,
  });
  const sessionTokens = createSessionTokens({ db, clock, options: deps.audience?.sessions });
  const rateLimiter = createRateLimiter({ db, clock, limits: deps.audience?.limits });
  const pushes = createPushes({ db, clock, logger: logger.child({ module: 'pushes' }), clients: platform, options: deps.pushes });
  const autoDrafts = createAutoDrafts({ db, clock, logger: logger.child({ module: 'pushes' }), pushes: pushes.service });
  const unionIds = createUnionIdResolver({ db, clock, logger: logger.child({ module: 'audience' }), oa: platform.oa });
  const miniProgramUsers = createMiniProgramUsers({ db, clock, logger: logger.child({ module: 'audience' }), mp: platform.mp, tokens: sessionTokens });
  const app = createApp({
    logger,
    metrics: createHttpMetrics(),
    readCache,
    apiRoutes: [...contentRoutes(content), ...audienceRoutes({ users: miniProgramUsers, tokens: sessionTokens, limiter: rateLimiter }), ...pushes.publicRoutes(rateLimiter),
      ...inboxRoutes({ db, guard: sessionGuard({ tokens: sessionTokens, limiter: rateLimiter }).required }),
    ],
    extraMiddleware: [messaging.fastPath, adminSecurityHeaders()],
    extraRouters: [
      messaging.router,
      unansweredQuestionsRoutes(messaging.unansweredQuestions, adminGuard(editors, 'get', '/unanswered-questions')),
      adminRouter({
        editors,
        content,
        more: [...pushes.adminRoutes(editors, editorWechat), ...editorialRoutes({ db, clock, editors, content, openness, menu, keywordRules: messaging.keywordRules })],
      }),
      ...(sandbox ? [sandbox.router()] : []),
      miniProgramRouter(deps.miniProgramDir ?? path.resolve(__dirname, '../../miniprogram/dist/h5')),
      consoleRouter(deps.consoleDir ?? path.resolve(__dirname, '../../console/dist')),
    ],
    sandboxMounted: sandbox !== undefined,
    trustProxy: deps.trustProxy,
    checkDatabase: async () => {
      await db.execute(sql`select 1`);
    },
    metricsToken: deps.metricsToken,
  });

  let lastGeneration: number | null = null;
  return {
    app,
    content,
    editors,
    calendar,
    readCache,
    wechat: { oa: platform.oa, mp: platform.mp },
    sandbox,
    messaging,
    miniProgramUsers,
    sessionTokens,
    rateLimiter,
    pushes,
    autoDrafts,
    unionIds,
    openness,
    menu,
    async pollContentGeneration() {
      const generation = await readGeneration(db);
      if (lastGeneration !== null && generation !== lastGeneration) content.contentChanged();
      lastGeneration = generation;
    },
  };
}

/**
 * Safe on every start. The demo setup (the sandbox, no real secret) also gets the sample content and
 * service halls; a real deployment never does (`npm run content:seed-samples` loads them on purpose).
 * `seedContent: false` leaves out the sample content items, for tests that build their own.
 */
export async function seedSystem(system: System, deps: SystemDeps & { seedContent?: boolean }): Promise<void> {
  await seedReference(system, deps);
  const demo = deps.wechat?.sandbox ?? true;
  if (demo) await seedSamples(system, deps, { content: deps.seedContent !== false });
  // The sandbox's message templates (invented ids), so that a fresh start can compose, approve and send a
  // push; never in a real deployment, whose template ids come from its MP backend.
  if (demo) await seedDemoTemplates(deps.db, deps.clock.now());
}

/** What every deployment starts with: districts, audiences, topics, the holiday calendar, default keyword rules. */
export async function seedReference(system: System, deps: Pick<SystemDeps, 'db' | 'clock'>): Promise<void> {
  await seedReferenceData(deps.db);
  await seedSearchDictionary(deps.db);
  for (const year of CALENDAR_SEED) await system.calendar.loadYear(year);
  await seedKeywordRules(deps.db, deps.clock.now());
}

/** The invented service halls and content items, each marked is_sample; existing slugs are left alone. */
export async function seedSamples(system: System, deps: Pick<SystemDeps, 'db' | 'clock' | 'logger'>, options = { content: true }): Promise<{ halls: number; items: number }> {
  const halls = await seedServiceHalls(deps.db);
  const { inserted: items, refreshed } = options.content ? await system.content.importSeed(buildSeedItems(deps.clock.now())) : { inserted: 0, refreshed: 0 };
  if (halls + items + refreshed > 0) deps.logger.info({ halls, items, refreshed }, 'sample content loaded');
  return { halls, items };
}
