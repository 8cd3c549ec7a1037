// ESLint is the correctness gate; Prettier owns the format.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const coreRestrictedGlobals = [
  'window',
  'document',
  'Office',
  'OfficeRuntime',
  'localStorage',
  'navigator',
  'self',
  'Worker',
  'process',
  'Buffer',
  'require',
].map((name) => ({ name, message: 'src/core is pure: no DOM, no Office, no Node. Pass data in instead.' }));

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'lib/', 'coverage/', 'test-output/', 'docs/**/*.html'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...coreRestrictedGlobals],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'os', 'react', 'react-dom', '**/outlook/**', '**/taskpane/**'] },
      ],
    },
  },
  {
    files: ['**/*.js', 'bin/*', 'scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
