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

describe("text rendered before anything parses it as YAML", () => {
  it("generator inputs, helmfiles, Jinja templates and app-substituted placeholders are not judged as YAML; manifests are", async () => {
    const { findingsFor } = await import("./helpers.js");
    // Shapes from lucas-dclrcq/homelabitty (MIT): a mautrix registration fed through a configMapGenerator
    // into an ExternalSecret templateFrom; 2i2c-org/infrastructure (BSD-3-Clause): a Jinja cluster template.
    const f = await findingsFor({
      "apps/mautrix/app/kustomization.yaml": [
        "resources: [./externalsecret.yaml]",
        "configMapGenerator:",
        "  - name: mautrix-discord-tpl",
        "    files:",
        "      - registration.yaml=./resources/registration.yaml",
        "      - ./resources/config.yaml",
        "",
      ].join("\n"),
      "apps/mautrix/app/resources/registration.yaml":
        "id: discord\nas_token: {{ .AS_TOKEN }}\nhs_token: {{ .HS_TOKEN }}\n",
      "apps/mautrix/app/resources/config.yaml": "bridge:\n  permissions:\n    {{ .ADMIN }}: admin\n  x: [1\n",
      "apps/mautrix/app/externalsecret.yaml": [
        "apiVersion: external-secrets.io/v1",
        "kind: ExternalSecret",
        "metadata: {name: mautrix-discord}",
        "spec:",
        "  target:",
        "    template:",
        "      templateFrom:",
        "        - configMap: {name: mautrix-discord-tpl, items: [{key: registration.yaml}]}",
        "",
      ].join("\n"),
      "config/clusters/templates/common/cluster-entry.yaml":
        "  - name: {{ hub_name }}\n    domain: {{ hub_name }}.{{ cluster_name }}.2i2c.cloud\n",
      "kubernetes/bootstrap/helmfile.yaml": 'releases:\n  - name: cilium\n    version: {{ env "CILIUM_VERSION" }}\n',
      "apps/homepage/settings.yaml": "title: Home\nheaderStyle: {{HOMEPAGE_VAR_STYLE}}\n",
      "apps/es/secret-template.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata:\n  token: {{ .TOKEN }}\n",
    });
    expect(f.filter((x) => x.ruleId.startsWith("yaml/")).map((x) => [x.ruleId, x.file])).toEqual([
      ["yaml/unquoted-template", "apps/es/secret-template.yaml"],
    ]);
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
