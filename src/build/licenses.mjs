// Third-party licence notices for the bundles: every npm package esbuild put into an output file, found
// from the build's metafile, with the licence text the package ships.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const NM = "node_modules/";

/**
 * The installed package folder an esbuild input path belongs to (the innermost `node_modules/<name>`),
 * relative to the build's working directory; undefined for the project's own sources.
 * @param {string} input
 * @returns {string | undefined}
 */
export function packageDirOf(input) {
  const p = input.replace(/\\/g, "/");
  const i = p.lastIndexOf(NM);
  if (i < 0) return undefined;
  const m = /^(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(p.slice(i + NM.length));
  return m ? p.slice(0, i + NM.length) + m[1] : undefined;
}

/**
 * The licence file shipped in a package folder (LICENSE, LICENCE, COPYING, with or without an extension);
 * the plain name wins over variants such as LICENSE-MIT.
 * @param {string} dir
 * @returns {string | undefined}
 */
function licenceFile(dir) {
  const files = readdirSync(dir)
    .filter((f) => /^(licen[sc]e|copying)([.-].*)?$/i.test(f))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  return files.length > 0 ? path.join(dir, files[0]) : undefined;
}

/**
 * Text of `dist/licenses.txt`: one entry per bundled package (name, version, licence, the output files
 * holding it) followed by its licence text, sorted by name and version so the output is deterministic.
 * Only inputs that contributed bytes to an output count (tree-shaken packages are not shipped).
 *
 * @param {{ outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> }} metafile
 *   esbuild's metafile; its paths are relative to `cwd`.
 * @param {{ cwd?: string, label?: (output: string) => string }} [options] `label` names an output file in
 *   the text (default: its metafile path).
 * @returns {string}
 * @throws {Error} when a bundled package ships no licence file: a bundle that cannot carry the notice
 *   its licence asks for must not be built.
 */
export function thirdPartyNotices(metafile, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const label = options.label ?? ((o) => o.replace(/\\/g, "/"));
  /** @type {Map<string, Set<string>>} package folder -> output files */
  const used = new Map();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const dir = packageDirOf(input);
      if (!dir || bytesInOutput <= 0) continue;
      const outs = used.get(dir) ?? new Set();
      outs.add(label(output));
      used.set(dir, outs);
    }
  }
  /** @type {Map<string, {name: string, version: string, license: string, text: string, outputs: Set<string>}>} */
  const entries = new Map();
  for (const [dir, outs] of used) {
    const abs = path.resolve(cwd, dir);
    const pkgFile = path.join(abs, "package.json");
    if (!existsSync(pkgFile)) throw new Error(`bundled package folder ${dir} has no package.json`);
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
    const name = String(pkg.name);
    const version = String(pkg.version);
    const file = licenceFile(abs);
    if (!file) throw new Error(`bundled package ${name}@${version} ships no licence file (${dir})`);
    const key = `${name}@${version}`;
    const prev = entries.get(key);
    if (prev) {
      for (const o of outs) prev.outputs.add(o);
      continue;
    }
    const license = typeof pkg.license === "string" ? pkg.license : "see licence text";
    const text = readFileSync(file, "utf8")
      .replace(/\r\n?/g, "\n")
      .replace(/[ \t]+$/gm, "")
      .trim();
    entries.set(key, { name, version, license, text, outputs: new Set(outs) });
  }
  const sorted = [...entries.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, "en", { numeric: true }),
  );
  const rule = "=".repeat(78);
  const parts = [
    "Third-party software bundled into the mxops distribution files.",
    "mxops itself is licensed under the Apache License 2.0 (LICENSE); the packages below keep their own licences.",
    "",
    ...sorted.map((e) => `- ${e.name} ${e.version} (${e.license})`),
  ];
  for (const e of sorted) {
    parts.push(
      "",
      rule,
      `${e.name} ${e.version}`,
      `License: ${e.license}`,
      `Bundled in: ${[...e.outputs].sort().join(", ")}`,
      rule,
      "",
      e.text,
    );
  }
  return `${parts.join("\n")}\n`;
}
