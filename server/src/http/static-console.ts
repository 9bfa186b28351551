import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import { ValidationError } from '../errors';
import { ADMIN_API_PREFIX } from './admin-access';
import type { AppState } from './state';

export const CONSOLE_PREFIX = '/admin';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>管理后台尚未构建</title>
<p>管理后台尚未构建。请在项目目录运行 <code>npm run build -w console</code>（<code>npm install</code> 也会自动构建），然后刷新本页。</p></html>`;

function decoded(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    throw new ValidationError('网址编码无效');
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/**
 * Serves the editor console's build (console/dist) at /admin: files under assets/ are named by their
 * content hash and cached for a year; any other path is a client route and gets index.html, which is
 * revalidated on every visit. /admin/api is never answered here. The CSP of /admin comes from
 * adminSecurityHeaders.
 */
export function consoleRouter(distDir: string): Router<AppState> {
  const root = path.resolve(distDir);
  const router = new Router<AppState>({ strict: true });
  router.get(CONSOLE_PREFIX, (ctx) => ctx.redirect(`${CONSOLE_PREFIX}/`));
  router.get([`${CONSOLE_PREFIX}/`, `${CONSOLE_PREFIX}/{*rest}`], async (ctx, next) => {
    if (ctx.path.startsWith(`${ADMIN_API_PREFIX}/`) || ctx.path === ADMIN_API_PREFIX) return next();
    ctx.state.route = `${CONSOLE_PREFIX}/`;
    const relative = decoded(ctx.path.slice(CONSOLE_PREFIX.length + 1));
    if (relative.startsWith('assets/')) {
      const asked = path.resolve(root, relative);
      const size = asked.startsWith(path.join(root, 'assets') + path.sep) ? await sizeOf(asked) : null;
      if (size === null) {
        // A stale page asking for an old build's file: a 404, not the app shell.
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: '文件不存在' } };
        return;
      }
      ctx.type = TYPES[path.extname(asked)] ?? 'application/octet-stream';
      ctx.length = size;
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.body = createReadStream(asked);
      return;
    }
    const index = path.join(root, 'index.html');
    const size = await sizeOf(index);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    if (size === null) {
      ctx.status = 503;
      ctx.body = NOT_BUILT;
      return;
    }
    ctx.length = size;
    ctx.body = createReadStream(index);
  });
  return router;
}
