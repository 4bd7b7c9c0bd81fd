// Builds dist/: self-contained ESM bundles for the CLI and the Action, the library bundle with
// declarations, the shipped data files and the third-party licence notices of everything bundled.
// Output is deterministic so CI can detect a stale dist/. `node src/build/bundle.mjs` builds ./dist;
// the package test imports buildDist to build a staging copy.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { thirdPartyNotices } from "./licenses.mjs";

const banner = {
  js: "import { createRequire as __mxopsCreateRequire } from 'node:module'; const require = __mxopsCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  banner,
};

/**
 * Build the distribution into `outDir` (replaced). Sources are read relative to the current directory.
 * @param {string} outDir
 * @param {{ declarations?: boolean }} [options] `declarations: false` skips the .d.ts pass (tsc, slow).
 * @returns {Promise<void>}
 * @throws {Error} from esbuild or tsc, or when a bundled package ships no licence file.
 */
export async function buildDist(outDir, options = {}) {
  const out = (f) => path.join(outDir, f);
  rmSync(outDir, { recursive: true, force: true });
  const cli = await build({
    ...common,
    entryPoints: ["src/bin.ts"],
    outfile: out("cli.js"),
    minify: true,
    metafile: true,
    banner: { js: `#!/usr/bin/env node\n${banner.js}` },
  });
  const action = await build({
    ...common,
    entryPoints: ["src/action-main.ts"],
    outfile: out("action.js"),
    minify: true,
    metafile: true,
  });
  await build({
    ...common,
    entryPoints: ["src/index.ts"],
    outfile: out("lib/index.js"),
    packages: "external",
    banner: {},
  });
  const notices = thirdPartyNotices(
    { outputs: { ...cli.metafile.outputs, ...action.metafile.outputs } },
    { label: (o) => path.posix.join("dist", path.relative(outDir, path.resolve(o)).split(path.sep).join("/")) },
  );
  writeFileSync(out("licenses.txt"), notices);
  if (options.declarations !== false) {
    execFileSync("npx", ["tsc", "-p", "tsconfig.build.json", "--outDir", out("types")], { stdio: "inherit" });
  }
  mkdirSync(out("data"), { recursive: true });
  cpSync("src/data", out("data"), { recursive: true, filter: (src) => !src.endsWith(".mjs") && !src.endsWith(".md") });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist("dist");
}
