import type { Logger } from 'pino';
import type { Clock } from '../clock';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/database';
import { createSandbox, type Sandbox, type SandboxConfig } from '../sandbox/sandbox';
import { createWechatClient, type MiniprogramState, type RetryPolicy, type WechatClient } from './api-client';

/** What the WeChat platform part needs from the configuration, plus test knobs. */
export interface WechatSettings {
  /** No real secret: this server mounts the sandbox at /sandbox. */
  sandbox: boolean;
  /** A function when it is known only after listen (a test server on port 0). */
  apiBase: string | (() => string);
  officialAccount: { appId: string; appSecret: string; token: string; aesKey: string | null };
  miniProgram: { appId: string; secret: string };
  /** Where the sandbox posts TEMPLATESENDJOBFINISH; default: /wechat next to the sandbox's base. */
  callbackUrl?: string | (() => string);
  client?: { timeoutMs?: number; retry?: Partial<RetryPolicy>; miniprogramState?: MiniprogramState };
  sandboxOptions?: Omit<SandboxConfig, 'officialAccount' | 'miniProgram'>;
}

export function wechatSettingsFromConfig(config: Pick<Config, 'sandbox' | 'wechat' | 'miniProgram'>): WechatSettings {
  const { apiBase, appId, appSecret, token, aesKey } = config.wechat;
  return {
    sandbox: config.sandbox,
    apiBase,
    officialAccount: { appId, appSecret, token, aesKey },
    miniProgram: { appId: config.miniProgram.appId, secret: config.miniProgram.secret },
  };
}

/** The sandbox defaults of an empty environment, for callers that pass no settings. */
export function defaultWechatSettings(): WechatSettings {
  return wechatSettingsFromConfig(loadConfig({}));
}

export interface WechatPlatform {
  oa: WechatClient;
  mp: WechatClient;
  sandbox?: Sandbox;
}

/** The two clients (服务号 and 小程序: separate appids, separate tokens) and, without real secrets, the sandbox. */
export function createWechatPlatform(deps: { db: Database; clock: Clock; logger: Logger; settings: WechatSettings }): WechatPlatform {
  const { db, clock, logger, settings } = deps;
  const apiBase = settings.apiBase;
  const resolve = (v: string | (() => string)) => (typeof v === 'function' ? v() : v);
  const common = { db, clock, logger, apiBase, ...settings.client };
  const oa = createWechatClient({ ...common, appId: settings.officialAccount.appId, appSecret: settings.officialAccount.appSecret });
  const mp = createWechatClient({ ...common, appId: settings.miniProgram.appId, appSecret: settings.miniProgram.secret });
  if (!settings.sandbox) return { oa, mp };

  const sandbox = createSandbox({
    clock,
    logger,
    config: { ...settings.sandboxOptions, officialAccount: settings.officialAccount, miniProgram: settings.miniProgram },
    callbackUrl: settings.callbackUrl ?? (() => resolve(apiBase).replace(/\/sandbox\/?$/, '/wechat')),
  });
  return { oa, mp, sandbox };
}
