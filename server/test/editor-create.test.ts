import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { systemClock } from '../src/clock';
import { connect, type DatabaseConnection } from '../src/db/connect';
import { acquireDataDirLock } from '../src/db/data-dir-lock';
import { createEditorService } from '../src/editors/service';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './support/test-database';

const SCRIPT = path.join(__dirname, '../../scripts/editor-create.ts');

/** The command as an operator runs it, against the embedded database in a temporary folder or the test PostgreSQL database. */
function run(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), SCRIPT, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  child.stdin.end(input ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let dataDir: string;
let server: TestDatabase | null = null;
let env: Record<string, string>;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'zj-editor-create-'));
  if (TEST_DATABASE_URL) server = await createTestDatabase();
  env = server ? { DATABASE_URL: server.url! } : { DATA_DIR: dataDir };
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the database the command wrote to (after it exited) and tries a login. */
async function canLogIn(name: string, password: string): Promise<boolean> {
  const connection: DatabaseConnection = server ?? (await connect({ dataDir }));
  try {
    const editors = createEditorService({ db: connection.db, clock: systemClock, logger: pino({ level: 'silent' }) });
    return await editors.login(name, password, null).then(
      () => true,
      () => false,
    );
  } finally {
    if (!server) await connection.close();
  }
}

describe('npm run editor:create', () => {
  it('when the password comes on standard input, then the account is created and logs in with it', async () => {
    const result = await run(['--name', 'wang', '--role', 'reviewer', '--password-stdin'], env, 'a passphrase from a script\n');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/Created reviewer account "wang" \(id \d+\)/);
    expect(result.stdout).not.toContain('a passphrase from a script');
    expect(await canLogIn('wang', 'a passphrase from a script')).toBe(true);
  }, 60_000);

  it('when the password is generated, then it is printed once and logs in', async () => {
    const result = await run(['--name', 'li', '--role', 'admin', '--generate-password'], env);
    expect(result.code).toBe(0);
    const password = /Password \(shown only now[^)]*\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toHaveLength(24);
    expect(await canLogIn('li', password!)).toBe(true);
  }, 60_000);

  it('when the name is taken, the role unknown, the password short or there is no terminal, then it says why and creates nothing', async () => {
    expect(await run(['--name', 'WANG', '--role', 'editor', '--password-stdin'], env, 'another passphrase!')).toMatchObject({ code: 1, stderr: '账号名 WANG 已被使用\n' });
    expect(await run(['--name', 'zhao', '--role', 'boss', '--password-stdin'], env, 'another passphrase!')).toMatchObject({ code: 64, stderr: expect.stringContaining('--role must be one of editor, reviewer, admin') });
    expect(await run(['--name', 'zhao', '--role', 'editor', '--password-stdin'], env, 'short')).toMatchObject({ code: 64, stderr: expect.stringContaining('12 to 200 characters') });
    expect(await run(['--name', 'zhao', '--role', 'editor'], env)).toMatchObject({ code: 64, stderr: expect.stringContaining('--password-stdin or --generate-password') });
    expect(await canLogIn('zhao', 'another passphrase!')).toBe(false);
  }, 120_000);

  it('when a server holds the embedded database, then it refuses with a clear message', async () => {
    const locked = mkdtempSync(path.join(os.tmpdir(), 'zj-editor-create-locked-'));
    const release = acquireDataDirLock(locked);
    try {
      const result = await run(['--name', 'sun', '--role', 'editor', '--password-stdin'], { DATA_DIR: locked }, 'a passphrase from a script');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The data folder ${locked} is in use by process ${process.pid}.`);
      expect(result.stderr).toContain('stop it (Ctrl-C), run editor:create again');
    } finally {
      release();
      rmSync(locked, { recursive: true, force: true });
    }
  }, 60_000);
});
