import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores in CI: keep parallelism modest so servers started by tests are not starved.
    maxWorkers: 2,
    reporters: ["default", "./test/helpers/plain-summary-reporter.ts"],
  },
});
