import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Folders whose tests only call pure code in-process (no server, no environment, no mocks): their files
 * share one module cache per worker instead of importing src/ anew in a fresh process per file.
 */
const IN_PROCESS = ['core', 'analysis', 'generate'].map((folder) => `test/${folder}/**/*.test.ts`);

export default defineConfig({
  test: {
    // hang guards, not speed limits (speed is measured in bench/): a loaded 2-core CI machine runs 5-10× slower
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default, one worker fewer than the cores, is one worker on CI's 2 cores: idle while a test
    // waits for a server, Chromium, music21 or fluidsynth that the other core could be running beside it
    maxWorkers: availableParallelism(),
    projects: [
      { extends: true, test: { name: 'in-process', include: IN_PROCESS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: IN_PROCESS } },
    ],
  },
});
