// The redactor masks fragments and runs before escaping; decrypted values are registered by one rule that keeps
// names readable (a resource name equal to a decrypted value is not turned into ***) while secrets never show.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Redactor } from "../../src/core/redact.js";
import { makeReport } from "../../src/core/report.js";
import { registerDecrypted } from "../../src/core/secret-values.js";
import { render } from "../../src/format/index.js";
import { formatMarkdownSummary } from "../../src/format/markdown.js";
import { cli } from "../helpers/cli.js";

const KEY_FILE = path.resolve("examples/demo-age-key.txt");
const RECIPIENT = /age1[0-9a-z]{58}/.exec(
  readFileSync("examples/gitops/apps/matrix/ess-secret-values.sops.yaml", "utf8"),
)![0];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function registered(body: unknown, secretData = true): string[] {
  const out: string[] = [];
  registerDecrypted(body, (s) => out.push(s), { secretData });
  return out;
}

describe("Redactor", () => {
  it("masks fragments of a secret (a truncated or partly quoted value), not words it shares with text", () => {
    const r = new Redactor();
    r.add("s3cr3tCANARYa1b2c3d4e5f6");
    r.add("password-for-the-admin-Xy12");
    const out = r.redact("Not a YAML token: s3cr3tCANARYa1b… and CANARYa1b2c3d4; the password is required");
    expect(out).toBe("Not a YAML token: ***… and ***; the password is required");
  });

  it("masks each line of a multi-line secret and works before JSON, SARIF, %-encoding and Markdown escaping", () => {
    const secret = "line-one-9f8e7d6c%:,\nline-two-1a2b3c4d|<>";
    const r = new Redactor();
    r.add(secret);
    const report = makeReport("sops-check", [
      { ruleId: "sops/x", severity: "error", message: `value ${secret} shown`, file: "a.yaml", keyPath: secret },
    ]);
    const shown = r.redactDeep(report);
    for (const format of ["text", "json", "sarif", "github"] as const) {
      const text = r.redact(render(shown, format));
      for (const part of ["line-one", "9f8e7d6c", "line-two", "1a2b3c4d"]) expect(text, format).not.toContain(part);
    }
    expect(formatMarkdownSummary(shown)).not.toMatch(/9f8e7d6c|1a2b3c4d/);
    // Redacting only after rendering misses the escaped forms (`%25:,%0A`): the reason redactDeep runs first.
    expect(r.redact(render(report, "github"))).toContain("%25:,%0A");
    expect(r.redact(render(shown, "github"))).not.toContain("%25:,%0A");
  });
});

describe("registerDecrypted: secrets by key and shape, never names", () => {
  it("registers secret-keyed values, Secret data and generated strings; skips names, references and literals", () => {
    const got = registered({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "matrix-secrets-prod", namespace: "matrix" },
      stringData: {
        password: "hunter2hunter2",
        username: "ops-admin-user",
        enabled: "true",
        "values.yaml": [
          "serverName: example.org",
          "synapse:",
          "  macaroon:",
          "    value: plainmacaroonvalue",
          "  existingSecret: synapse-secrets",
          "  image: {tag: v1.120.0}",
          "matrixAuthenticationService:",
          "  additional:",
          "    x:",
          "      config: |",
          "        clients: [{client_id: 01H8PKNWKKRPCBW4YGH1RWV279, client_secret: abcdEFGH1234ijkl5678}]",
          "",
        ].join("\n"),
      },
    });
    expect(got).toEqual(
      expect.arrayContaining(["hunter2hunter2", "ops-admin-user", "plainmacaroonvalue", "abcdEFGH1234ijkl5678"]),
    );
    for (const name of ["matrix-secrets-prod", "matrix", "example.org", "synapse-secrets", "true", "v1.120.0"])
      expect(got).not.toContain(name);
    expect(got).not.toContain("01H8PKNWKKRPCBW4YGH1RWV279");
  });

  it("a values.yaml that does not parse still has its secret-looking parts registered", () => {
    const got = registered({
      stringData: { "values.yaml": "a:\n  value: | s3cr3tMACAROONq7w8e9r0t1y2\n  password: > hunter2hunter2\n" },
    });
    expect(got).toEqual(expect.arrayContaining(["s3cr3tMACAROONq7w8e9r0t1y2", "hunter2hunter2"]));
    expect(got).not.toContain("value");
  });

  it("sops-check: a Secret named like a decrypted value keeps its name readable; the secret never shows", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-redact-"));
    dirs.push(dir);
    // No encrypted_regex: sops encrypts everything, metadata.name included; the decrypted name is not a secret.
    writeFileSync(
      path.join(dir, "plain.yaml"),
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: matrix-secrets-prod\nstringData:\n  password: Tr0ub4dor-and-3-more\n",
    );
    const enc = execFileSync(
      process.execPath,
      ["test/fixtures/tools/sops-encrypt.mjs", path.join(dir, "plain.yaml"), "--age", RECIPIENT],
      { encoding: "utf8" },
    );
    writeFileSync(path.join(dir, "enc.sops.yaml"), enc);
    writeFileSync(
      path.join(dir, "plain.yaml"),
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: matrix-secrets-prod\nstringData:\n  other: x\n",
    );
    const r = await cli(["sops-check", dir, "--age-key-file", KEY_FILE]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('Kubernetes Secret "matrix-secrets-prod" has stringData in plaintext');
    expect(r.stdout).not.toContain("***");
    expect(r.stdout + r.stderr).not.toContain("Tr0ub4dor");
  });
});
