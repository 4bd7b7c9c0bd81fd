import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyOffline } from "../../../src/tasks/verify-config/index.js";
import { tempRepo, testDeps } from "./helpers.js";

/** YAML-ish fragments real repositories are made of, including broken and hostile ones. */
const token = fc.constantFrom(
  "apiVersion: v1\n",
  "apiVersion: helm.toolkit.fluxcd.io/v2\n",
  "kind: HelmRelease\n",
  "kind: ConfigMap\n",
  "kind: Secret\n",
  "metadata:\n  name: ess\n  namespace: matrix\n",
  "spec:\n",
  "  chart: {spec: {chart: matrix-stack, version: 26.4.0}}\n",
  "  valuesFrom:\n    - {kind: ConfigMap, name: ess}\n    - {kind: Secret, name: ess, targetPath: a.b[0]}\n",
  "  values:\n    serverName: example.org\n    matrixRTC: {enabled: true}\n",
  'data:\n  values.yaml: |\n    synapse:\n      additional:\n        x: {config: "a: ["}\n',
  "stringData:\n  values.yaml: |2-\n      bad: indent\n    x: 1\n",
  "---\n",
  "- a\n- b\n",
  "x: &a [1]\ny: *a\nz: *missing\n",
  "<<: *a\n",
  "key: {{ .tmpl }}\n",
  "t:\tb\n",
  "\tindented: 1\n",
  "a: [1, 2\n",
  "k: !env_var X\n",
  "dup: 1\ndup: 2\n",
  'q: "unterminated\n',
  "resources: [missing.yaml, ../up]\n",
  "patches:\n  - path: p.yaml\n",
  "sops:\n  mac: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\n",
  "null\n",
  "~\n",
  "''\n",
);

describe("robustness (property)", () => {
  it("never throws and never reports an internal rule failure, whatever the YAML", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(token, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        async (filesTokens) => {
          const files: Record<string, string> = { "kustomization.yaml": "resources: [a0.yaml]\n" };
          filesTokens.forEach((t, i) => (files[`a${i}.yaml`] = t.join("")));
          const root = tempRepo(files);
          const r = await verifyOffline({ root }, testDeps(root));
          expect(r.findings.filter((f) => f.ruleId === "verify-config/rule-failed")).toEqual([]);
          for (const f of r.findings) if (f.file) expect(f.line === undefined || f.line >= 1).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
