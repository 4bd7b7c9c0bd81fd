#!/usr/bin/env node
// Scaling benchmark: one ConfigMap (and one plaintext Secret) with N keys, for N and 4·N, through verify-config and
// sops-check from the library bundle built from src/. Linear work gives a ratio near 4; the quadratic paths that
// made 20,000 keys take minutes (the yaml parser's own duplicate-key check, normalising every sibling key per key)
// gave 16 or more. Prints medians and the 4·N / N ratio per task.
// Usage: node bench/big-configmap.mjs [--keys 5000] [--rounds 3]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { arg, importLibrary } from "./lib.mjs";

const KEYS = arg("--keys", 5_000);
const ROUNDS = arg("--rounds", 3);

const tmp = mkdtempSync(path.join(os.tmpdir(), "mxops-bench-cm-"));
try {
  const lib = await importLibrary(tmp);

  const repoWith = (n) => {
    const dir = mkdtempSync(path.join(tmp, `repo-${n}-`));
    const keys = Array.from({ length: n }, (_, i) => `  key${i}: value${i}`).join("\n");
    writeFileSync(
      path.join(dir, "cm.yaml"),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys}\n`,
    );
    writeFileSync(
      path.join(dir, "secret.yaml"),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n${keys}\n`,
    );
    return dir;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (fn) => {
    const xs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  console.log(`big-configmap bench: ${KEYS} and ${4 * KEYS} keys, ${ROUNDS} rounds, medians`);
  const small = repoWith(KEYS);
  const large = repoWith(4 * KEYS);
  for (const [name, run] of [
    ["verify-config", (root) => lib.verifyConfig({ root }, lib.defaultDeps({ cwd: root }))],
    ["sops-check", (root) => lib.sopsCheck({ root }, lib.defaultDeps({ cwd: root }))],
  ]) {
    const a = await time(() => run(small));
    const b = await time(() => run(large));
    console.log(
      `  ${name.padEnd(14)} ${a.toFixed(0).padStart(6)} ms → ${b.toFixed(0).padStart(6)} ms   ${(b / a).toFixed(1)}× for 4× keys (linear ≈ 4)`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
