/**
 * Loads the sample content (invented recruitment notices, subsidies, policies…, each marked is_sample)
 * and the sample service halls into the database `npm start` uses. The demo setup loads them by itself;
 * a real deployment gets them only through this command, e.g. a staging copy for editors. Items and
 * halls already present (by slug) are left as they are.
 */
import { systemClock } from '../server/src/clock';
import { ConfigError, loadConfig } from '../server/src/config';
import { DataDirLockedError } from '../server/src/db/data-dir-lock';
import { createLogger } from '../server/src/logger';
import { createSystem, seedReference, seedSamples } from '../server/src/system';
import { wechatSettingsFromConfig } from '../server/src/wechat/client/platform';
import { withConfiguredDatabase } from './configured-database';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', pretty: Boolean(process.stdout.isTTY) });
  await withConfiguredDatabase(config, logger, async ({ db, engine }) => {
    const deps = { db, clock: systemClock, logger, wechat: wechatSettingsFromConfig(config) };
    const system = createSystem(deps);
    await seedReference(system, deps);
    const { items, halls } = await seedSamples(system, deps);
    console.log(`Sample content loaded into ${engine}: ${items} new items, ${halls} new service halls (existing ones kept).`);
  });
  if (!config.sandbox) console.log('Residents of this deployment now see them, each answer marked 示例数据.');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) console.error(`config: ${problem}`);
    process.exit(78);
  }
  // The embedded database is open in the running server: stop it first (or use DATABASE_URL).
  if (err instanceof DataDirLockedError) console.error(err.message);
  else console.error(`seeding sample content failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
