import { AppError } from '../../errors';
import type { WechatClient } from './api-client';

/** An account whose credentials are not configured: calling it is a deployment gap, not a platform failure. */
export class WechatNotConfiguredError extends AppError {
  constructor(readonly account: string) {
    super(503, 'wechat_not_configured', `${account}未配置，暂时无法使用该功能`);
  }
}

/**
 * Stands in for the client of an account without credentials, so that nothing calls the real platform
 * with the sandbox's appid and secret. Every call fails with `WechatNotConfiguredError`.
 */
export function notConfiguredClient(appId: string, account: string): WechatClient {
  const refuse = (): Promise<never> => Promise.reject(new WechatNotConfiguredError(account));
  return {
    appId,
    sendTemplate: refuse,
    sendSubscribe: refuse,
    sendCustomText: refuse,
    createMenu: refuse,
    getMenu: refuse,
    code2Session: refuse,
    createQrCode: refuse,
    userInfo: refuse,
    userInfoBatch: refuse,
  };
}
