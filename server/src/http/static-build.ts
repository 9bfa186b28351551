import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import { ValidationError } from '../errors';
import type { AppState } from './state';

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

export interface StaticBuild {
  /** Where the build is served, without the trailing slash: `/m`. */
  prefix: string;
  distDir: string;
  /** The page answered (503) while the build has not been made: says how to make it. */
  notBuilt: string;
  /** Whether a file (path relative to the build) is named by its content hash, so browsers may keep it for a year. */
  immutable: (relative: string) => boolean;
  /** A path under `prefix` that is not the build's, left to the routers after this one (the console's /admin/api). */
  passThrough?: string;
}

async function fileAt(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Serves a single-page app's build at `prefix`/: a file of the build is served as it is; any other path
 * is a client route and gets index.html (revalidated on every visit, as it names the current hashed
 * files), except a path that names a missing file (a stale page asking for an old build's asset), a
 * hidden file, or one outside the build: those get 404, not the app shell.
 */
export function staticBuildRouter({ prefix, distDir, notBuilt, immutable, passThrough }: StaticBuild): Router<AppState> {
  const root = path.resolve(distDir);
  // strict: /m and /m/ are different routes (the first redirects to the second).
  const router = new Router<AppState>({ strict: true });
  router.get(prefix, (ctx) => ctx.redirect(`${prefix}/`));
  router.get([`${prefix}/`, `${prefix}/{*rest}`], async (ctx, next) => {
    if (passThrough !== undefined && (ctx.path === passThrough || ctx.path.startsWith(`${passThrough}/`))) return next();
    ctx.state.route = `${prefix}/`;
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(prefix.length + 1));
    } catch {
      throw new ValidationError('请求地址的编码无效');
    }
    const asked = path.resolve(root, relative);
    const inside = relative === '' || (asked.startsWith(root + path.sep) && !relative.split('/').some((part) => part.startsWith('.')));
    const asset = inside ? await fileAt(asked) : null;
    if (asset && !asked.endsWith('index.html')) {
      ctx.type = TYPES[path.extname(asked)] ?? 'application/octet-stream';
      ctx.length = asset.size;
      ctx.set('Cache-Control', immutable(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
      ctx.body = createReadStream(asked);
      return;
    }
    if (!inside || (path.extname(relative) !== '' && path.extname(relative) !== '.html')) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: '文件不存在' } };
      return;
    }
    const index = path.join(root, 'index.html');
    const shell = await fileAt(index);
    ctx.type = HTML;
    ctx.set('Cache-Control', 'no-cache');
    if (!shell) {
      ctx.status = 503;
      ctx.body = notBuilt;
      return;
    }
    ctx.length = shell.size;
    ctx.body = createReadStream(index);
  });
  return router;
}
