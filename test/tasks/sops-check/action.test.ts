// sops-check through the generic Action entry: inputs map to flags/env, the age key is masked and never printed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runAction, type ActionRuntime } from "../../../src/action.js";
import { tempDir } from "../../helpers/tmp.js";

function runtime(inputs: Record<string, string>) {
  const lines: string[] = [];
  const secrets: string[] = [];
  const outputs: Record<string, string> = {};
  let failed: string | undefined;
  let summary = "";
  const rt: ActionRuntime = {
    getInput: (n) => inputs[n] ?? "",
    setSecret: (s) => secrets.push(s),
    setOutput: (n, v) => (outputs[n] = v),
    write: (l) => lines.push(l),
    appendSummary: (m) => {
      summary += m;
      return Promise.resolve();
    },
    setFailed: (m) => (failed = m),
    // The step writes its report files to RUNNER_TEMP.
    env: { RUNNER_TEMP: tempDir("runner") },
  };
  return {
    rt,
    lines,
    secrets,
    outputs,
    get failed() {
      return failed;
    },
    get summary() {
      return summary;
    },
  };
}

describe("sops-check as an Action step", () => {
  it("passes on the clean example with the age key input, masking the key", async () => {
    const key = readFileSync("examples/demo-age-key.txt", "utf8");
    const r = runtime({ task: "sops-check", paths: "examples/gitops", "age-key": key });
    await runAction(r.rt);
    expect(r.failed).toBeUndefined();
    expect(r.outputs.findings).toBe("0");
    expect(r.secrets).toContain(key);
    expect(r.lines.join("\n")).not.toContain("AGE-SECRET-KEY-");
  });
  it("fails on the faults example with annotations and a summary", async () => {
    const key = readFileSync("examples/demo-age-key.txt", "utf8");
    const r = runtime({ task: "sops-check", paths: "examples/gitops-faults", "age-key": key });
    await runAction(r.rt);
    expect(r.failed).toMatch(/sops-check/);
    expect(r.lines.some((l) => l.startsWith("::error file=") && l.includes("sops/mac-mismatch"))).toBe(true);
    expect(Number(r.outputs.findings)).toBeGreaterThan(5);
    expect(r.summary).toContain("sops/");
    expect(readFileSync(r.outputs.report, "utf8")).not.toContain("demo-db-password");
  });
});
