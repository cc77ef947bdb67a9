/** End-to-end tests in a real browser: `npm run test:e2e`. Kept apart from `npm test`. */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 180000,
  maxWorkers: 1,
};
