// The CLI end to end (in-process): exit codes, and no plaintext of any vector or example in any output format,
// on stdout, stderr or a written report.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../../../src/format/index.js";
import type { Report } from "../../../src/core/finding.js";
import { cli } from "../../helpers/cli.js";
import { VECTORS } from "../../core/sops/helpers.js";
import { tempDir } from "../../helpers/tmp.js";

function plaintexts(): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === "string") out.add(v.trim());
    else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === "object") Object.values(v).forEach(add);
  };
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".plain.json") || e.name.endsWith(".comments.json")) {
        const v = JSON.parse(readFileSync(p, "utf8")) as unknown;
        add(Array.isArray(v) ? v.map((c: { plaintext?: string }) => c.plaintext ?? c) : v);
      }
    }
  };
  walk(VECTORS);
  // The example Secrets' plaintext (made by test/fixtures/sops-check/make-examples.sh).
  for (const s of ["demo-client-secret-7Hq2xVb9LmP4", "demo-db-password-Q8wz3", "mas-demo-client"]) out.add(s);
  // Short or generic words would match unrelated text (line numbers, "string" in messages); keep distinctive ones.
  return [...out].filter((s) => s.length >= 5 && !["string", "three"].includes(s));
}

describe("sops-check CLI", () => {
  it("npm start: the clean example exits 0 with a readable report", async () => {
    const r = await cli(["sops-check", "examples/gitops", "--age-key-file", "examples/demo-age-key.txt"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("sops-check: no findings");
  });
  it("the faults example exits 1; --fail-on never exits 0", async () => {
    expect((await cli(["sops-check", "examples/gitops-faults"])).code).toBe(1);
    expect((await cli(["sops-check", "examples/gitops-faults", "--fail-on", "never"])).code).toBe(0);
  });
  it("bad input is one line and exit 2: missing key file, protected key without passphrase, bad size, missing path", async () => {
    for (const [argv, env] of [
      [["sops-check", "examples/gitops", "--age-key-file", "nope.txt"], {}],
      [
        ["sops-check", "examples/gitops"],
        { SOPS_AGE_KEY_FILE: path.join(VECTORS, "getsops-sops/age-keysource/scrypt-protected-identity.age") },
      ],
      [["sops-check", "--max-file-size", "lots"], {}],
      [["sops-check", "no/such/dir"], {}],
    ] as Array<[string[], Record<string, string>]>) {
      const r = await cli(argv, env);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^mxops: error: /);
    }
  });
  it("reads SOPS_AGE_KEY and the passphrase-protected key with MXOPS_AGE_KEY_PASSPHRASE", async () => {
    const key = readFileSync(path.join(VECTORS, "sops-age/key.txt"), "utf8");
    const r = await cli(["sops-check", path.join(VECTORS, "sops-age"), "--format", "json"], { SOPS_AGE_KEY: key });
    expect((JSON.parse(r.stdout) as Report).findings).toEqual([]);
    const p = await cli(["sops-check", path.join(VECTORS, "sops-age"), "--format", "json"], {
      SOPS_AGE_KEY_FILE: path.join(VECTORS, "getsops-sops/age-keysource/scrypt-protected-identity.age"),
      MXOPS_AGE_KEY_PASSPHRASE: "passphrase",
    });
    expect(p.code).toBe(0);
    expect((JSON.parse(p.stdout) as Report).findings.map((f) => f.ruleId)).toContain("sops/no-matching-identity");
  });
  it("PGP-only vectors give a clear no-usable-key warning through the CLI (they verify via the data key in engine tests)", async () => {
    const key = readFileSync(path.join(VECTORS, "sops-age/key.txt"), "utf8");
    const r = await cli(["sops-check", path.join(VECTORS, "getsops-sops"), "--format", "json"], { SOPS_AGE_KEY: key });
    const findings = (JSON.parse(r.stdout) as Report).findings;
    expect(findings.map((f) => `${f.file}:${f.ruleId}:${f.severity}`).sort()).toEqual(
      ["comments.enc.yaml", "format.enc.env", "format.enc.json", "format.enc.yaml"].map(
        (f) => `${f}:sops/no-usable-key:warning`,
      ),
    );
  });
  it("no plaintext in any format (stdout, stderr, --output file) over the vectors and the faults example", async () => {
    const secrets = plaintexts();
    expect(secrets.length).toBeGreaterThan(8);
    const dir = tempDir("leak");
    const keys = [
      path.join(VECTORS, "sops-age/key.txt"),
      path.join(VECTORS, "sops-nix/age-keys.txt"),
      "examples/demo-age-key.txt",
    ];
    const SOPS_AGE_KEY = keys
      .map((k) => readFileSync(k, "utf8"))
      .join("\n")
      .split("\n")
      .filter((l) => l.startsWith("AGE-SECRET-KEY-"))
      .join("\n");
    for (const target of [VECTORS, "examples/gitops-faults", "examples/gitops"]) {
      for (const format of FORMATS) {
        const out = path.join(dir, `${format}.out`);
        const runs = [
          await cli(["sops-check", target, "--format", format, "--verbose"], { SOPS_AGE_KEY }),
          await cli(["sops-check", target, "--format", format, "--output", out], { SOPS_AGE_KEY }),
        ];
        const texts = [...runs.flatMap((r) => [r.stdout, r.stderr]), readFileSync(out, "utf8")];
        expect(runs[0].code).toBeLessThan(2);
        for (const t of texts) {
          for (const s of secrets)
            expect(t.includes(s), `${format} over ${target} leaks a plaintext value`).toBe(false);
          expect(t).not.toMatch(/AGE-SECRET-KEY-/);
        }
      }
    }
  });
});
