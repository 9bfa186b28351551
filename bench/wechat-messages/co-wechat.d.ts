/** The part of co-wechat 2.4's API the reference server uses (the package ships no types). */
declare module 'co-wechat' {
  import type { Middleware } from 'koa';

  namespace wechat {
    interface Config {
      token: string;
      appid: string;
      encodingAESKey: string;
    }

    interface Wechat {
      /** Koa 2-style middleware; the handler's return value becomes the (encrypted) passive reply. */
      middleware(handle: (message: Record<string, unknown>, ctx: unknown) => Promise<unknown>): Middleware;
    }
  }

  function wechat(config: wechat.Config | string, isDebug?: boolean): wechat.Wechat;
  export = wechat;
}
