// A MAS config that arrives through a SOPS-encrypted values Secret: decrypted in memory by the task, then
// checked like any other values; its credentials are not "plaintext" (they are encrypted in Git) and never
// appear in findings.
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { verifyOffline } from "../../../../src/tasks/verify-config/index.js";
import { makeSopsYaml } from "../../../core/sops/helpers.js";
import { tempRepo, testDeps } from "../helpers.js";

const SECRET = "fake-upstream-client-secret-Zq81";
const VALUES = `matrixAuthenticationService:
  additional:
    sso:
      config: |
        user_mapping_provider: {}
        upstream_oauth2:
          providers:
            - id: 01JA7Q2Z8M5X4C3B2N1V0W9E8R
              issuer: https://sso.example.org/application/o/matrix
              client_id: mas
              client_secret: ${SECRET}
              token_endpoint_auth_method: client_secret_basic
`;

const HR = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ess, namespace: matrix}
spec:
  chart:
    spec: {chart: matrix-stack, version: 26.8.1, sourceRef: {kind: HelmRepository, name: ess}}
  valuesFrom:
    - kind: Secret
      name: ess-secret-values
      valuesKey: values.yaml
  values:
    serverName: example.org
`;

describe("MAS config from a decrypted SOPS values Secret", () => {
  it("is validated, and its encrypted credentials are not reported as plaintext", async () => {
    const id = await generateX25519Identity();
    const rcp = await identityToRecipient(id);
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "ess-secret-values", namespace: "matrix" },
      stringData: { "values.yaml": VALUES },
    };
    const { text } = await makeSopsYaml([secret], { groups: [[rcp]], encryptedRegex: "^(data|stringData)$" });
    const root = tempRepo({ "apps/matrix/helmrelease.yaml": HR, "apps/matrix/ess-secret-values.sops.yaml": text });
    const { findings } = await verifyOffline({ root, ageKeys: [{ origin: "test", text: id }] }, testDeps(root));
    const mine = findings.filter((f) => /^(mas|creds|consistency)\//.test(f.ruleId));
    expect(mine.map((f) => [f.ruleId, f.file])).toEqual([
      ["mas/unknown-key", "apps/matrix/ess-secret-values.sops.yaml"],
      ["consistency/issuer-trailing-slash", "apps/matrix/ess-secret-values.sops.yaml"],
    ]);
    expect(JSON.stringify(findings)).not.toContain(SECRET);
  });
});
