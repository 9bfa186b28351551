import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { anEditor, logIn } from './support/admin';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The editor console's build at /admin: a stand-in build folder, served over real HTTP by the real app. */
const dist = mkdtempSync(path.join(tmpdir(), 'zj-console-'));
let t: TestSystem;
let unbuilt: TestSystem;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/admin/assets/index-D3JLlZOH.js"></script>');
  writeFileSync(path.join(dist, 'assets/index-D3JLlZOH.js'), 'console.log("console")');
  writeFileSync(path.join(dist, 'assets/index-DffoQfsK.css'), 'body{}');
  writeFileSync(path.join(dist, '.build-stamp'), 'secret-ish');
  writeFileSync(path.join(path.dirname(dist), 'outside.txt'), 'not served');
  t = await startTestSystem({ consoleDir: dist });
  unbuilt = await startTestSystem({ consoleDir: path.join(dist, 'absent') });
});
afterAll(async () => {
  await t.close();
  await unbuilt.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the editor console at /admin', () => {
  it('when a built asset is asked for, then it is served with a year of immutable caching', async () => {
    const js = await t.get('/admin/assets/index-D3JLlZOH.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("console")');
    expect((await t.get('/admin/assets/index-DffoQfsK.css')).headers.get('content-type')).toContain('text/css');
  });

  it('when a page of the console is opened by its address, then the shell answers, revalidated, under the strict CSP', async () => {
    for (const address of ['/admin/', '/admin/login', '/admin/content/12/edit', '/admin/review/3']) {
      const res = await t.get(address);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self';");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(await res.text()).toContain('<div id="root">');
    }
    const bare = await t.get('/admin', { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/admin/');
  });

  it('when an asset that is not there is asked for, then 404, not the shell', async () => {
    const res = await t.get('/admin/assets/index-00000000.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<div id="root">');
  });

  it('when a path reaches outside the build or at a hidden file, then nothing of it is served', async () => {
    for (const address of ['/admin/assets/..%2F..%2Foutside.txt', '/admin/assets/%2E%2E/.build-stamp', '/admin/.build-stamp']) {
      const res = await t.get(address);
      expect(await res.text()).not.toMatch(/not served|secret-ish/);
    }
    expect((await t.get('/admin/assets/%E0%A4%A')).status).toBe(400);
  });

  it('when an unknown /admin/api path is asked for, then the API answers 404 in JSON, not the shell', async () => {
    await anEditor(t, 'static-editor', 'editor');
    const editor = await logIn(t, 'static-editor');
    const res = await editor.call('GET', '/no-such-route');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<div id="root">');
    expect((await editor.call('GET', '/session')).status).toBe(200);
  });

  it('when the build has not been made, then the page says how to make it', async () => {
    const res = await unbuilt.get('/admin/content');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w console');
  });
});
