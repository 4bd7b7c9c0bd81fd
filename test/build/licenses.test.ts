// dist/licenses.txt: the generator reads esbuild's metafile, maps bundled inputs to their installed packages
// and copies each package's licence text; checked on a small made-up tree and on the real CLI/Action bundles.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { packageDirOf, thirdPartyNotices, type BundleMetafile } from "../../src/build/licenses.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder with installed packages: name → [version, licence file name or none, licence field]. */
function tree(pkgs: Record<string, [string, string | undefined, string?]>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "mxops-licenses-"));
  dirs.push(root);
  for (const [dir, [version, file, license]] of Object.entries(pkgs)) {
    const abs = path.join(root, dir);
    mkdirSync(abs, { recursive: true });
    const name = dir.slice(dir.lastIndexOf("node_modules/") + "node_modules/".length);
    writeFileSync(path.join(abs, "package.json"), JSON.stringify({ name, version, license: license ?? "MIT" }));
    if (file) writeFileSync(path.join(abs, file), `Licence of ${name} ${version}\r\nline two   \r\n`);
    writeFileSync(path.join(abs, "index.js"), "export {};\n");
  }
  return root;
}

function meta(outputs: Record<string, Record<string, number>>): BundleMetafile {
  const out: BundleMetafile = { outputs: {} };
  for (const [o, inputs] of Object.entries(outputs)) {
    out.outputs[o] = { inputs: {} };
    for (const [i, bytes] of Object.entries(inputs)) out.outputs[o].inputs[i] = { bytesInOutput: bytes };
  }
  return out;
}

describe("packageDirOf", () => {
  it("finds the innermost package folder, scoped or not", () => {
    expect(packageDirOf("node_modules/yaml/dist/index.js")).toBe("node_modules/yaml");
    expect(packageDirOf("node_modules/@noble/curves/node_modules/@noble/hashes/esm/sha2.js")).toBe(
      "node_modules/@noble/curves/node_modules/@noble/hashes",
    );
    expect(packageDirOf("node_modules\\ajv\\dist\\ajv.js")).toBe("node_modules/ajv");
    expect(packageDirOf("src/cli.ts")).toBeUndefined();
  });
});

describe("thirdPartyNotices", () => {
  it("lists each bundled package version once with its licence text, sorted, and skips unused inputs", () => {
    const root = tree({
      "node_modules/zeta": ["1.0.0", "LICENSE"],
      "node_modules/@s/beta": ["2.1.0", "LICENCE.md", "ISC"],
      "node_modules/@s/beta/node_modules/zeta": ["0.9.0", "COPYING"],
      "node_modules/shaken": ["3.0.0", "LICENSE"],
    });
    const text = thirdPartyNotices(
      meta({
        "dist/cli.js": {
          "src/cli.ts": 100,
          "node_modules/zeta/index.js": 10,
          "node_modules/@s/beta/index.js": 5,
          "node_modules/@s/beta/node_modules/zeta/index.js": 7,
          "node_modules/shaken/index.js": 0,
        },
        "dist/action.js": { "node_modules/zeta/index.js": 10 },
      }),
      { cwd: root },
    );
    expect(text.split("\n").filter((l) => l.startsWith("- "))).toEqual([
      "- @s/beta 2.1.0 (ISC)",
      "- zeta 0.9.0 (MIT)",
      "- zeta 1.0.0 (MIT)",
    ]);
    expect(text).toContain("zeta 1.0.0\nLicense: MIT\nBundled in: dist/action.js, dist/cli.js\n");
    expect(text).toContain("Licence of @s/beta 2.1.0\nline two\n");
    expect(text).toContain("Licence of zeta 0.9.0\nline two");
    expect(text).not.toContain("shaken");
    expect(text).not.toContain("\r");
    // Deterministic: the same input gives the same bytes.
    expect(thirdPartyNotices(meta({ "dist/cli.js": { "node_modules/zeta/index.js": 1 } }), { cwd: root })).toBe(
      thirdPartyNotices(meta({ "dist/cli.js": { "node_modules/zeta/a.js": 9 } }), { cwd: root }),
    );
  });

  it("refuses a bundled package without a licence file", () => {
    const root = tree({ "node_modules/bare": ["1.2.3", undefined] });
    expect(() =>
      thirdPartyNotices(meta({ "dist/cli.js": { "node_modules/bare/index.js": 1 } }), { cwd: root }),
    ).toThrow(/bare@1\.2\.3 ships no licence file/);
  });

  it("covers every package in the real CLI and Action bundles", async () => {
    const outputs: BundleMetafile["outputs"] = {};
    const packages = new Set<string>();
    for (const [entry, out] of [
      ["src/bin.ts", "dist/cli.js"],
      ["src/action-main.ts", "dist/action.js"],
    ]) {
      const r = await build({
        entryPoints: [entry],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "esm",
        outfile: out,
        write: false,
        metafile: true,
        logLevel: "error",
      });
      Object.assign(outputs, r.metafile.outputs);
      for (const [input, { bytesInOutput }] of Object.entries(r.metafile.outputs[out].inputs))
        if (bytesInOutput > 0 && packageDirOf(input)) packages.add(packageDirOf(input)!);
    }
    const text = thirdPartyNotices({ outputs });
    const listed = text
      .slice(0, text.indexOf("\n===="))
      .split("\n")
      .filter((l) => l.startsWith("- "));
    for (const name of ["yaml", "nodemailer", "ajv", "age-encryption", "@actions/core", "undici"])
      expect(listed.some((l) => l.startsWith(`- ${name} `))).toBe(true);
    // Exactly the installed name@version of every bundled folder (folders of the same version collapse).
    const expected = new Set(
      [...packages].map((d) => {
        const p = JSON.parse(readFileSync(path.join(d, "package.json"), "utf8")) as { name: string; version: string };
        return `${p.name} ${p.version}`;
      }),
    );
    expect(new Set(listed.map((l) => l.slice(2).replace(/ \(.*\)$/, "")))).toEqual(expected);
    expect(text).toMatch(/@actions\/core [\d.]+\nLicense: MIT\nBundled in: dist\/action\.js\n/);
  });
});
