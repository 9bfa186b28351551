import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ContentPage, ErrorBody } from '@zj/shared';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { buildSeedItems } from '../src/content/seed';
import { acquireDataDirLock } from '../src/db/data-dir-lock';
import { queryRows, type Database } from '../src/db/database';
import { createSystem, seedSamples } from '../src/system';
import { WechatNotConfiguredError } from '../src/wechat/client/not-configured';
import { startTestSystem, type TestSystem } from './support/test-system';
import { testWechatSettings } from './support/wechat';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ seed: true });
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('when the database answers, then /healthz is ok and never cached', async () => {
    const res = await t.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('when requests were served, then /metrics reports them by route template with latency buckets', async () => {
    await t.get('/api/v1/subsidies');
    await t.get('/api/v1/subsidies/1');
    const text = await (await t.get('/metrics')).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/subsidies",status="200"\} \d+/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/subsidies\/:id"\}/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('gives every response a request id, keeping a well-formed one from the caller', async () => {
    const own = await t.get('/healthz');
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const passed = await t.get('/healthz', { headers: { 'X-Request-Id': 'lb-trace-12345678' } });
    expect(passed.headers.get('x-request-id')).toBe('lb-trace-12345678');
    const forged = await t.get('/healthz', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(forged.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('answers unknown paths and methods with a JSON error', async () => {
    const missing = await t.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('not_found');
    const wrongMethod = await t.post('/api/v1/subsidies', {});
    expect(wrongMethod.status).toBe(405);
    expect(ErrorBody.parse(await wrongMethod.json()).error.code).toBe('method_not_allowed');
  });

  it('serves the OpenAPI 3.1 document generated from the route schemas', async () => {
    const doc = (await (await t.get('/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string; description?: string }>; responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/subsidies', '/api/v1/subsidies/{id}', '/api/v1/subsidies/{id}/check', '/api/v1/search', '/api/v1/wage-standards/current']),
    );
    const list = doc.paths['/api/v1/subsidies']!.get!;
    // A district is a code or a Chinese name; the contract says both.
    expect(list.parameters.find((p) => p.name === 'district')).toMatchObject({ description: expect.stringContaining('a code or a Chinese name') });
    expect(Object.keys(list.responses)).toEqual(['200', '304', '400']);
    expect(doc.paths['/api/v1/subsidies/{id}/check']!.post).toHaveProperty('requestBody');
  });

  it('when the shipped content is loaded, then every kind is served', async () => {
    for (const path of ['subsidies', 'wage-standards', 'recruitments', 'policies', 'interpretations', 'notices']) {
      const page = (await (await t.get(`/api/v1/${path}?limit=50`)).json()) as { items: unknown[] };
      expect(page.items.length).toBeGreaterThan(0);
    }
    const search = (await (await t.get(`/api/v1/search?q=${encodeURIComponent('创业')}`)).json()) as { items: Array<{ title: string }> };
    expect(search.items.map((i) => i.title)).toEqual(expect.arrayContaining([expect.stringContaining('创业补贴')]));
    const wage = (await (await t.get(`/api/v1/search?q=${encodeURIComponent('工资标准')}&kind=wage_standard`)).json()) as { items: Array<{ title: string }> };
    expect(wage.items[0]?.title).toContain('最低工资');
  });

  it('when the shipped content is loaded twice, then nothing is duplicated or overwritten', async () => {
    const newest = async () => ContentPage.parse(await (await t.get('/api/v1/notices?limit=1')).json()).items[0]!.id;
    const before = await newest();
    const result = await t.system.content.importSeed(buildSeedItems(t.clock.now()));
    expect(result).toMatchObject({ inserted: 0, refreshed: 0 });
    expect(await newest()).toBe(before);
  });
});

const KINDS = ['subsidies', 'wage-standards', 'recruitments', 'policies', 'interpretations', 'notices'] as const;

async function counts(db: Database) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*)::int from content_items) items, (select count(*)::int from service_halls) halls,
               (select count(*)::int from topics) topics, (select count(*)::int from districts) districts,
               (select count(*)::int from keyword_rules) rules, (select count(*)::int from calendar_years) years`,
  );
  return row!;
}

describe('what a deployment starts with', () => {
  it('when the sandbox (demo) is configured, then the sample content and the sample halls are loaded, each marked', async () => {
    const c = await counts(t.connection.db);
    expect(c.items).toBe(buildSeedItems(t.clock.now()).length);
    expect(c.halls).toBeGreaterThan(0);
    const [unmarked] = await queryRows<{ n: number }>(t.connection.db, sql`select count(*)::int n from service_halls where not is_sample`);
    expect(unmarked!.n).toBe(0);
  });

  describe('with a real secret', () => {
    let real: TestSystem;
    beforeAll(async () => {
      real = await startTestSystem({ seed: true, wechat: { sandbox: false } });
    });
    afterAll(() => real.close());

    it('when it starts, then only reference data is loaded: topics, districts, holidays, keyword rules; no sample content, no sample halls', async () => {
      const c = await counts(real.connection.db);
      expect(c).toEqual({ items: 0, halls: 0, topics: expect.any(Number), districts: expect.any(Number), rules: expect.any(Number), years: expect.any(Number) });
      for (const n of [c.topics, c.districts, c.rules, c.years]) expect(n).toBeGreaterThan(0);
      for (const kind of KINDS) expect(ContentPage.parse(await (await real.get(`/api/v1/${kind}`)).json()).items).toEqual([]);
    });

    it('when the operator loads the samples on purpose, then they are served, each marked as a sample', async () => {
      const loaded = await seedSamples(real.system, { db: real.connection.db, clock: real.clock, logger: pino({ level: 'silent' }) });
      expect(loaded.items).toBe(buildSeedItems(real.clock.now()).length);
      expect(loaded.halls).toBeGreaterThan(0);
      real.system.readCache.invalidate();
      const page = ContentPage.parse(await (await real.get('/api/v1/subsidies?limit=50')).json());
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((i) => i.isSample)).toBe(true);
    });

    it('when the mini-program is not configured, then its client refuses with a typed error instead of calling the platform', async () => {
      const settings = testWechatSettings(() => 'http://127.0.0.1:9', { sandbox: false, miniProgram: { appId: 'wx8c4e2b7d9a1f3056', secret: 'x', configured: false } });
      const system = createSystem({ db: real.connection.db, clock: real.clock, logger: pino({ level: 'silent' }), wechat: settings });
      const refused = system.wechat.mp.code2Session('js-code');
      await expect(refused).rejects.toBeInstanceOf(WechatNotConfiguredError);
      await expect(refused).rejects.toMatchObject({ code: 'wechat_not_configured', status: 503 });
    });
  });
});

describe('npm run content:seed-samples', () => {
  const run = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/content-seed-samples.ts')], {
      env,
      timeout: 60_000,
    }).then(
      (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'zj-seed-samples-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a server holds the embedded database, then it refuses with one clear line and changes nothing', async () => {
    const release = acquireDataDirLock(dataDir);
    try {
      const result = await run({ DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`The data folder ${dataDir} is in use by process ${process.pid}. Only one process may open an embedded database; stop that process, or point DATA_DIR elsewhere, or use DATABASE_URL for several instances.`);
      expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    } finally {
      release();
    }
  });

  it('when the embedded database is free, then the samples are loaded into it', async () => {
    const result = await run({ DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Sample content loaded into pglite: ${buildSeedItems(new Date()).length} new items`);
  }, 60_000);
});

