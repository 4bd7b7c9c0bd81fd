// The closing `tests:` line agrees with vitest's exit status: real `vitest run`s of a throw-away project with
// one kind of outcome per file (pass, fail, throwing hooks, import error, unhandled rejection, skip, todo).
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./tmp.js";

const VITEST = path.resolve("node_modules/vitest/vitest.mjs");
const REPORTER = path.resolve("test/helpers/plain-summary-reporter.ts");
const TMP_ROOT_SETUP = path.resolve("test/setup/tmp-root.ts");
const TMP_CLEANUP = path.resolve("test/setup/tmp-cleanup.ts");
const TMP_HELPER = path.resolve("test/helpers/tmp.ts");

// Throw-away test projects the reporter runs on (text, not tests of this suite): their `.skip` and `.todo` are
// what the skipped count is checked with.
const FILES: Record<string, string> = {
  "pass.test.mjs": `test("passes", () => {});\ntest.skip("skipped on purpose", () => {});\ntest.todo("to do");\n`,
  "fail.test.mjs": `test("fails", () => { throw new Error("expected failure"); });\n`,
  "hook-suite.test.mjs": `describe("setup fails", () => {
  beforeAll(() => { throw new Error("beforeAll failed"); });
  test("a", () => {});
  test("b", () => {});
  test("c", { skip: true }, () => {});
});
test("outside the suite", () => {});
`,
  "hook-file.test.mjs": `beforeAll(() => { throw new Error("file beforeAll failed"); });\ntest("x", () => {});\ntest("y", () => {});\n`,
  "import-error.test.mjs": `import "./does-not-exist.mjs";\ntest("never collected", () => {});\n`,
  "unhandled.test.mjs": `test("passes but leaves a rejection", async () => {
  void Promise.reject(new Error("nobody waits for this"));
  await new Promise((resolve) => setTimeout(resolve, 50));
});
`,
  "after-all.test.mjs": `afterAll(() => { throw new Error("afterAll failed"); });\ntest("passes", () => {});\n`,
  "after-each.test.mjs": `afterEach(() => { throw new Error("afterEach failed"); });\ntest("passes its body", () => {});\n`,
};

// Run with the project's temp-dir machinery (globalSetup run dir, per-file cleanup), in their own root.
const TEMP_FILES: Record<string, string> = {
  "leaks.test.mjs": `import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
test("passes but leaves a dir behind", () => { mkdtempSync(path.join(os.tmpdir(), "mxops-leaky-")); });
`,
  "cleans.test.mjs": `import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from ${JSON.stringify(TMP_HELPER)};
let dir;
beforeAll(() => { dir = tempDir("kept-until-the-end"); writeFileSync(path.join(dir, "f"), "x"); throw new Error("setup failed"); });
test("never runs", () => {});
`,
};

let project: string;

beforeAll(() => {
  project = tempDir("reporter");
  for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(project, name), text);
  // Plain object config: the throw-away project has no node_modules to import vitest/config from.
  writeFileSync(
    path.join(project, "vitest.config.mjs"),
    `export default { test: { globals: true, include: ["*.test.mjs"], maxWorkers: 1, reporters: ["default", ${JSON.stringify(REPORTER)}] } };\n`,
  );
  const temp = path.join(project, "temp");
  mkdirSync(temp);
  for (const [name, text] of Object.entries(TEMP_FILES)) writeFileSync(path.join(temp, name), text);
  writeFileSync(
    path.join(temp, "vitest.config.mjs"),
    `export default { test: { globals: true, include: ["*.test.mjs"], maxWorkers: 1, globalSetup: [${JSON.stringify(TMP_ROOT_SETUP)}], setupFiles: [${JSON.stringify(TMP_CLEANUP)}], reporters: ["default", ${JSON.stringify(REPORTER)}] } };\n`,
  );
});

interface Run {
  code: number;
  stdout: string;
  passed: number;
  failed: number;
  skipped: number;
}

