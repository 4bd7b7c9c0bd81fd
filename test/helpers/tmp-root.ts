// The run's own temp directory, shared by the globalSetup that makes it (test/setup/tmp-root.ts) and the
// reporter that fails the run when something is left in it (plain-summary-reporter.ts). Both run in vitest's
// main process; they meet through environment variables because vitest may load them as separate modules.
import { readdirSync } from "node:fs";

const ROOT_VAR = "MXOPS_TEST_TMP_ROOT";
const OWNER_VAR = "MXOPS_TEST_TMP_OWNER";
const REPORTED_VAR = "MXOPS_TEST_TMP_REPORTED";

/** Record `root` as this process's run temp dir (workers inherit the variables; only this pid owns it). */
export function setRunTempRoot(root: string): void {
  process.env[ROOT_VAR] = root;
  process.env[OWNER_VAR] = String(process.pid);
}

/** Forget the run temp dir. */
export function clearRunTempRoot(): void {
  delete process.env[ROOT_VAR];
  delete process.env[OWNER_VAR];
  delete process.env[REPORTED_VAR];
}

/** Note that the leftovers of this run were counted and printed (by the plain summary reporter). */
export function markLeftoversReported(): void {
  process.env[REPORTED_VAR] = "1";
}

/** Whether markLeftoversReported was called in this run. */
export function leftoversReported(): boolean {
  return process.env[REPORTED_VAR] === "1";
}

/**
 * The run temp dir when this process made it; `undefined` otherwise — also in a vitest started by a test,
 * which inherits the variables but must not judge the outer run's directory.
 */
export function runTempRoot(): string | undefined {
  const root = process.env[ROOT_VAR];
  return root && process.env[OWNER_VAR] === String(process.pid) ? root : undefined;
}

/** Names of the entries left in `root`, sorted; empty when `root` is gone. */
export function leftovers(root: string): string[] {
  try {
    return readdirSync(root).sort();
  } catch {
    return [];
  }
}
