import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const OWN = ["repo", "yaml", "k8s", "flux", "ess", "index.ts"].map((p) => path.join("src/tasks/verify-config", p));

function sources(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .flatMap((f) => sources(path.join(p, f)))
    .filter((f) => f.endsWith(".ts"));
}

describe("repo and ESS rule reference", () => {
  const ids = new Set<string>();
  for (const f of OWN.flatMap(sources))
    for (const m of readFileSync(f, "utf8").matchAll(/ruleId: "((?:yaml|k8s|flux|ess|verify-config)\/[a-z0-9-]+)"/g))
      ids.add(m[1]);
  for (const f of OWN.flatMap(sources))
    for (const m of readFileSync(f, "utf8").matchAll(/"((?:yaml|k8s|ess)\/[a-z0-9-]+)"/g)) ids.add(m[1]);
  const docs = ["docs/rules/repo.md", "docs/rules/ess.md"].map((d) => readFileSync(d, "utf8")).join("\n");
  const headings = new Set([...docs.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));

  it("documents every rule id", () => {
    expect(ids.size).toBeGreaterThan(30);
    expect([...ids].filter((id) => !headings.has(id))).toEqual([]);
    expect([...headings].filter((h) => !ids.has(h))).toEqual([]);
  });

  it("has a test naming every rule id", () => {
    const tests = readdirSync("test/tasks/verify-config")
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => readFileSync(path.join("test/tasks/verify-config", f), "utf8"))
      .join("\n");
    expect([...ids].filter((id) => !tests.includes(`"${id}"`))).toEqual([]);
  });
});
