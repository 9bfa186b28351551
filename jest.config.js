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
      // The mini-program's components in jsdom with @testing-library/react; Taro's components and API are
      // replaced by plain DOM and a fake API (miniprogram/test/components/mocks), platform files are the H5 ones.
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniprogram/test/components/**/*.test.tsx'],
      transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }] },
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/miniprogram/test/components/mocks/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/miniprogram/test/components/mocks/taro.ts',
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
