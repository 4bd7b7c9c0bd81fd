// Every rule id used in src/ is documented under `### <id>` in docs/rules/*.md and is exercised by a test.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const AREAS = "sops|yaml|k8s|flux|ess|synapse|mas|element|creds|consistency|probe|invite|release|notify|verify-config";
const ID = new RegExp(`["'\`]((?:${AREAS})/[a-z0-9]+(?:-[a-z0-9]+)*)["'\`]`, "g");

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    if (e.startsWith(".test-bundle-") || e === "node_modules") continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(e)) out.push(p);
  }
  return out;
}

function idsIn(list: string[]): Set<string> {
  const ids = new Set<string>();
  for (const f of list) for (const m of readFileSync(f, "utf8").matchAll(ID)) ids.add(m[1]);
  return ids;
}

const used = idsIn(files("src", /\.ts$/));
const docs = files("docs/rules", /\.md$/)
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");
const documented = new Set([...docs.matchAll(/^### `?([a-z0-9-]+\/[a-z0-9-]+)`?\s*$/gm)].map((m) => m[1]));
const testText = files("test", /\.(ts|yaml|yml|json|md|env|txt)$/)
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");

describe("rule reference", () => {
  it("finds rule ids in the source", () => {
    expect(used.size).toBeGreaterThan(0);
  });

  it("documents every rule id used in src/", () => {
    const missing = [...used].filter((id) => !documented.has(id)).sort();
    expect(missing).toEqual([]);
  });

  it("documents no rule id that src/ does not use", () => {
    const stale = [...documented].filter((id) => !used.has(id)).sort();
    expect(stale).toEqual([]);
  });

  it("exercises every rule id in a test or fixture", () => {
    const untested = [...used].filter((id) => !testText.includes(id)).sort();
    expect(untested).toEqual([]);
  });
});
