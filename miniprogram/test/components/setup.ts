/**
 * What the H5 build defines at compile time (webpack5-runner's H5WebpackPlugin and config/index.ts). Taro's
 * runtime reads `process.env.TARO_PLATFORM` when its modules load: without 'web' it builds its own
 * mini-program DOM and nothing reaches jsdom.
 */
Object.assign(process.env, { TARO_ENV: 'h5', TARO_PLATFORM: 'web', FRAMEWORK: 'react', SUPPORT_TARO_POLYFILL: 'disabled', SUPPORT_DINGTALK_NAVIGATE: 'disabled' });
Object.assign(globalThis, {
  // The H5 build talks to its own origin.
  API_BASE: '',
  DEPRECATED_ADAPTER_COMPONENT: false,
  // Taro's config macros, evaluated when app.config.ts or a page's config is imported.
  defineAppConfig: (c: object) => c,
  definePageConfig: (c: object) => c,
});
