// The Action's `format` input chooses what the step log shows; the JSON report and the SARIF file are always written.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runStep } from "./runner.js";

const faults = path.resolve("examples/gitops-faults");

describe("Action format input and SARIF output", () => {
  it("prints the text report by default and writes JSON and SARIF files", async () => {
    const step = await runStep({ cwd: faults, with: { task: "sops-check", "fail-on": "never" } });
    expect(step.code, step.stderr).toBe(0);
    expect(step.stdout).toMatch(/^mxops sops-check: \d+ error\(s\)/m);
    const sarif = JSON.parse(readFileSync(step.outputs.sarif, "utf8")) as {
      version: string;
      runs: Array<{ results: unknown[] }>;
    };
    expect(sarif.version).toBe("2.1.0");
    const json = JSON.parse(readFileSync(step.outputs.report, "utf8")) as { findings: unknown[] };
    expect(sarif.runs[0].results).toHaveLength(json.findings.length);
    expect(step.annotations.length).toBe(json.findings.length);
  });

  it("format github prints annotations only; an unknown format fails the step with one line", async () => {
    const gh = await runStep({ cwd: faults, with: { task: "sops-check", "fail-on": "never", format: "github" } });
    expect(gh.code).toBe(0);
    expect(gh.stdout).not.toMatch(/^mxops sops-check:/m);
    expect(gh.annotations.length).toBeGreaterThan(0);
    const bad = await runStep({ cwd: faults, with: { task: "sops-check", format: "xml" } });
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/::error::mxops: error: --format must be one of text, json, sarif, github/);
  });
});
