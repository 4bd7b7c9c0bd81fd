import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import formatsPlugin from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/finding.js";
import { makeReport } from "../../src/core/report.js";
import { render, FORMATS } from "../../src/format/index.js";
import { annotationLine } from "../../src/format/github.js";
import { formatMarkdownSummary } from "../../src/format/markdown.js";

const findings: Finding[] = [
  {
    ruleId: "sops/plaintext-value",
    severity: "error",
    message: "value is not encrypted",
    file: "apps/matrix/secret, with comma.sops.yaml",
    line: 7,
    column: 3,
    endLine: 7,
    endColumn: 20,
    keyPath: "stringData.password",
    hint: "run sops --encrypt --in-place",
  },
  {
    ruleId: "ess/unknown-key",
    severity: "warning",
    message: "unknown key upstream_oauth2\nsecond line",
    file: "apps/ess.yaml",
    line: 12,
  },
  {
    ruleId: "probe/well-known-client",
    severity: "info",
    message: "ok 100%",
    url: "https://example.org/.well-known/matrix/client",
  },
];
const report = makeReport("sops-check", findings, { root: "/repo/gitops" });

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync("node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json", "utf8"),
  ) as Record<string, unknown>;
  // The published schema is draft-04; its keywords used here are draft-07 compatible once `id` is `$id`.
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const addFormats =
    (formatsPlugin as unknown as { default?: (a: Ajv) => void }).default ??
    (formatsPlugin as unknown as (a: Ajv) => void);
  addFormats(ajv);
  return { ajv, validate: ajv.compile(schema) };
}

describe("formats", () => {
  it("sarif output is valid SARIF 2.1.0 with rules, levels and regions", () => {
    const { ajv, validate } = sarifValidator();
    const log = JSON.parse(render(report, "sarif")) as {
      version: string;
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<Record<string, unknown>> }>;
    };
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      "ess/unknown-key",
      "probe/well-known-client",
      "sops/plaintext-value",
    ]);
    expect(run.results.map((r) => r.level)).toEqual(["warning", "error", "note"]);
    const empty: unknown = JSON.parse(render(makeReport("x", []), "sarif"));
    expect(validate(empty), ajv.errorsText(validate.errors)).toBe(true);
  });

  it("sarif carries related locations of a finding", () => {
    const { ajv, validate } = sarifValidator();
    const withRelated = makeReport("sops-check", [
      {
        ruleId: "sops/flux-no-decryption",
        severity: "error",
        message: "applies encrypted files without decryption",
        file: "kubernetes/flux/apps.yaml",
        line: 2,
        related: [
          { file: "kubernetes/apps/a/secret.sops.yaml", line: 1, message: "encrypted Secret" },
          { file: "kubernetes/apps/b/secret.sops.yaml" },
        ],
      },
    ]);
    const log = JSON.parse(render(withRelated, "sarif")) as {
      runs: Array<{ results: Array<Record<string, unknown>> }>;
    };
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0].results[0].relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: "kubernetes/apps/a/secret.sops.yaml", uriBaseId: "SRCROOT" },
          region: { startLine: 1 },
        },
        message: { text: "encrypted Secret" },
      },
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: "kubernetes/apps/b/secret.sops.yaml", uriBaseId: "SRCROOT" } },
      },
    ]);
  });

  it("github format escapes properties and data", () => {
    const line = annotationLine(findings[0]);
    expect(
      line.startsWith(
        "::error file=apps/matrix/secret%2C with comma.sops.yaml,line=7,col=3,endLine=7,endColumn=20,title=sops/plaintext-value::",
      ),
    ).toBe(true);
    expect(annotationLine(findings[1])).toContain("unknown key upstream_oauth2%0Asecond line");
    expect(annotationLine(findings[2])).toMatch(/^::notice title=probe\/well-known-client::ok 100%25/);
  });

  it("json is the report itself", () => {
    expect(JSON.parse(render(report, "json"))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("text groups by file and only colours when asked", () => {
    const plain = render(report, "text");
    expect(plain).not.toContain("\u001b[");
    expect(plain).toContain("apps/ess.yaml\n  12  warning");
    expect(plain).toContain("hint: run sops --encrypt --in-place");
    expect(plain.trimEnd().split("\n").pop()).toBe("mxops sops-check: 1 error(s), 1 warning(s), 1 info");
    expect(render(report, "text", { color: true })).toContain("\u001b[31m");
    expect(render(makeReport("verify-config", []), "text")).toBe("mxops verify-config: no findings\n");
  });

  it("every format renders an empty report", () => {
    for (const f of FORMATS) expect(render(makeReport("t", []), f).length).toBeGreaterThan(0);
  });

  it("markdown summary escapes pipes and caps rows", () => {
    const md = formatMarkdownSummary(
      makeReport("t", [{ ruleId: "a/b", severity: "error", message: "x | y", file: "f" }]),
      { maxRows: 0 },
    );
    expect(md).toContain("| 1 | 0 | 0 |");
    expect(md).toContain("… and 1 more");
    expect(formatMarkdownSummary(makeReport("t", [{ ruleId: "a/b", severity: "error", message: "x | y" }]))).toContain(
      "x \\| y",
    );
  });
});