describe('/metrics access', () => {
  const TOKEN = 'metrics-token-0123456789abcdef';
  let remote: Server;
  let socketDir: string;
  let socketPath: string;

  /**
   * A request over a Unix socket has no loopback peer address: it stands for "another host" (a proxy in front
   * of us, say) without sending traffic to any address but this machine's own socket file.
   */
  function viaSocket(headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ socketPath, path: '/metrics', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeAll(async () => {
    const system = createSystem({ db: t.connection.db, clock: t.clock, logger: pino({ level: 'silent' }), metricsToken: TOKEN });
    socketDir = mkdtempSync(path.join(os.tmpdir(), 'zj-metrics-'));
    socketPath = path.join(socketDir, 'server.sock');
    remote = system.app.listen(socketPath);
    await new Promise((resolve) => remote.once('listening', resolve));
  });
  afterAll(async () => {
    remote.closeAllConnections();
    await new Promise((resolve) => remote.close(resolve));
    rmSync(socketDir, { recursive: true, force: true });
  });

  it('when a loopback client names another address in X-Forwarded-For, then it still reads the metrics', async () => {
    const res = await t.get('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('http_requests_total');
  });

  it('when another peer asks without the token, even claiming to be loopback, then it gets a 403 JSON error and no metrics', async () => {
    for (const headers of [{}, { 'X-Forwarded-For': '127.0.0.1' }] as Array<Record<string, string>>) {
      const res = await viaSocket(headers);
      expect(res.status).toBe(403);
      expect(ErrorBody.parse(JSON.parse(res.text)).error.code).toBe('forbidden');
      expect(res.text).not.toContain('http_requests_total');
    }
  });

  it('when another peer presents the bearer token, then it reads the metrics; with a wrong one, it is refused', async () => {
    const ok = await viaSocket({ Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('http_requests_total');
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'Bearer ']) {
      expect((await viaSocket({ Authorization: wrong })).status).toBe(403);
    }
  });
});
