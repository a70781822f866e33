import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e tests spawn the CLI, git and node: on a loaded 2-core CI machine they run 5-10x slower than
    // idle (the slowest without a timeout of their own take 8 s there). A longer limit costs nothing
    // when a test passes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on this 2-core machine is one worker (cores - 1), and most e2e time is
    // spent waiting on spawned CLIs: two workers keep both cores busy.
    maxWorkers: 2,
    // One fork per worker, reused across files: no test mocks modules, changes process.env or the
    // working directory for longer than one call (test/helpers/in-process.ts puts them back), so a
    // fresh fork per file only re-imported vitest and the sources (the unit suite: 104 s → 39 s of CPU).
    isolate: false,
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
