import { describe, expect, it } from "vitest";
import { findingsForFixture } from "./helpers.js";

describe("messy real-world repositories", () => {
  it("gives at most one precise finding per problem and never stops or crashes", async () => {
    const f = await findingsForFixture("messy");
    expect(f.map((x) => [x.ruleId, x.file, x.line])).toEqual([
      ["yaml/alias-expansion", "apps/alias-bomb.yaml", 1],
      ["yaml/alias-expansion", "apps/anchors.yaml", 24],
      ["yaml/unquoted-template", "apps/externalsecret.yaml", 21],
      ["flux/values-external-unknown", "partial/helmrelease.yaml", 17],
    ]);
    expect(f.some((x) => x.ruleId === "verify-config/rule-failed")).toBe(false);
  });
});

describe("templates outside Helm charts", () => {
  it("skips Jinja/Go templates kept in a templates/ folder, but still parses plain YAML there", async () => {
    const { findingsFor } = await import("./helpers.js");
    const f = await findingsFor({
      "roles/matrix/templates/homeserver.yaml":
        "server_name: {{ matrix_domain }}\n{% if federation %}\nfederation: true\n{% endif %}\n",
      "templates/plain.yaml": "a: [1\n",
    });
    expect(f.map((x) => [x.ruleId, x.file])).toEqual([["yaml/syntax", "templates/plain.yaml"]]);
  });
});

describe("values from plaintext Secrets", () => {
  it("maps keys inside stringData blocks to their lines and base64 data to the key", async () => {
    const { findingsFor, ofRule } = await import("./helpers.js");
    const hr =
      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ess, namespace: matrix}\nspec:\n  chart: {spec: {chart: matrix-stack, version: 26.4.0, sourceRef: {kind: HelmRepository, name: ess}}}\n  valuesFrom:\n    - {kind: Secret, name: a}\n    - {kind: Secret, name: b}\n";
    const b64 = Buffer.from("bogusTwo: 1\n").toString("base64");
    const f = await findingsFor({
      "hr.yaml": hr,
      "s.yaml": `apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: matrix}\nstringData:\n  values.yaml: |\n    serverName: example.org\n    bogusOne: 1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b, namespace: matrix}\ndata:\n  values.yaml: ${b64}\n`,
    });
    expect(ofRule(f, "ess/unknown-key").map((x) => [x.keyPath, x.file, x.line])).toEqual([
      ["bogusOne", "s.yaml", 7],
      ["bogusTwo", "s.yaml", 13],
    ]);
  });
});
