// Setup file (vitest.config.ts `setupFiles`): removes every tempDir() of a test file after it, also when the
// file's own hooks or tests failed. Registered first, so with vitest's stacked hook order it runs last, after
// the file's afterAll hooks have stopped the servers and processes that use those dirs.
import { afterAll } from "vitest";
import { removeTempDirs } from "../helpers/tmp.js";

afterAll(removeTempDirs);
