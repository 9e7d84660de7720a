// Jest runs our TypeScript/TSX as native ESM through swc (known-good per the HubSpot reference:
// Jest 30 + @swc/jest + extensionsToTreatAsEsm + --experimental-vm-modules).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
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
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  // Each worker gets its own in-memory PGlite (or its own schema on PostgreSQL); two cores here.
  maxWorkers: process.env.CI ? 2 : '50%',
};
