/**
 * Publishes server/src/wechat/menu.json as the 服务号 custom menu and reads it back (research/wechat.md
 * §1.10). The target is WECHAT_API_BASE as configured: api.weixin.qq.com with real credentials, else the
 * sandbox of the server on PORT (`npm start`), whose chat page then shows the menu. When that server is
 * not running, the menu goes to a throwaway in-process sandbox instead: a full check (schema, the
 * platform's answers, the round trip) with nothing kept.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { systemClock } from '../server/src/clock';
import { ConfigError, loadConfig } from '../server/src/config';
import { connect } from '../server/src/db/connect';
import { createLogger } from '../server/src/logger';
import { createSandbox } from '../server/src/sandbox/sandbox';
import { createWechatClient } from '../server/src/wechat/client/api-client';
import { clickKeys, repositoryMenu, syncMenu } from '../server/src/wechat/client/menu';
import { createMemoryTokenStore } from '../server/src/wechat/client/token-store';

async function answers(apiBase: string): Promise<boolean> {
  try {
    await fetch(`${apiBase}/_inspect/followers`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', pretty: Boolean(process.stdout.isTTY) });
  const menu = repositoryMenu({ miniProgramAppId: config.miniProgram.appId });
  let apiBase = config.wechat.apiBase;
  let stop = async () => {};

  if (config.sandbox && !(await answers(apiBase))) {
    const scratch = await connect({ dataDir: null });
    await scratch.migrate();
    const sandbox = createSandbox({
      db: scratch.db,
      clock: systemClock,
      logger,
      config: { officialAccount: config.wechat, miniProgram: config.miniProgram },
    });
    const server = new Koa().use(sandbox.router().routes()).listen(0, '127.0.0.1');
    await once(server, 'listening');
    console.log(`No server answers at ${apiBase}: checking the menu against a throwaway sandbox (start the server with npm start to publish to its sandbox).`);
    apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
    stop = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scratch.close();
    };
  }

  // A one-shot process keeps its token in memory: the server's database may be locked by the server.
  const client = createWechatClient({
    tokenStore: createMemoryTokenStore({ clock: systemClock }),
    clock: systemClock,
    logger,
    apiBase,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
  });
  try {
    const current = await syncMenu(client, menu);
    console.log(`Menu published to ${config.sandbox ? 'the sandbox' : 'WeChat'} (${config.wechat.appId}) and read back unchanged:`);
    for (const top of current.button) {
      const subs = 'sub_button' in top ? top.sub_button.map((b) => b.name).join(' · ') : '';
      console.log(`  ${top.name}${subs ? `: ${subs}` : ''}`);
    }
    console.log(`CLICK keys the message router answers: ${clickKeys(current).join(', ')}`);
  } finally {
    await stop();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) for (const problem of err.problems) console.error(`config: ${problem}`);
  else console.error(`menu sync failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
