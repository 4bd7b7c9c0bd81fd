// Entry-point fuzzing: mutated repository files through the real CLI edge. Whatever the content, the run ends
// with exit 0 or 1 and a report; stderr holds at most warning lines — no internal error, no stack trace.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { FUZZ_SEED, FUZZ_TIMEOUT, mutatedText } from "../helpers/fuzz.js";
import { tempDir } from "../helpers/tmp.js";

const RUNS = Math.max(150, Math.floor(Number(process.env.MXOPS_FUZZ_RUNS ?? 0) / 50));
const seeds = [
  "examples/gitops/apps/matrix/helmrelease.yaml",
  "examples/gitops/apps/matrix/ess-values.yaml",
  "examples/gitops/apps/matrix/ess-secret-values.sops.yaml",
  "examples/gitops/clusters/home/flux-system/apps.yaml",
  "examples/gitops/.sops.yaml",
].map((f) => ({ name: path.basename(f), text: readFileSync(f, "utf8") }));
const dir = tempDir("fuzz-cli");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI entry points under hostile repository content", { timeout: FUZZ_TIMEOUT }, () => {
  for (const task of ["sops-check", "verify-config"]) {
    it(`${task}: exit 0/1 with a parseable report, never an internal error`, async () => {
      const key = readFileSync("examples/demo-age-key.txt", "utf8");
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...seeds), fc.nat(), async (seed, salt) => {
          const [text] = fc.sample(mutatedText([seed.text]), { numRuns: 1, seed: salt });
          const root = path.join(dir, `${task}-${salt}`);
          mkdirSync(root, { recursive: true });
          for (const s of seeds) writeFileSync(path.join(root, s.name), s === seed ? text : s.text);
          const r = await cli([task, root, "--format", "json"], { SOPS_AGE_KEY: key });
          expect([0, 1], r.stderr).toContain(r.code);
          expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
          for (const line of r.stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^mxops: warning: /);
          expect(r.stdout).not.toMatch(/internal error|rule-failed|at .*\.ts:\d+/);
          rmSync(root, { recursive: true, force: true });
        }),
        { numRuns: RUNS, seed: FUZZ_SEED },
      );
    });
  }
});
