#!/usr/bin/env node
// milestone-release on a large history: N first-parent commits (default 5000, conventional subjects) and
// one milestone tag per 250 commits, built with git fast-import. Measures `mxops milestone-release --dry-run`
// (offline: tag annotation, previous tag, commit range, notes) against a same-run baseline of the git work
// any notes generator needs (cat-file of the tag + `git log --first-parent prev..tag`), both as fresh processes.
// Usage: node bench/milestone-release.mjs [N] [runs]     (bundles src/ on the fly; no dist/ needed)
// Target: <= 3x the baseline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const N = Number(process.argv[2] ?? 5000);
const RUNS = Number(process.argv[3] ?? 7);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "mxops-bench-release-"));
const repo = path.join(tmp, "repo");
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" };
const git = (args, input) => execFileSync("git", args, { cwd: repo, env, input, encoding: "utf8", maxBuffer: 1 << 28 });

execFileSync("git", ["init", "-q", "-b", "main", repo], { env });
const types = ["feat", "fix", "docs", "chore", "refactor"];
let stream = "";
const t0 = 1_780_000_000;
let last = 0;
for (let i = 1; i <= N; i++) {
  const msg = `${types[i % types.length]}(area${i % 7}): change number ${i}`;
  stream += `commit refs/heads/main\nmark :${i}\ncommitter dev <dev@example.org> ${t0 + i * 60} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
  if (last) stream += `from :${last}\n`;
  stream += `M 644 inline f${i % 50}.txt\ndata ${String(i).length + 1}\n${i}\n\n`;
  last = i;
  if (i % 250 === 0) {
    const m = i / 250;
    const tmsg = `M${m}: milestone ${m}\n\nBody of milestone ${m}.\n`;
    stream += `tag m${m}-step-complete\nfrom :${i}\ntagger dev <dev@example.org> ${t0 + i * 60} +0000\ndata ${Buffer.byteLength(tmsg)}\n${tmsg}\n`;
  }
}
git(["fast-import", "--quiet"], stream);
git(["checkout", "-q", "main"]);
const lastTag = `m${Math.floor(N / 250)}-step-complete`;
const prevTag = `m${Math.floor(N / 250) - 1}-step-complete`;

const cli = path.join(tmp, "cli.mjs");
await build({
  entryPoints: [path.join(root, "src/bin.ts")],
  outfile: cli,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});

function median(fn) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}
const baseline = () => {
  git(["cat-file", "tag", `refs/tags/${lastTag}`]);
  git(["log", "--first-parent", "--format=%H%x1f%s", `${prevTag}..${lastTag}`]);
  execFileSync(process.execPath, ["-e", "0"]);
};
const mxops = () =>
  execFileSync(
    process.execPath,
    [
      cli,
      "milestone-release",
      "--tag",
      lastTag,
      "--pattern",
      "m*-*-complete",
      "--dir",
      repo,
      "--dry-run",
      "--format",
      "json",
    ],
    { env, maxBuffer: 1 << 26 },
  );
baseline();
mxops();
const b = median(baseline);
const m = median(mxops);
const report = JSON.parse(mxops().toString());
console.log(`history: ${N} commits, ${Math.floor(N / 250)} milestone tags; runs per command (median): ${RUNS}`);
console.log(`baseline (node + git cat-file + git log)   ${b.toFixed(1)} ms  1.00x`);
console.log(`mxops milestone-release --dry-run          ${m.toFixed(1)} ms  ${(m / b).toFixed(2)}x  (target <= 3x)`);
console.log(
  `notes: ${report.results.commits} commits since ${report.results.previousTag}, ${report.results.release.body.length} chars`,
);
rmSync(tmp, { recursive: true, force: true });
