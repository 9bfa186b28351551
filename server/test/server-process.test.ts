import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connect } from '../src/db/connect';
import { TEST_DATABASE_URL } from './support/test-database';

const MAIN = path.join(__dirname, '../src/main.ts');
const ROOT = path.join(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    // eslint-disable-next-line n/no-process-env -- the child gets a clean environment plus the settings under test
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitHealthy(port: number, timeoutMs = 45_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} not healthy after ${timeoutMs} ms`);
}

// The embedded mode is what `npm start` runs; the PostgreSQL pass covers the same code through the other tests.
const embedded = TEST_DATABASE_URL ? describe.skip : describe;

embedded('the server process (embedded database)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'zj-process-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when started, stopped, edited in the database and started again, then the edit is kept and a second process is refused', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const first = start(env);
    // Alone it is ready in about 6 s (first start: initdb, migrations, seed); the bound leaves room for a busy CI.
    const ms = await waitHealthy(port);
    expect(ms).toBeLessThan(30_000);
    const notices = (await (await fetch(`http://127.0.0.1:${port}/api/v1/notices?limit=50`)).json()) as { items: Array<{ id: number; slug: string }> };
    expect(notices.items.length).toBeGreaterThan(0);
    const target = notices.items[0]!;

    const second = start({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exit).toBe(1);
    // One line, said once, with no stack trace: the operator's next step is in the sentence.
    expect(second.output().match(/in use by process \d+/g)).toHaveLength(1);
    expect(second.output()).not.toMatch(/^\s+at /m);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain('stopped');
    expect(existsSync(path.join(dataDir, 'server.lock'))).toBe(false);

    const conn = await connect({ dataDir });
    await conn.db.execute(sql`update content_items set title = '已在数据库中修改的标题' where id = ${target.id}`);
    await conn.close();

    const again = start(env);
    await waitHealthy(port);
    const detail = (await (await fetch(`http://127.0.0.1:${port}/api/v1/notices/${target.id}`)).json()) as { title: string; slug: string };
    expect(detail).toMatchObject({ title: '已在数据库中修改的标题', slug: target.slug });
    const after = (await (await fetch(`http://127.0.0.1:${port}/api/v1/notices?limit=50`)).json()) as { items: unknown[] };
    expect(after.items).toHaveLength(notices.items.length);
    again.child.kill('SIGINT');
    expect(await again.exit).toBe(0);
  }, 120_000);

  it('when the port is taken, then start-up stops at once with one line naming PORT, before the data folder is opened', async () => {
    const port = await freePort();
    const taken = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    const fresh = path.join(dataDir, 'never-opened');
    try {
      const run = start({ DATA_DIR: fresh, PORT: String(port) });
      expect(await run.exit).toBe(1);
      expect(run.output().match(/^fatal: .*$/gm)).toEqual([
        `fatal: port ${port} on 127.0.0.1 is already in use by another process; stop it, or start on another port with PORT (e.g. PORT=${port + 1} npm start)`,
      ]);
      expect(run.output()).not.toMatch(/^\s+at /m);
      expect(existsSync(fresh)).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);

  it('when a setting is wrong, then start-up stops with one clear line per problem', async () => {
    const run = start({ DATA_DIR: dataDir, WECHAT_AES_KEY: 'a'.repeat(42), PORT: 'http' });
    expect(await run.exit).toBe(78);
    expect(run.output()).toContain('config: WECHAT_AES_KEY: must be exactly 43 characters of base64');
    expect(run.output()).toMatch(/config: PORT: /);
  }, 30_000);
});
