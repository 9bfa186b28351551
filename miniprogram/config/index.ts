import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One config for both targets. Per-build settings come from TARO_APP_* variables (shell or .env.<mode>):
 * TARO_APP_API_BASE is where the API is (H5: same origin by default, since the server serves it at /m/;
 * weapp: a local server for WeChat DevTools by default), TARO_APP_ID is the mini-program appid that Taro
 * writes into dist/weapp/project.config.json.
 */
export default defineConfig<'webpack5'>(() => {
  const h5 = process.env.TARO_ENV === 'h5';
  const apiBase = process.env.TARO_APP_API_BASE ?? (h5 ? '' : 'http://127.0.0.1:3000');
  // The shared zod schemas are TypeScript sources in the workspace: compile them like our own.
  const shared = path.resolve(__dirname, '../../shared/src');
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'zhenjiang-hrss',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: h5 ? 'dist/h5' : 'dist/weapp',
    plugins: [],
    defineConstants: { API_BASE: JSON.stringify(apiBase) },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache (node_modules/.cache): a rebuild after a small change takes seconds.
    cache: { enable: true },
    mini: {
      compile: { include: [shared] },
      postcss: { pxtransform: { enable: true, config: {} } },
    },
    h5: {
      compile: { include: [shared] },
      publicPath: '/m/',
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/m' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: { autoprefixer: { enable: true, config: {} } },
      devServer: { host: '127.0.0.1', port: 10086 },
      // Taro splits only initial chunks, so every lazily loaded page carried its own copy of zod and the
      // shared schemas (~200 KB each): code used by two or more pages goes into one shared chunk instead.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          ...(chain.optimization.get('splitChunks') as object),
          cacheGroups: {
            ...((chain.optimization.get('splitChunks') as { cacheGroups?: object }).cacheGroups ?? {}),
            pages: { name: 'pages-common', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
          },
        });
      },
    },
  };
  return config;
});
