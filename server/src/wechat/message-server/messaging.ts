import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { createAudienceService, type AudienceService } from '../../audience/service';
import type { Clock } from '../../clock';
import type { ContentService } from '../../content/service';
import type { Database } from '../../db/database';
import type { ReadCache } from '../../http/read-cache';
import type { AppState } from '../../http/state';
import type { WechatClient } from '../client/api-client';
import { deleteInboundBefore } from './inbound-repository';
import { createKeywordRuleCache, type KeywordRuleCache } from './keyword-rules';
import { createMessageRouter, type Answerer } from './message-router';
import { createMessageService, type CustomerServiceSender, type MessageService } from './message-service';
import type { WechatSettings } from '../client/platform';
import { createPushCodec } from './push-codec';
import { mountWechatRoutes } from './routes';
import { listServiceHalls } from './service-halls';
import { createUnansweredQuestions, type UnansweredQuestions } from './unanswered-questions';

/** What the message server needs from the configuration. */
export interface MessageServerSettings {
  token: string;
  appId: string;
  /** EncodingAESKey; null = plaintext only. */
  aesKey: string | null;
  /** Mini-program that reply links open; null = plain titles. */
  miniProgramAppId: string | null;
  /** Pushes signed further than this from the clock's now are refused. */
  timestampWindowSeconds: number;
  /** With an AES key: plaintext pushes are accepted too (兼容模式); otherwise only encrypted ones. */
  compatibleMode: boolean;
  /** Default 4000 ms (WeChat gives up after 5 s). */
  replyBudgetMs?: number;
  /** Late answers running at once (default 200); beyond, a push missing its budget is recorded abandoned. */
  lateAnswerLimit?: number;
  /** A late answer not sent by this age is recorded abandoned (default 60 s). */
  lateAnswerMaxAgeMs?: number;
  bodyLimitBytes?: number;
}

export function messageServerSettings(wechat: Pick<WechatSettings, 'officialAccount' | 'miniProgram' | 'pushes'>): MessageServerSettings {
  const { token, appId, aesKey } = wechat.officialAccount;
  return { token, appId, aesKey, ...wechat.pushes, miniProgramAppId: wechat.miniProgram.appId };
}

/** Customer-service text messages through the 服务号's API client. */
export function customerServiceVia(client: Pick<WechatClient, 'sendCustomText'>): CustomerServiceSender {
  return { sendText: (openid, text) => client.sendCustomText({ touser: openid, content: text }) };
}

/** What createSystem's callers may change: settings (tests), the sender, and a wrapper around answers. */
export interface MessagingOptions {
  settings?: Partial<MessageServerSettings>;
  customerService?: CustomerServiceSender;
  /** Wraps the router's answer function, e.g. for timing, or a deliberately slow answer in tests. */
  wrapAnswer?: (answer: Answerer) => Answerer;
}

export interface Messaging {
  messages: MessageService;
  audience: AudienceService;
  keywordRules: KeywordRuleCache;
  /** Questions answered with the fallback, counted for editors. */
  unansweredQuestions: UnansweredQuestions;
  /** GET/POST /wechat. */
  router: Router<AppState>;
  /** POST /wechat without router dispatch; mount before the routers (the router answers it too). */
  fastPath: Middleware<AppState>;
  /** Waits for answers still being delivered by customer-service message, and for notes of unanswered questions. */
  settle(): Promise<void>;
  /** Deletes the record of pushes received before `before` and answer texts left unused (retention). */
  pruneInbound(before: Date): Promise<{ pushes: number; texts: number }>;
}

/** The WeChat message server: codec, dedupe + reply window, router, and the audience it updates. */
export function createMessaging(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  content: ContentService;
  settings: MessageServerSettings;
  customerService: CustomerServiceSender;
  wrapAnswer?: (answer: Answerer) => Answerer;
  /** Cache of answers from published content; the system's read cache, so content writes drop it. */
  cache?: ReadCache;
  /** Links an editor's console account to the sender of 「绑定 <code>」. */
  bindEditor?: (code: string, openid: string) => Promise<string>;
}): Messaging {
  const { db, clock, logger, settings } = deps;
  const audience = createAudienceService({ db, clock });
  const keywordRules = createKeywordRuleCache({ db, clock, logger });
  const unansweredQuestions = createUnansweredQuestions({ db, clock, logger });
  const messageRouter = createMessageRouter({
    db,
    clock,
    content: deps.content,
    audience,
    rules: keywordRules,
    halls: () => listServiceHalls(db),
    channel: 'oa',
    miniProgramAppId: settings.miniProgramAppId,
    cache: deps.cache,
    unanswered: unansweredQuestions,
    bindEditor: deps.bindEditor,
  });
  const answer = deps.wrapAnswer ? deps.wrapAnswer(messageRouter.answer) : messageRouter.answer;
  const messages = createMessageService({
    db,
    clock,
    answer,
    isPure: messageRouter.isPure,
    customerService: deps.customerService,
    replyBudgetMs: settings.replyBudgetMs,
    lateAnswerLimit: settings.lateAnswerLimit,
    lateAnswerMaxAgeMs: settings.lateAnswerMaxAgeMs,
  });
  const router = new Router<AppState>();
  const fastPath = mountWechatRoutes(router, { codec: createPushCodec(settings, { clock }), messages, bodyLimitBytes: settings.bodyLimitBytes });
  return {
    messages,
    audience,
    keywordRules,
    unansweredQuestions,
    router,
    fastPath,
    async settle() {
      await messages.settle();
      await unansweredQuestions.settle();
    },
    pruneInbound: (before) => deleteInboundBefore(deps.db, before),
  };
}
