// Builds dist/: self-contained ESM bundles for the CLI and the Action, the library bundle with
// declarations, and the shipped data files. Output is deterministic so CI can detect a stale dist/.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";

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

rmSync("dist", { recursive: true, force: true });
await build({
  ...common,
  entryPoints: ["src/bin.ts"],
  outfile: "dist/cli.js",
  minify: true,
  banner: { js: `#!/usr/bin/env node\n${banner.js}` },
});
await build({ ...common, entryPoints: ["src/action-main.ts"], outfile: "dist/action.js", minify: true });
await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: "dist/lib/index.js",
  packages: "external",
  banner: {},
});
execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
mkdirSync("dist/data", { recursive: true });
cpSync("src/data", "dist/data", { recursive: true, filter: (src) => !src.endsWith(".mjs") && !src.endsWith(".md") });
