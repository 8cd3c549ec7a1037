// The end-to-end tests: headless Debian Chromium (never a downloaded browser) driving the
// playground, which runs the real built add-in against the mock Outlook. `npm run test:e2e`.
const { E2E_TIMEOUT_MS } = require('./e2e-paths');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/e2e/global-setup.js',
  testTimeout: E2E_TIMEOUT_MS,
  // One browser at a time: the machine is small and the tests share the built folder.
  maxWorkers: 1,
};
