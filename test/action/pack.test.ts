// `npm pack` → `npm install <tarball>` in an empty project → `npx mxops` and `import("mxops")` work, the way a
// user installs a release tarball. dist/ is built from the current source into a staging copy of the package
// with src/build/bundle.mjs (minus the slow .d.ts pass; the repository's dist/ may be stale between rebuilds).
// The install runs with an empty npm cache and no network: the tarball's dependencies come from a local
// registry on 127.0.0.1 (test/fakes/npm-registry.ts) that serves the project's own installed production
// dependencies, so npm resolves, fetches and links them (including node_modules/.bin/mxops) itself.
import { execFile } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDist } from "../../src/build/bundle.mjs";
import { FakeNpmRegistry } from "../fakes/npm-registry.js";
import { tempDir } from "../helpers/tmp.js";

const root = process.cwd();
const tmp = tempDir("pack");
const registry = new FakeNpmRegistry();
/** npm settings for every call: a fresh cache and config, the local registry, no telemetry. */
let npmEnv: NodeJS.ProcessEnv = {};

function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...process.env, ...npmEnv, ...env }, encoding: "utf8", timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let installed = "";
let tarball = "";
let packedFiles: string[] = [];

beforeAll(async () => {
  const cache = path.join(tmp, "npm-cache");
  const userconfig = path.join(tmp, "npmrc");
  mkdirSync(cache);
  writeFileSync(userconfig, "");
  await registry.start();
  npmEnv = {
    npm_config_cache: cache,
    npm_config_userconfig: userconfig,
    npm_config_registry: `${registry.url}/`,
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
  registry.serveDependenciesOf(root);

  const stage = path.join(tmp, "stage");
  mkdirSync(stage);
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] };
  writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2));
  for (const f of pkg.files) {
    const src = path.join(root, f);
    if (!f.startsWith("dist") && existsSync(src)) cpSync(src, path.join(stage, f), { recursive: true });
  }
  await buildDist(path.join(stage, "dist"), { declarations: false });
  installed = path.join(tmp, "empty");
  mkdirSync(installed);
  const packed = await sh("npm", ["pack", "--json", "--pack-destination", installed], stage);
  expect(packed.code, packed.stderr).toBe(0);
  const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(installed, info[0].filename);
  packedFiles = info[0].files.map((f) => f.path);
  // The README's `npm install ./mxops-<version>.tgz`, with nothing cached and only the local registry reachable.
  const inst = await sh("npm", ["install", `./${info[0].filename}`], installed);
  expect(inst.code, inst.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await registry.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("npm package", () => {
  it("ships the CLI, the Action, the library and the docs, and no sources or tests", async () => {
    const list = await sh("tar", ["-tzf", tarball], tmp);
    const files = list.stdout
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    for (const f of [
      "dist/cli.js",
      "dist/action.js",
      "dist/lib/index.js",
      "action.yml",
      "README.md",
      "LICENSE",
      "docs/rules/release.md",
      "package.json",
      "NOTICE.md",
      "dist/licenses.txt",
    ])
      expect(files).toContain(f);
    expect(packedFiles.sort()).toEqual(files.sort());
    // The README's install line for a packed tarball is exactly what beforeAll ran.
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(path.basename(tarball)).toBe(`mxops-${version}.tgz`);
    expect(readFileSync("README.md", "utf8")).toContain(`npm install ./${path.basename(tarball)}`);
    const licenses = readFileSync(path.join(installed, "node_modules/mxops/dist/licenses.txt"), "utf8");
    for (const dep of ["yaml", "nodemailer", "@actions/core"]) expect(licenses).toContain(`\n- ${dep} `);
    expect(files.some((f) => f.startsWith("dist/data/"))).toBe(true);
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("examples/"))).toEqual([]);
  });

  it("installs the dependencies from the registry and links the mxops command like npm does", () => {
    for (const dep of ["yaml", "age-encryption", "@actions/core", "openid-client"])
      expect(existsSync(path.join(installed, "node_modules", dep, "package.json")), dep).toBe(true);
    expect(lstatSync(path.join(installed, "node_modules/.bin/mxops")).isSymbolicLink()).toBe(true);
    expect(registry.requests.some((r) => r.path === "/yaml")).toBe(true);
    expect(registry.violations).toEqual([]);
  });

  it("npx mxops --help and npx mxops sops-check work from the installed tarball", async () => {
    const help = await sh("npx", ["--offline", "--no-install", "mxops", "--help"], installed);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("milestone-release");
    const repo = path.join(installed, "gitops");
    cpSync(path.join(root, "examples/gitops"), repo, { recursive: true });
    const check = await sh("npx", ["--offline", "--no-install", "mxops", "sops-check"], repo);
    expect(check.stderr).not.toMatch(/internal error|not implemented/);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("sops-check");
    const json = await sh(
      "npx",
      [
        "--offline",
        "--no-install",
        "mxops",
        "milestone-release",
        "--tag",
        "m1-x-complete",
        "--dry-run",
        "--format",
        "json",
      ],
      repo,
    );
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/tag m1-x-complete not found/);
  });

  it("exports the library entry point", async () => {
    const r = await sh(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        "const m = await import('mxops'); console.log(typeof m.MxopsError, typeof m.render, m.VERSION)",
      ],
      installed,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^function function \d+\.\d+\.\d+/);
  });
});
