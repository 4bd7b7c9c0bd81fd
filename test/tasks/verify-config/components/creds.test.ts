import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRepoCredentials, checkValuesCredentials } from "../../../../src/tasks/verify-config/components/creds.js";
import { classifySecretValue } from "../../../../src/tasks/verify-config/components/util/credentials.js";
import { repoFrom, valuesFrom } from "./context.js";

const fixture = (name: string) => readFileSync(`test/fixtures/verify-config/components/creds/${name}`, "utf8");
const FAKE_SECRETS = [
  "s3cr3t-fake-pw",
  "fake-registration-secret",
  "fake-authentik-client-secret",
  "fake-db-pw",
  "fake-admin-pw",
  "fake-livekit-secret",
  "fake-api-token-value",
  "fake-smtp-pw",
  "Fake-Oidc-Client-Secret-42",
  "fake-env-smtp-pw",
];

describe("plaintext credentials in the repository", () => {
  it("finds every literal credential, also two embeddings deep, at its real line", () => {
    const text = fixture("leaky.yaml");
    const fs = checkRepoCredentials(repoFrom({ "apps/matrix/leaky.yaml": text }));
    const lines = text.split("\n");
    const got = fs.map((f) => [f.ruleId, f.severity, f.line, lines[f.line! - 1].trim().split(":")[0]]);
    expect(got).toEqual([
      ["creds/plaintext-credential", "error", 8, "POSTGRES_PASSWORD"],
      ["creds/plaintext-credential", "error", 11, 'export SMTP_PASSWORD="fake-env-smtp-pw"'],
      ["creds/plaintext-credential", "error", 17, "registration_shared_secret"],
      ["creds/plaintext-credential", "error", 26, "client_secret"],
      ["creds/plaintext-credential", "error", 29, "uri"],
      ["creds/plaintext-credential", "error", 44, "value"],
      ["creds/plaintext-credential", "error", 49, "value"],
      ["creds/placeholder-credential", "warning", 52, "value"],
      ["creds/plaintext-credential", "error", 55, "value"],
      ["creds/plaintext-credential", "error", 57, "clientSecret"],
      ["creds/plaintext-credential", "error", 68, "AUTHENTIK_TOKEN"],
    ]);
    expect(fs[3].keyPath).toBe(
      'data["values.yaml"]#matrixAuthenticationService.additional.auth.config#upstream_oauth2.providers[0].client_secret',
    );
    expect(fs[3].file).toBe("apps/matrix/leaky.yaml");
    expect(fs[0].hint).toContain("SOPS");
  });

  it("never puts the secret into a finding", () => {
    const json = JSON.stringify(checkRepoCredentials(repoFrom({ "leaky.yaml": fixture("leaky.yaml") })));
    for (const s of FAKE_SECRETS) expect(json).not.toContain(s);
  });

  it("does not flag references, substitutions, templates, placeholders in angle brackets or encrypted Secrets", () => {
    expect(checkRepoCredentials(repoFrom({ "clean.yaml": fixture("clean.yaml") }))).toEqual([]);
  });

  it("classifies values", () => {
    expect(classifySecretValue("hunter2")).toBe("literal");
    expect(classifySecretValue("${SECRET}")).toBe("none");
    expect(classifySecretValue("<secret>")).toBe("none");
    expect(classifySecretValue("{{ .Values.x }}")).toBe("none");
    expect(classifySecretValue("CHANGEME")).toBe("placeholder");
    expect(classifySecretValue(true)).toBe("none");
    expect(classifySecretValue("")).toBe("none");
  });
});

describe("plaintext credentials in plain values files", () => {
  it("reports credentials in a values file passed to helm install", () => {
    const text =
      "matrixAuthenticationService:\n  additional:\n    a:\n      config: |\n        matrix:\n          secret: fake-matrix-secret\n";
    const fs = checkValuesCredentials(valuesFrom(text, { file: "ess-values.yaml", repo: repoFrom({}) }));
    expect(fs.map((f) => [f.ruleId, f.file, f.line])).toEqual([["creds/plaintext-credential", "ess-values.yaml", 6]]);
    expect(JSON.stringify(fs)).not.toContain("fake-matrix-secret");
  });

  it("leaves manifests to the repository scan and skips decrypted SOPS sources", () => {
    const hr =
      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ess}\nspec:\n  values:\n    synapse:\n      macaroon:\n        value: fake\n";
    expect(checkValuesCredentials(valuesFrom(hr, { file: "hr.yaml", prefix: ["spec", "values"] }))).toEqual([]);
    const text = "synapse:\n  macaroon:\n    value: fake-from-sops\n";
    expect(checkValuesCredentials(valuesFrom(text, { file: "ess-values.sops.yaml", repo: repoFrom({}) }))).toEqual([]);
  });
});
