// What config/index.ts defines at build time: the H5 build talks to its own origin.
(globalThis as { API_BASE?: string }).API_BASE = '';
// Taro's page config macro, evaluated when a page module is imported.
(globalThis as { definePageConfig?: (c: object) => object }).definePageConfig = (c) => c;
