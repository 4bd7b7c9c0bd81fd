import type { Report } from "../../../src/core/finding.js";
import { cli } from "../../helpers/cli.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepo } from "../../../src/tasks/verify-config/repo/load.js";
import { findingsFor, ofRule, tempRepo, testDeps } from "./helpers.js";
import { verifyOffline } from "../../../src/tasks/verify-config/index.js";
import { ESS_CHECKS } from "../../../src/tasks/verify-config/ess/index.js";

const HR_HEAD =
  "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ess, namespace: matrix}\nspec:\n  chart: {spec: {chart: matrix-stack, version: 26.4.0, sourceRef: {kind: HelmRepository, name: ess}}}\n";

describe("file-level rules", () => {
  it("yaml/file-too-large and yaml/unreadable never stop the run", async () => {
    const root = tempRepo({ "ok.yaml": "a: 1\n" });
    writeFileSync(path.join(root, "big.yaml"), `a: "${"x".repeat(4 * 1024 * 1024 + 10)}"\n`);
    const findings: never[] = [];
    const repo = await loadRepo(
      root,
      [
        { abs: path.join(root, "big.yaml"), rel: "big.yaml" },
        { abs: path.join(root, "gone.yaml"), rel: "gone.yaml" },
        { abs: path.join(root, "ok.yaml"), rel: "ok.yaml" },
      ],
      findings,
    );
    expect((findings as { ruleId: string; file: string }[]).map((f) => [f.ruleId, f.file])).toEqual([
      ["yaml/file-too-large", "big.yaml"],
      ["yaml/unreadable", "gone.yaml"],
    ]);
    expect(repo.files.map((f) => f.rel)).toEqual(["ok.yaml"]);
  });

  it("yaml/nesting-too-deep: one finding for a hostile nesting depth, nothing for a deep but sane file", async () => {
    const nest = (n: number) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`;
    const root = tempRepo({ "deep.yaml": `a: ${nest(3000)}\n`, "sane.yaml": `a: ${nest(100)}\n` });
    const json = await cli(["verify-config", root, "--format", "json", "--fail-on", "never"]);
    const found = (JSON.parse(json.stdout) as Report).findings.map((f) => [f.ruleId, f.file, f.line] as const);
    expect(found.filter((f) => f[0] === "yaml/nesting-too-deep")).toEqual([["yaml/nesting-too-deep", "deep.yaml", 1]]);
    expect(found.filter((f) => f[1] === "sane.yaml" && f[0].startsWith("yaml/"))).toEqual([]);
  });

  it("--max-file-size sets the limit (CLI), and a bad size is a usage error", async () => {
    const root = tempRepo({ "small.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: b}\n" });
    const json = await cli(["verify-config", root, "--max-file-size", "10", "--format", "json", "--fail-on", "never"]);
    expect((JSON.parse(json.stdout) as Report).findings.map((f) => f.ruleId)).toEqual(["yaml/file-too-large"]);
    const bad = await cli(["verify-config", root, "--max-file-size", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('mxops: error: --max-file-size must be a size like 4194304, 512k or 8M, not "lots"\n');
  });
});

describe("flux reference rules", () => {
  it("flux/values-from-invalid: wrong kind or no name; a correct reference is silent", async () => {
    const f = await findingsFor({
      "hr.yaml": `${HR_HEAD}  valuesFrom:\n    - {kind: Deployment, name: x}\n    - {kind: ConfigMap}\n    - {kind: ConfigMap, name: ok}\n`,
      "cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: matrix}\ndata:\n  values.yaml: |\n    serverName: example.org\n",
    });
    expect(ofRule(f, "flux/values-from-invalid").map((x) => x.line)).toEqual([7, 8]);
  });

  it("flux/values-decrypt-failed: a tampered SOPS Secret is reported, not guessed; the intact one decrypts", async () => {
    const { readFileSync } = await import("node:fs");
    const good = readFileSync("examples/gitops/apps/matrix/ess-secret-values.sops.yaml", "utf8");
    const bad = good.replace(
      /ENC\[AES256_GCM,data:([A-Za-z0-9+/]{10})/,
      (_m, d: string) => `ENC[AES256_GCM,data:${d.split("").reverse().join("")}`,
    );
    const root = tempRepo({
      "ok/s.sops.yaml": good,
      "bad/s.sops.yaml": bad.replace("name: ess-secret-values", "name: other"),
    });
    const r = await verifyOffline(
      { root, ageKeys: [{ origin: "k", text: readFileSync("examples/demo-age-key.txt", "utf8") }] },
      testDeps(root),
    );
    expect(ofRule(r.findings, "flux/values-decrypt-failed")).toMatchObject([
      { file: "bad/s.sops.yaml", severity: "warning" },
    ]);
  });
});

describe("more ESS rules", () => {
  it("ess/invalid-value: out-of-range numbers and pattern mismatches; valid values are silent", async () => {
    const f = await findingsFor({
      "hr.yaml": `${HR_HEAD}  values:\n    serverName: example.org\n    synapse:\n      enabled: false\n      workers:\n        client-reader:\n          replicas: -1\n`,
    });
    expect(ofRule(f, "ess/invalid-value")).toMatchObject([
      { keyPath: "synapse.workers.client-reader.replicas", line: 12 },
    ]);
  });

  it("ess/turn-tls-certificate-missing: TURN TLS on the pod needs a certificate source", async () => {
    const base =
      "    serverName: example.org\n    matrixRTC:\n      ingress: {host: mrtc.example.org}\n      sfu:\n        exposedServices:\n          turnTLS:\n            enabled: true\n            tlsTerminationOnPod: true\n";
    const f = await findingsFor({ "hr.yaml": `${HR_HEAD}  values:\n${base}` });
    expect(ofRule(f, "ess/turn-tls-certificate-missing")).toHaveLength(1);
    const g = await findingsFor({ "hr.yaml": `${HR_HEAD}  values:\n${base}            tlsSecret: turn-tls\n` });
    expect(ofRule(g, "ess/turn-tls-certificate-missing")).toEqual([]);
  });

  it("verify-config/rule-failed: a crashing rule becomes a finding and the others still run", async () => {
    const boom = () => {
      throw new Error("boom");
    };
    ESS_CHECKS.push(boom);
    try {
      const f = await findingsFor({ "hr.yaml": `${HR_HEAD}  values:\n    serverName: example.org\n    bogus: 1\n` });
      expect(ofRule(f, "verify-config/rule-failed")).toMatchObject([
        { severity: "error", message: expect.stringContaining("boom") as string },
      ]);
      expect(ofRule(f, "ess/unknown-key")).toHaveLength(1);
    } finally {
      ESS_CHECKS.pop();
    }
  });
});
