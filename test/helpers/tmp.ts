// Temp dirs for tests. Every dir is named `mxops-<prefix>-XXXXXX` (so a leftover says where it came from) and
// is removed after its test file by the afterAll in test/setup/tmp-cleanup.ts, however the file ended; a
// process exit hook catches what a run outside vitest leaves. During `vitest run` os.tmpdir() is the run's own
// directory (test/setup/tmp-root.ts), and anything still in it when the run ends fails the run.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const made = new Set<string>();
let exitHook = false;

/** A fresh empty directory `mxops-<prefix>-XXXXXX` under os.tmpdir(), removed after the current test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `mxops-${prefix}-`));
  made.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", removeTempDirs);
  }
  return dir;
}

/** Remove `dir` now (recursively; a missing dir or `undefined` is fine). Never throws for a missing path. */
export function removeTempDir(dir: string | undefined): void {
  if (dir === undefined) return;
  rmSync(dir, { recursive: true, force: true });
  made.delete(dir);
}

/** Remove every directory tempDir made in this module instance that is still there. */
export function removeTempDirs(): void {
  for (const dir of [...made]) removeTempDir(dir);
}
