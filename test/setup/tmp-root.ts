// globalSetup (vitest.config.ts): the whole run writes its temp files into one fresh `mxops-run-XXXXXX`
// directory. TMPDIR points there before the workers start, so test files, the programs they spawn (git,
// ansible, python, openssl) and os.tmpdir() all use it, and runs of other checkouts on the same machine
// cannot be mistaken for leaks. The plain summary reporter counts what is left at the end of the run as
// failures; teardown then removes the directory, and fails the run itself if no reporter did.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { clearRunTempRoot, leftovers, leftoversReported, runTempRoot, setRunTempRoot } from "../helpers/tmp-root.js";

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const root = mkdtempSync(path.join(os.tmpdir(), "mxops-run-"));
  setRunTempRoot(root);
  process.env.TMPDIR = root;
  return () => {
    const left = runTempRoot() === root ? leftovers(root) : [];
    if (left.length > 0 && !leftoversReported()) {
      process.stderr.write(`\ntemp entries left by the tests (removed now): ${left.join(", ")}\n`);
      process.exitCode = 1;
    }
    rmSync(root, { recursive: true, force: true });
    clearRunTempRoot();
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  };
}
