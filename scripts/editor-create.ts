/**
 * Creates a console account in the database `npm start` uses:
 *   npm run editor:create -- --name wang --role editor                    (password typed, not echoed)
 *   printf '%s\n' "$PW" | npm run editor:create -- --name wang --role reviewer --password-stdin
 *   npm run editor:create -- --name wang --role admin --generate-password  (printed once)
 * With the embedded database it refuses while a server holds the data folder (stop it, or use
 * DATABASE_URL): two processes on one PGlite folder lose writes.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { EDITOR_ROLES, EditorRole, NewPassword } from '@zj/shared';
import { systemClock } from '../server/src/clock';
import { ConfigError, loadConfig } from '../server/src/config';
import { DataDirLockedError } from '../server/src/db/data-dir-lock';
import { createEditorService } from '../server/src/editors/service';
import { AppError } from '../server/src/errors';
import { createLogger } from '../server/src/logger';
import { withConfiguredDatabase } from './configured-database';

class UsageError extends Error {}

const USAGE = `usage: npm run editor:create -- --name <name> --role <${EDITOR_ROLES.join('|')}> [--password-stdin | --generate-password]`;

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function prompt(question: string): Promise<string> {
  const { stdin, stdout } = process;
  stdout.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stdout.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new UsageError('cancelled'));
          return;
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function passwordFrom(options: { 'password-stdin'?: boolean; 'generate-password'?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (options['password-stdin'] && options['generate-password']) throw new UsageError('--password-stdin and --generate-password exclude each other');
  if (options['generate-password']) return { password: randomBytes(18).toString('base64url'), generated: true };
  if (options['password-stdin']) return { password: await readAll(process.stdin), generated: false };
  if (!process.stdin.isTTY) throw new UsageError('no terminal to type the password in: use --password-stdin or --generate-password');
  const password = await prompt('Password (at least 12 characters): ');
  if ((await prompt('Again: ')) !== password) throw new UsageError('the two passwords differ');
  return { password, generated: false };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'generate-password': { type: 'boolean' },
    },
  });
  const { name, role } = values;
  if (!name || !role) throw new UsageError(USAGE);
  if (!EditorRole.safeParse(role).success) throw new UsageError(`--role must be one of ${EDITOR_ROLES.join(', ')}`);
  const config = loadConfig();
  const { password, generated } = await passwordFrom(values);
  if (!NewPassword.safeParse(password).success) throw new UsageError('the password must be 12 to 200 characters long');

  const logger = createLogger({ level: 'warn', pretty: false });
  await withConfiguredDatabase(config, logger, async ({ db, engine }) => {
    const editors = createEditorService({ db, clock: systemClock, logger });
    const editor = await editors.createEditor({ name, role, password }, { editorId: null, name: 'system:editor-create', ip: null });
    console.log(`Created ${editor.role} account "${editor.name}" (id ${editor.id}) in ${engine}.`);
  });
  if (generated) console.log(`Password (shown only now; change it after the first login): ${password}`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) console.error(`config: ${problem}`);
    process.exit(78);
  }
  if (err instanceof DataDirLockedError) {
    console.error(`${err.message}\nA running server holds the embedded database: stop it (Ctrl-C), run editor:create again, then start it.`);
  } else if (err instanceof UsageError || err instanceof AppError) {
    console.error(err.message);
    process.exit(err instanceof UsageError ? 64 : 1);
  } else {
    console.error(`creating the account failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
