import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = "src/tasks/verify-config/components";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("components rule reference", () => {
  const ids = new Set<string>();
  for (const f of sources(SRC)) {
    for (const m of readFileSync(f, "utf8").matchAll(/"((?:synapse|mas|element|creds|consistency)\/[a-z0-9-]+)"/g))
      ids.add(m[1]);
  }
  const doc = readFileSync("docs/rules/components.md", "utf8");
  const headings = new Set([...doc.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));

  it("documents every rule id the component rules emit", () => {
    expect(ids.size).toBeGreaterThan(20);
    expect([...ids].filter((id) => !headings.has(id))).toEqual([]);
  });

  it("documents no rule that does not exist", () => {
    expect([...headings].filter((h) => !ids.has(h))).toEqual([]);
  });

  it("has tests that trigger every rule id", () => {
    const tests = readdirSync("test/tasks/verify-config/components")
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => readFileSync(path.join("test/tasks/verify-config/components", f), "utf8"))
      .join("\n");
    expect([...ids].filter((id) => !tests.includes(id))).toEqual([]);
  });
});
