// Test runner settings: node environment, tests mirror src/ under tests/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds dist/ once for the tests that run bin/tracker.js.
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
