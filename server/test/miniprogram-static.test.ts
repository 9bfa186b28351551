import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestSystem, type TestSystem } from './support/test-system';

/** The mini-program's H5 build at /m/: a stand-in build folder, served over real HTTP by the real app. */
const dist = mkdtempSync(path.join(tmpdir(), 'zj-m-'));
let t: TestSystem;
let unbuilt: TestSystem;

beforeAll(async () => {
  mkdirSync(path.join(dist, 'js'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="app"></div><script src="/m/js/app.1a2b3c4d.js"></script>');
  writeFileSync(path.join(dist, 'js/app.1a2b3c4d.js'), 'console.log("app")');
  writeFileSync(path.join(dist, '.build-stamp'), 'secret-ish');
  writeFileSync(path.join(path.dirname(dist), 'outside.txt'), 'not served');
  t = await startTestSystem({ miniProgramDir: dist });
  unbuilt = await startTestSystem({ miniProgramDir: path.join(dist, 'absent') });
});
afterAll(async () => {
  await t.close();
  await unbuilt.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the mini-program in the browser at /m/', () => {
  it('when a hashed asset is asked for, then it is served with a year of immutable caching', async () => {
    const res = await t.get('/m/js/app.1a2b3c4d.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('when a page of the app is opened by its address, then the app shell answers and is revalidated', async () => {
    for (const address of ['/m/', '/m/pages/subsidy/detail?id=3', '/m/pages/index/index']) {
      const res = await t.get(address);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="app">');
    }
    const bare = await t.get('/m', { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/m/');
  });

  it('when a file that is not there is asked for, then 404, not the app shell', async () => {
    const res = await t.get('/m/js/app.00000000.js');
    expect(res.status).toBe(404);
  });

  it('when a path reaches outside the build or at a hidden file, then nothing of it is served', async () => {
    for (const address of ['/m/..%2Foutside.txt', '/m/%2E%2E/outside.txt', '/m/.build-stamp']) {
      const res = await t.get(address);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/not served|secret-ish/);
    }
    // A broken percent-encoding is the client's mistake, answered as such rather than as a server error.
    const broken = await t.get('/m/%E0%A4%A');
    expect(broken.status).toBe(400);
  });

  it('when the build has not been made, then the page says how to make it', async () => {
    const res = await unbuilt.get('/m/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:h5 -w miniprogram');
  });

  it('when a newcomer opens the front door, then it links the mini-program', async () => {
    expect(await (await t.get('/')).text()).toContain('<a href="/m/">');
  });
});
