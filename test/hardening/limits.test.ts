// Resource limits on hostile repository content, end to end through the CLI: each limit gives one precise
// finding (or a one-line error), the other files are still checked, and nothing crashes.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nestingTooDeepAt, parseYaml } from "../../src/core/yaml.js";
import { cli } from "../helpers/cli.js";
import { tempDir } from "../helpers/tmp.js";

const flow = (n: number) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`;

function repo(files: Record<string, string>): string {
  const dir = tempDir("limits");
  for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
  return dir;
}

describe("nesting limit", () => {
  it("refuses flow and block nesting beyond 256 levels before parsing, and accepts deep-but-sane documents", () => {
    expect(nestingTooDeepAt(`a: ${flow(200)}\n`)).toBe(-1);
    expect(nestingTooDeepAt(`a: ${flow(300)}\n`)).toBeGreaterThan(0);
    expect(nestingTooDeepAt(`${"- ".repeat(300)}x\n`)).toBeGreaterThan(0);
    expect(nestingTooDeepAt(`a: "${"[".repeat(1000)}"\nb: '${"{".repeat(1000)}'\n# ${"[".repeat(1000)}\n`)).toBe(-1);
    const p = parseYaml(`x: 1\ny: ${flow(5000)}\n`);
    expect(p.docs).toEqual([]);
    expect(p.problems).toEqual([expect.objectContaining({ code: "NESTING_TOO_DEEP", line: 2, severity: "error" })]);
    expect(parseYaml(`y: ${flow(200)}\n`).problems).toEqual([]);
  });

  it("sops-check fails closed on an unreadable Secret or sops file; verify-config reports one finding per file", async () => {
    const dir = repo({
      "secret.yaml": `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  v: ${flow(20000)}\n`,
      "enc.sops.yaml": `a: ${"[".repeat(20000)}x${"]".repeat(20000)}\nsops:\n  mac: x\n`,
      "block.yaml": `kind: Secret\ndata:\n${"- ".repeat(5000)}x\n`,
      "fine.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n",
    });
    const s = await cli(["sops-check", dir, "--format", "json"]);
    expect(s.code).toBe(1);
    expect(s.stderr).toBe("");
    const sf = (JSON.parse(s.stdout) as { findings: Array<{ ruleId: string; file: string; message: string }> })
      .findings;
    expect(sf.map((f) => [f.file, f.ruleId])).toEqual([
      ["block.yaml", "sops/yaml-invalid"],
      ["enc.sops.yaml", "sops/yaml-invalid"],
      ["secret.yaml", "sops/yaml-invalid"],
    ]);
    const v = await cli(["verify-config", dir, "--format", "json"]);
    expect(v.code).toBe(1);
    expect(v.stderr).toBe("");
    const vf = (JSON.parse(v.stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings;
    expect(
      vf
        .filter((f) => f.ruleId === "yaml/nesting-too-deep")
        .map((f) => f.file)
        .sort(),
    ).toEqual(["block.yaml", "enc.sops.yaml", "secret.yaml"]);
    expect(vf.filter((f) => f.file === "fine.yaml")).toEqual([]);
  });
});
