import type Router from '@koa/router';
import { ADMIN_API_PREFIX } from './admin-access';
import { staticBuildRouter } from './static-build';
import type { AppState } from './state';

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>管理后台尚未构建</title>
<p>管理后台尚未构建。请在项目目录运行 <code>npm run build -w console</code>（<code>npm install</code> 也会自动构建），然后刷新本页。</p></html>`;

/**
 * Serves the editor console's build (console/dist) at /admin: Vite names everything under assets/ by
 * its content hash. /admin/api is left to the editors' API. The CSP of /admin comes from
 * adminSecurityHeaders.
 */
export function consoleRouter(distDir: string): Router<AppState> {
  return staticBuildRouter({
    prefix: '/admin',
    distDir,
    notBuilt: NOT_BUILT,
    immutable: (relative) => relative.startsWith('assets/'),
    passThrough: ADMIN_API_PREFIX,
  });
}
