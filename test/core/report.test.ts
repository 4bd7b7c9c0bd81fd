import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { failsAt, type Finding } from "../../src/core/finding.js";
import { makeReport } from "../../src/core/report.js";
import { Redactor } from "../../src/core/redact.js";
import { VERSION } from "../../src/version.js";

const f = (severity: Finding["severity"], file?: string, line?: number): Finding => ({
  ruleId: "x/y",
  severity,
  message: "m",
  ...(file ? { file } : {}),
  ...(line ? { line } : {}),
});

describe("report", () => {
  it("keeps VERSION equal to package.json", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it("counts, sorts and omits undefined optional fields", () => {
    const r = makeReport("t", [f("warning", "b.yaml", 2), f("error", "a.yaml", 9), f("info")]);
    expect(r.counts).toEqual({ error: 1, warning: 1, info: 1 });
    expect(r.findings.map((x) => x.file)).toEqual(["a.yaml", "b.yaml", undefined]);
    expect(Object.keys(r)).toEqual(["tool", "version", "task", "findings", "counts"]);
    const full = makeReport("t", [], { root: "/r", changed: true, results: {} });
    expect(Object.keys(full)).toEqual(["tool", "version", "task", "root", "findings", "counts", "changed", "results"]);
  });

  it("applies --fail-on thresholds", () => {
    const warnOnly = makeReport("t", [f("warning")]);
    expect(failsAt(warnOnly, "error")).toBe(false);
    expect(failsAt(warnOnly, "warning")).toBe(true);
    expect(failsAt(warnOnly, "info")).toBe(true);
    expect(failsAt(makeReport("t", [f("error")]), "never")).toBe(false);
  });
});

describe("Redactor", () => {
  it("masks registered secrets and their encodings", () => {
    const r = new Redactor();
    r.add("s3cr3t/value+x");
    expect(r.redact("a s3cr3t/value+x b")).toBe("a *** b");
    expect(r.redact(encodeURIComponent("s3cr3t/value+x"))).toBe("***");
    expect(r.redact(Buffer.from("s3cr3t/value+x").toString("base64"))).toBe("***");
  });
});
