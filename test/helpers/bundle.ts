// Builds the CLI / Action bundles from src into a temp dir once per test file, so end-to-end tests
// (Ansible modules, Action runs, leak harness) exercise the current source, not a possibly stale dist/.
// The dir is a tempDir(), removed after the file.
import { existsSync, symlinkSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { tempDir } from "./tmp.js";

const cache = new Map<string, Promise<string>>();
const banner =
  "import { createRequire as __mxopsCreateRequire } from 'node:module'; const require = __mxopsCreateRequire(import.meta.url);";

/** Bundle `src/<entry>.ts` (e.g. `bin`, `action-main`) to a temp `.mjs` and return its path; data files are resolved from src/data. */
export async function bundleEntry(entry: "bin" | "action-main"): Promise<string> {
  let p = cache.get(entry);
  // A bundle from an earlier test file is gone with that file's temp dirs (when modules are not isolated).
  if (p && !existsSync(await p.catch(() => ""))) p = undefined;
  if (!p) {
    p = (async () => {
      // In the temp dir, a `data` link to src/data serves the bundle's `import.meta.url`-relative data lookup.
      const dir = tempDir("test-bundle");
      symlinkSync(path.join(process.cwd(), "src", "data"), path.join(dir, "data"));
      const out = path.join(dir, `${entry}.mjs`);
      await build({
        entryPoints: [path.join(process.cwd(), "src", `${entry}.ts`)],
        outfile: out,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "esm",
        banner: { js: banner },
        logLevel: "error",
      });
      return out;
    })();
    cache.set(entry, p);
  }
  return p;
}