function vitest(filters: string[], options: { root?: string; tmpdir?: string } = {}): Promise<Run> {
  const root = options.root ?? project;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  // The outer run's worker variables would confuse the inner vitest.
  for (const k of Object.keys(env)) if (k.startsWith("VITEST") || k === "TEST") delete env[k];
  if (options.tmpdir) env.TMPDIR = options.tmpdir;
  const args = [VITEST, "run", "--config", path.join(root, "vitest.config.mjs"), "--root", root, ...filters];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      if (typeof code !== "number") return reject(err ?? new Error("no exit code"));
      const lines = stdout.split("\n").filter((l) => /^tests: /.test(l));
      const m = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(lines[0] ?? "");
      if (lines.length !== 1 || !m) return reject(new Error(`expected one tests: line, got:\n${stdout}`));
      // CI reads the last line of output.
      if (stdout.trimEnd().split("\n").at(-1) !== lines[0]) return reject(new Error(`tests: is not last:\n${stdout}`));
      resolve({ code, stdout, passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) });
    });
  });
}

function agrees(r: Run): void {
  expect(r.code === 0, `exit ${r.code} with ${r.failed} failed:\n${r.stdout}`).toBe(r.failed === 0);
}

// Each case starts a whole vitest (a few seconds each on a busy machine).
describe("plain summary reporter", { timeout: 120_000 }, () => {
  it("passes a clean run; .skip and .todo count as skipped", async () => {
    const r = await vitest(["pass.test.mjs"]);
    expect([r.code, r.passed, r.failed, r.skipped]).toEqual([0, 1, 0, 2]);
  });

  it("counts a failing test", async () => {
    const r = await vitest(["fail.test.mjs"]);
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([0, 1, 0]);
  });

  it("counts the tests a throwing beforeAll kept from running as failed, not skipped", async () => {
    const r = await vitest(["hook-suite.test.mjs", "hook-file.test.mjs"]);
    agrees(r);
    // a, b (suite) and x, y (file) did not run; only the .skip is skipped.
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 4, 1]);
    expect(r.stdout).toMatch(/hook-suite\.test\.mjs > setup fails: beforeAll failed; 2 test\(s\) did not run/);
  });

  it("counts a test file that cannot be imported", async () => {
    const r = await vitest(["import-error.test.mjs"]);
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([0, 1, 0]);
  });

  it("counts an unhandled rejection", async () => {
    const r = await vitest(["unhandled.test.mjs"]);
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 1, 0]);
    expect(r.stdout).toContain("nobody waits for this");
  });

  it("counts a throwing afterAll and a throwing afterEach", async () => {
    const r = await vitest(["after-all.test.mjs", "after-each.test.mjs"]);
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 2, 0]);
  });

  it("adds everything up in one run", async () => {
    const r = await vitest([]);
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([4, 9, 3]);
  });

  it("counts a run that finds no test files as failed", async () => {
    const r = await vitest(["no-such-file"]);
    agrees(r);
    expect(r.failed).toBe(1);
  });

  it("fails a run that leaves something in its temp dir, naming it, and removes it", async () => {
    const tmp = tempDir("reporter-tmp");
    const r = await vitest(["leaks.test.mjs"], { root: path.join(project, "temp"), tmpdir: tmp });
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([1, 1, 0]);
    expect(r.stdout).toMatch(/left in the run's temp dir: mxops-leaky-\w+/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("removes a file's tempDir()s after it, also when its beforeAll failed", async () => {
    const tmp = tempDir("reporter-tmp");
    const r = await vitest(["cleans.test.mjs"], { root: path.join(project, "temp"), tmpdir: tmp });
    agrees(r);
    expect([r.passed, r.failed, r.skipped]).toEqual([0, 1, 0]);
    expect(r.stdout).not.toContain("left in the run's temp dir");
    expect(readdirSync(tmp)).toEqual([]);
  });
});
