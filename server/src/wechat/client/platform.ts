import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import { loadConfig, type Config } from '../../config';
import type { Database } from '../../db/database';
import { createWechatClient, type MiniprogramState, type RetryPolicy, type WechatClient } from './api-client';
import { notConfiguredClient } from './not-configured';

/** What the WeChat platform part needs from the configuration, plus test knobs. */
export interface WechatSettings {
  /** No real secret: this server mounts the sandbox at /sandbox. */
  sandbox: boolean;
  /** A function when it is known only after listen (a test server on port 0). */
  apiBase: string | (() => string);
  officialAccount: { appId: string; appSecret: string; token: string; aesKey: string | null };
  /** `configured: false` (real platform without MP_APPID/MP_SECRET): the mp client refuses every call. */
  miniProgram: { appId: string; secret: string; configured?: boolean };
  /** How pushes to /wechat are checked (config: WECHAT_TIMESTAMP_WINDOW_SECONDS, WECHAT_COMPATIBLE_MODE). */
  pushes: { timestampWindowSeconds: number; compatibleMode: boolean };
  client?: { timeoutMs?: number; retry?: Partial<RetryPolicy>; miniprogramState?: MiniprogramState };
}

export function wechatSettingsFromConfig(config: Pick<Config, 'sandbox' | 'wechat' | 'miniProgram'>): WechatSettings {
  const { apiBase, appId, appSecret, token, aesKey } = config.wechat;
  return {
    sandbox: config.sandbox,
    apiBase,
    officialAccount: { appId, appSecret, token, aesKey },
    miniProgram: { appId: config.miniProgram.appId, secret: config.miniProgram.secret, configured: config.miniProgram.configured },
    pushes: { timestampWindowSeconds: config.wechat.timestampWindowSeconds, compatibleMode: config.wechat.compatibleMode },
  };
}

/** The sandbox defaults of an empty environment, for callers that pass no settings. */
export function defaultWechatSettings(): WechatSettings {
  return wechatSettingsFromConfig(loadConfig({}));
}

export interface WechatClients {
  oa: WechatClient;
  mp: WechatClient;
}

/** The two clients: 服务号 and 小程序 have separate appids and separate tokens. */
export function createWechatClients(deps: { db: Database; clock: Clock; logger: Logger; settings: WechatSettings }): WechatClients {
  const { db, clock, logger, settings } = deps;
  const common = { db, clock, logger, apiBase: settings.apiBase, ...settings.client };
  return {
    oa: createWechatClient({ ...common, appId: settings.officialAccount.appId, appSecret: settings.officialAccount.appSecret }),
    mp:
      settings.miniProgram.configured === false
        ? notConfiguredClient(settings.miniProgram.appId, '小程序（MP_APPID/MP_SECRET）')
        : createWechatClient({ ...common, appId: settings.miniProgram.appId, appSecret: settings.miniProgram.secret }),
  };
}
