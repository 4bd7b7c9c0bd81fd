#!/usr/bin/env node
// Cold start of the CLI against bare Node, measured in the same run, plus the Action bundle's size.
// Usage: node bench/cold-start.mjs [runs]   (uses dist/; run `npm run build` first)
// Targets: `mxops --version` <= 2.5x `node -e 0`; dist/action.js <= 2.5 MB.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";

const runs = Number(process.argv[2] ?? 20);
function time(args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(process.execPath, args, { stdio: "ignore" });
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}
// Interleave warm-up so both commands see the same file-cache state.
time(["-e", "0"]);
time(["dist/cli.js", "--version"]);
const floor = time(["-e", "0"]);
const cli = time(["dist/cli.js", "--version"]);
const help = time(["dist/cli.js", "sops-check", "--help"]);
const mb = (f) => statSync(f).size / 1e6;
console.log(`runs per command (median): ${runs}`);
console.log(`node -e 0                  ${floor.toFixed(1)} ms  1.00x`);
console.log(`mxops --version            ${cli.toFixed(1)} ms  ${(cli / floor).toFixed(2)}x  (target <= 2.5x)`);
console.log(`mxops sops-check --help    ${help.toFixed(1)} ms  ${(help / floor).toFixed(2)}x`);
console.log(`dist/cli.js                ${mb("dist/cli.js").toFixed(2)} MB`);
console.log(`dist/action.js             ${mb("dist/action.js").toFixed(2)} MB  (target <= 2.5 MB)`);
