import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import { AppError } from '../errors';
import type { AppState } from './state';

export const MINIPROGRAM_PREFIX = '/m';

/** Build outputs named with a content hash (`app.1a2b3c4d.js`) never change: browsers may keep them for a year. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css)$/;
const HTML = 'text/html; charset=utf-8';
const TYPES: Record<string, string> = {
  '.html': HTML,
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>小程序尚未构建</title>
<p>小程序的网页版尚未构建。请在项目目录运行 <code>npm run build:h5 -w miniprogram</code>（<code>npm install</code> 也会自动构建），然后刷新本页。</p></html>`;

async function fileAt(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Serves the mini-program's H5 build (miniprogram/dist/h5) at /m/. Its router uses real paths
 * (/m/subsidy/detail/index?id=3), so any path that is not a file gets index.html (SPA fallback).
 */
export function miniProgramRouter(distDir: string): Router<AppState> {
  const root = path.resolve(distDir);
  // strict: /m and /m/ are different routes (the first redirects to the second).
  const router = new Router<AppState>({ strict: true });
  router.get(MINIPROGRAM_PREFIX, (ctx) => ctx.redirect(`${MINIPROGRAM_PREFIX}/`));
  router.get([`${MINIPROGRAM_PREFIX}/`, `${MINIPROGRAM_PREFIX}/{*rest}`], async (ctx) => {
    ctx.state.route = `${MINIPROGRAM_PREFIX}/`;
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(MINIPROGRAM_PREFIX.length + 1));
    } catch {
      throw new AppError(400, 'invalid_request', '请求地址的编码无效');
    }
    const asked = path.resolve(root, relative);
    const inside = relative === '' || (asked.startsWith(root + path.sep) && !relative.split('/').some((part) => part.startsWith('.')));
    const asset = inside ? await fileAt(asked) : null;
    if (asset && !asked.endsWith('index.html')) {
      ctx.type = TYPES[path.extname(asked)] ?? 'application/octet-stream';
      ctx.length = asset.size;
      ctx.set('Cache-Control', HASHED.test(asked) ? 'public, max-age=31536000, immutable' : 'no-cache');
      ctx.body = createReadStream(asked);
      return;
    }
    // Outside the build, a hidden file, or a missing asset (a stale page asking for an old build): a 404, not the app shell.
    if (!inside || (path.extname(relative) !== '' && path.extname(relative) !== '.html')) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: '文件不存在' } };
      return;
    }
    const index = path.join(root, 'index.html');
    const shell = await fileAt(index);
    ctx.type = HTML;
    // The shell names the current hashed files, so it is revalidated on every visit.
    ctx.set('Cache-Control', 'no-cache');
    if (!shell) {
      ctx.status = 503;
      ctx.body = NOT_BUILT;
      return;
    }
    ctx.length = shell.size;
    ctx.body = createReadStream(index);
  });
  return router;
}
