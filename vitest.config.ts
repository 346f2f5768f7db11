import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // hang guards, not speed limits (speed is measured in bench/): a loaded 2-core CI machine runs 5-10× slower
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
