// Jest runs our TypeScript/TSX as native ESM through swc (known-good per the HubSpot reference:
// Jest 30 + @swc/jest + extensionsToTreatAsEsm + --experimental-vm-modules).
/** @type {import('jest').Config} */
export default {
  // Node plus one PGlite per worker, shared by the worker's test files (test/support/test-database.ts).
  testEnvironment: '<rootDir>/test/support/worker-pglite-environment.js',
  roots: ['<rootDir>/test', '<rootDir>/extensions'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@hubspot/ui-extensions|@remote-ui|tinyspy)/)'],
  // A liveness bound (a hung test fails instead of stalling the run), not a speed requirement: two
  // suites side by side on a busy two-core machine must still pass.
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  // Each worker gets its own in-memory PGlite (or its own schema on PostgreSQL); two cores here.
  maxWorkers: process.env.CI ? 2 : '50%',
};
