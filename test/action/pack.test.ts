// `npm pack` → install the tarball into an empty directory without network → `npx mxops` works.
// dist/ is built from the current source into a staging copy of the package (the repository's dist/ may be
// stale between the lead's rebuilds); the build mirrors src/build/bundle.mjs minus the .d.ts pass, which is
// slow and not needed to prove `bin`, `exports` and `files`. The install uses npm's offline cache, which
// `npm ci` fills in CI and on every dev machine.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.js";

const root = process.cwd();
const tmp = tempDir("pack");
const banner =
  "import { createRequire as __mxopsCreateRequire } from 'node:module'; const require = __mxopsCreateRequire(import.meta.url);";

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
      {
        cwd,
        env: {
          ...process.env,
          npm_config_audit: "false",
          npm_config_fund: "false",
          npm_config_update_notifier: "false",
          ...env,
        },
        encoding: "utf8",
        timeout: 120_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

let installed = "";
let tarball = "";

beforeAll(async () => {
  const stage = path.join(tmp, "stage");
  mkdirSync(stage);
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] };
  writeFileSync(path.join(stage, "package.json"), JSON.stringify(pkg, null, 2));
  for (const f of pkg.files) {
    const src = path.join(root, f);
    if (!f.startsWith("dist") && existsSync(src)) cpSync(src, path.join(stage, f), { recursive: true });
  }
  const common = {
    bundle: true,
    platform: "node" as const,
    target: "node20",
    format: "esm" as const,
    legalComments: "none" as const,
    logLevel: "error" as const,
  };
  await build({
    ...common,
    entryPoints: ["src/bin.ts"],
    outfile: path.join(stage, "dist/cli.js"),
    banner: { js: `#!/usr/bin/env node\n${banner}` },
  });
  await build({
    ...common,
    entryPoints: ["src/action-main.ts"],
    outfile: path.join(stage, "dist/action.js"),
    banner: { js: banner },
  });
  await build({
    ...common,
    entryPoints: ["src/index.ts"],
    outfile: path.join(stage, "dist/lib/index.js"),
    packages: "external",
  });
  cpSync("src/data", path.join(stage, "dist/data"), {
    recursive: true,
    filter: (s) => !s.endsWith(".mjs") && !s.endsWith(".md"),
  });
  const packed = await sh("npm", ["pack", "--json", "--pack-destination", tmp], stage);
  expect(packed.code, packed.stderr).toBe(0);
  const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info[0].filename);
  installed = path.join(tmp, "empty");
  mkdirSync(installed);
  // No network: everything must come from the tarball and npm's cache.
  const inst = await sh(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball],
    installed,
  );
  expect(inst.code, inst.stderr).toBe(0);
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

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
    ])
      expect(files).toContain(f);
    expect(files.some((f) => f.startsWith("dist/data/"))).toBe(true);
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.startsWith("examples/"))).toEqual([]);
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
