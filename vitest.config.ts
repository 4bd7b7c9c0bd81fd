import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores in CI: keep parallelism modest so servers started by tests are not starved.
    maxWorkers: 2,
    // The run's own temp dir (TMPDIR); whatever the tests leave in it fails the run.
    globalSetup: ["./test/setup/tmp-root.ts"],
    // Removes each file's tempDir()s after the file, however it ended.
    setupFiles: ["./test/setup/tmp-cleanup.ts"],
    reporters: ["default", "./test/helpers/plain-summary-reporter.ts"],
  },
});
