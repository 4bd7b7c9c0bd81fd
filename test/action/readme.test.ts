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
