import { ContentPage, ErrorBody } from '@zj/shared';
import { buildSeedItems } from '../src/content/seed';
import { startTestSystem, type TestSystem } from './support/test-system';

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
      paths: Record<string, Record<string, { parameters: Array<{ name: string; in: string; schema: { enum?: string[] } }>; responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/subsidies', '/api/v1/subsidies/{id}', '/api/v1/subsidies/{id}/check', '/api/v1/search', '/api/v1/wage-standards/current']),
    );
    const list = doc.paths['/api/v1/subsidies']!.get!;
    expect(list.parameters.find((p) => p.name === 'district')?.schema.enum).toContain('jingkou');
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
    expect(result.inserted).toBe(0);
    expect(await newest()).toBe(before);
  });
});
