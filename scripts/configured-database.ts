import type { Logger } from 'pino';
import type { Config } from '../server/src/config';
import { connect, type DatabaseConnection } from '../server/src/db/connect';

/**
 * Runs `work` on the database `npm start` uses (DATABASE_URL, else the embedded one in DATA_DIR), migrated
 * first, and closes it afterwards, also when the work fails.
 */
export async function withConfiguredDatabase<T>(config: Config, logger: Logger, work: (connection: DatabaseConnection) => Promise<T>): Promise<T> {
  const connection = await connect(
    'url' in config.database ? { databaseUrl: config.database.url, timeouts: config.databaseTimeouts, logger } : { dataDir: config.database.dataDir, logger },
  );
  try {
    await connection.migrate();
    return await work(connection);
  } finally {
    await connection.close();
  }
}
