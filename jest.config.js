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
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      testMatch: ['<rootDir>/server/test/**/*.test.ts'],
    },
  ],
};
