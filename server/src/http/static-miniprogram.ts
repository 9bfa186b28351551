import type Router from '@koa/router';
import { staticBuildRouter } from './static-build';
import type { AppState } from './state';

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>小程序尚未构建</title>
<p>小程序的网页版尚未构建。请在项目目录运行 <code>npm run build:h5 -w miniprogram</code>（<code>npm install</code> 也会自动构建），然后刷新本页。</p></html>`;

/** Taro names its build outputs with a content hash: `js/app.1a2b3c4d.js`. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css)$/;

/**
 * Serves the mini-program's H5 build (miniprogram/dist/h5) at /m/. Its router uses real paths
 * (/m/subsidy/detail/index?id=3), which get the app shell.
 */
export function miniProgramRouter(distDir: string): Router<AppState> {
  return staticBuildRouter({ prefix: '/m', distDir, notBuilt: NOT_BUILT, immutable: (relative) => HASHED.test(relative) });
}
