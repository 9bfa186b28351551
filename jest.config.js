/** Unit tests sit next to the code; integration tests live in server/test and get a real database each. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  // Integration tests start real databases and servers; under two busy workers a PGlite start takes seconds.
  testTimeout: 30_000,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  projects: [
    { displayName: 'unit', testEnvironment: 'node', transform: { '^.+\\.ts$': swc }, testMatch: ['<rootDir>/shared/src/**/*.test.ts', '<rootDir>/server/src/**/*.test.ts', '<rootDir>/bench/**/*.test.ts', '<rootDir>/miniprogram/src/**/*.test.ts', '<rootDir>/miniprogram/test/**/*.test.ts'] },
    {
      // The mini-program's pages and components in jsdom with @testing-library/react, on the H5 runtime as the
      // H5 build bundles it: @tarojs/taro is taro-h5 with the React page hooks, @tarojs/components the real
      // web components with their React wrappers, platform files the H5 ones. Only the network is faked.
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniprogram/test/components/**/*.test.tsx'],
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }],
        // Taro and the libraries its web components use ship ES modules only (swiper as .mjs).
        '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      transformIgnorePatterns: ['^(?!.*/node_modules/(@tarojs|@stencil|lodash-es|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj|universal-router|path-to-regexp|nanoid)/).*/node_modules/'],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/miniprogram/test/components/runtime/taro.ts',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.css$': '<rootDir>/miniprogram/test/components/mocks/style.ts',
        '^(\\.{1,2}/.*platform/[^/.]+)$': '$1.h5',
      },
      setupFiles: ['<rootDir>/miniprogram/test/components/setup.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
    },
  ],
};
