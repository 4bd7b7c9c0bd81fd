// Shared by the bench scripts: numeric command-line options and the library bundle built from src/ (not dist/,
// so a bench measures the code as it is now).
import { cpSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The number after `--name` on the command line, else `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Bundle src/index.ts (with its data files) into `dir`/lib and import it. */
export async function importLibrary(dir) {
  const bundle = path.join(dir, "lib", "index.mjs");
  await build({
    entryPoints: [path.join(projectRoot, "src/index.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: "error",
  });
  cpSync(path.join(projectRoot, "src/data"), path.join(dir, "lib", "data"), { recursive: true });
  return import(pathToFileURL(bundle).href);
}
