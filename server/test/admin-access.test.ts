import type Router from '@koa/router';
import { EDITOR_ROLES } from '@zj/shared';
import { ADMIN_ACCESS, ADMIN_API_PREFIX } from '../src/http/admin-access';
import { aNotice } from './support/builders';
import { anEditor, callAdmin, logIn } from './support/admin';
import { startTestSystem, type TestSystem } from './support/test-system';

let t: TestSystem;
let ids: { editor: number; content: number };

beforeAll(async () => {
  t = await startTestSystem();
  for (const role of EDITOR_ROLES) await anEditor(t, `matrix-${role}`, role);
  const target = await anEditor(t, 'matrix-target', 'editor');
  const item = await t.system.content.createItem(aNotice({ title: '权限矩阵用的通知' }), t.actors.author);
  ids = { editor: target.id, content: item.id };
});
afterAll(() => t.close());

/** Every route the app has mounted under /admin/api, from its routers' own tables (so none can hide). */
function mountedAdminRoutes(): string[] {
  const routers = t.system.app.middleware.map((m) => (m as { router?: Router }).router).filter((r): r is Router => r !== undefined);
  const out = new Set<string>();
  for (const router of routers) {
    for (const layer of router.stack) {
      const path = String(layer.path);
      if (!path.startsWith(ADMIN_API_PREFIX)) continue;
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) out.add(`${method} ${path.slice(ADMIN_API_PREFIX.length).replace(/\/$/, '')}`);
    }
  }
  return [...out].sort();
}

const concrete = (path: string) => path.replace(':id', String(path.startsWith('/editors') ? ids.editor : ids.content));

describe('the role of every /admin/api route', () => {
  it('when the app is built, then every mounted /admin/api route has an entry in ADMIN_ACCESS and every entry is mounted', () => {
    expect(mountedAdminRoutes()).toEqual(Object.keys(ADMIN_ACCESS).sort());
  });

  const cases = Object.entries(ADMIN_ACCESS).flatMap(([key, access]) =>
    (['anonymous', ...EDITOR_ROLES] as const).map((who) => {
      const allowed = access === 'anyone' || (who !== 'anonymous' && access.includes(who));
      const expected = allowed ? 'allowed' : who === 'anonymous' ? 'refused 401' : 'refused 403';
      return [key, who, expected] as const;
    }),
  );

  it.each(cases)('when %s is called by %s, then it is %s', async (key, who, expected) => {
    const [method, path] = key.split(' ') as [string, string];
    // A fresh session each time: logging out or changing a password must not end the next case's session.
    const client = who === 'anonymous' ? null : await logIn(t, `matrix-${who}`);
    // An empty body: an allowed caller gets past the role check and is stopped by validation, so nothing changes.
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    const res = client ? await client.call(method, concrete(path), body) : await callAdmin(t, method, concrete(path), body, {});
    if (expected === 'allowed') expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(expected === 'refused 401' ? 401 : 403);
  });
});
