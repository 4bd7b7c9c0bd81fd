// The README's Action section documents every input (with its default) and output of action.yml, and nothing more.
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { describe, expect, it } from "vitest";

const doc = YAML.parse(readFileSync("action.yml", "utf8")) as {
  inputs: Record<string, { default?: unknown; required?: boolean }>;
  outputs: Record<string, unknown>;
};
const readme = readFileSync("README.md", "utf8");
const section = readme.slice(
  readme.indexOf("## GitHub / Gitea Action"),
  readme.indexOf("\n## ", readme.indexOf("## GitHub / Gitea Action") + 5),
);

function rows(header: string): Map<string, string[]> {
  const start = section.indexOf(header);
  const out = new Map<string, string[]>();
  for (const line of section.slice(start).split("\n").slice(2)) {
    if (!line.startsWith("| `")) break;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    out.set(cells[0].replace(/`/g, ""), cells.slice(1));
  }
  return out;
}

describe("README Action section", () => {
  it("lists every input with its default", () => {
    const r = rows("| input | default | meaning |");
    expect([...r.keys()].sort()).toEqual(Object.keys(doc.inputs).sort());
    for (const [name, i] of Object.entries(doc.inputs)) {
      const shown = r.get(name)![0];
      if (i.required) expect(shown).toBe("(required)");
      else expect(shown, name).toBe(i.default === "" ? "" : `\`${String(i.default)}\``);
    }
  });

  it("lists every output", () => {
    expect([...rows("| output | meaning |").keys()].sort()).toEqual(Object.keys(doc.outputs).sort());
  });
});

describe("README Install section", () => {
  const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
    version: string;
    repository: { url: string };
    homepage: string;
    bugs: { url: string };
  };
  const home = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  const install = readme.slice(readme.indexOf("## Install"), readme.indexOf("\n## ", readme.indexOf("## Install") + 5));
  const galaxy = YAML.parse(readFileSync("ansible/galaxy.yml", "utf8")) as {
    namespace: string;
    name: string;
    version: string;
  };

  it("names one canonical home in package.json and the README", () => {
    expect(home).toMatch(/^https:\/\/[^/]+\/[^/]+\/mxops$/);
    expect(pkg.homepage.startsWith(home)).toBe(true);
    expect(pkg.bugs.url.startsWith(home)).toBe(true);
    expect(install).toContain(`<${home}>`);
    // Every repository URL the README gives for mxops is the home (mirrors are example.org hosts).
    for (const m of readme.matchAll(/https:\/\/(?!git\.example\.org)[\w.-]+\/[\w.-]+\/mxops\b/g))
      expect(m[0], m[0]).toBe(home);
  });

  it("shows install commands for what exists: the tagged repository, a packed tarball, the release asset", () => {
    expect(install).toContain(`npm install git+${home}.git#v${pkg.version}`);
    // The command the package test runs (test/action/pack.test.ts installs the `npm pack` output this way).
    expect(install).toContain(`npm install ./mxops-${pkg.version}.tgz`);
    expect(install).toContain(
      `ansible-galaxy collection install ${home}/releases/download/v${pkg.version}/${galaxy.namespace}-${galaxy.name}-${galaxy.version}.tar.gz`,
    );
    // The registry is only promised, not claimed.
    const registryLine = install.split("\n").findIndex((l) => /npm install (--save-dev )?mxops\b/.test(l));
    expect(install.split("\n")[registryLine - 1]).toMatch(/once published/);
  });
});
