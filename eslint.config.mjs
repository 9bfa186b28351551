import js from '@eslint/js';
import n from 'eslint-plugin-n';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**', 'server/src/db/migrations/**', 'miniprogram/.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { n },
    rules: {
      // Settings come from server/src/config.ts only, parsed and typed once.
      'n/no-process-env': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  { files: ['server/src/config.ts'], rules: { 'n/no-process-env': 'off' } },
  // The mini-program's build settings come from TARO_APP_* variables at build time (its only settings); its tests build it.
  { files: ['miniprogram/config/**', 'miniprogram/test/**'], rules: { 'n/no-process-env': 'off' } },
  { files: ['**/*.test.ts', 'server/test/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly' } } },
);
