import { describe, expect, it } from "vitest";
import { didYouMean } from "../../../src/tasks/verify-config/ess/did-you-mean.js";
import { schemaFor, shippedVersions } from "../../../src/tasks/verify-config/ess/schema-data.js";
import { validateValues } from "../../../src/tasks/verify-config/ess/validate.js";
import { findingsFor, findingsForFixture, ofRule, tempRepo } from "./helpers.js";

const ESS_RULES = (ids: string[]) => ids.filter((i) => i.startsWith("ess/"));

const hr = (values: string, version = "26.4.0") =>
  [
    "apiVersion: helm.toolkit.fluxcd.io/v2",
    "kind: HelmRelease",
    "metadata: {name: ess, namespace: matrix}",
    "spec:",
    "  chart:",
    `    spec: {chart: matrix-stack, version: "${version}", sourceRef: {kind: HelmRepository, name: ess}}`,
    "  values:",
    ...values.split("\n").map((l) => `    ${l}`),
    "",
  ].join("\n");

const SECTIONS: Record<string, string> = {
  serverName: "serverName: example.org",
  synapse: "synapse: {ingress: {host: matrix.example.org}}",
  matrixAuthenticationService: "matrixAuthenticationService: {ingress: {host: account.example.org}}",
  matrixRTC: "matrixRTC: {ingress: {host: mrtc.example.org}}",
  elementWeb: "elementWeb: {ingress: {host: chat.example.org}}",
  elementAdmin: "elementAdmin: {ingress: {host: admin.example.org}}",
};
/** A full values set; `replace` swaps whole top-level sections (no duplicate keys). */
function values(replace: Record<string, string> = {}, extra = ""): string {
  const lines = Object.entries(SECTIONS).map(([k, v]) => replace[k] ?? v);
  return [...lines, ...(extra ? [extra] : [])].join("\n");
}
const BASE = values();

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

describe("shipped ESS schema data", () => {
  it("ships every distinct schema 26.4.0 … 26.8.1 with its source", () => {
    expect(shippedVersions()).toEqual(["26.4.0", "26.5.0", "26.6.0", "26.6.2", "26.7.0", "26.7.1", "26.8.0", "26.8.1"]);
    expect(schemaFor("26.4.0").source).toMatchObject({
      repo: "element-hq/ess-helm",
      path: "charts/matrix-stack/values.schema.json",
      version: "26.4.0",
    });
  });

  it("picks the schema for a pin: exact, identical tag, later patch, newer chart, unpinned", () => {
    expect(schemaFor("26.4.0")).toMatchObject({ version: "26.4.0", match: "exact" });
    expect(schemaFor("26.7.2")).toMatchObject({ version: "26.7.1", match: "exact" });
    expect(schemaFor("26.6.5")).toMatchObject({ version: "26.6.2", match: "older-patch" });
    expect(schemaFor("26.9.1")).toMatchObject({ version: "26.8.1", match: "newer" });
    expect(schemaFor(">=26.0.0")).toMatchObject({ version: "26.8.1", match: "unpinned" });
    expect(schemaFor(undefined)).toMatchObject({ match: "unpinned" });
  });

  it("validates types, enums, closed objects and credential shapes like Helm", () => {
    const s = schemaFor("26.4.0");
    const issues = validateValues(s.nodes, s.root, {
      serverName: 5,
      synapse: { macaroon: { value: "x", secret: "s", secretKey: "k" }, ingress: { controllerType: "traefik" } },
      wellKnownDelegation: { enabled: null },
      bogus: true,
    });
    expect(issues.map((i) => [i.kind, i.path.join(".")])).toEqual(
      expect.arrayContaining([
        ["type", "serverName"],
        ["shape", "synapse.macaroon"],
        ["enum", "synapse.ingress.controllerType"],
        ["unknown-key", "bogus"],
      ]),
    );
    expect(issues).toHaveLength(4);
  });

  it("suggests close keys", () => {
    expect(didYouMean("server_name", ["serverName", "synapse"])).toBe("serverName");
    expect(didYouMean("hostname", ["host", "className"])).toBe("host");
    expect(didYouMean("synapes", ["synapse", "postgres"])).toBe("synapse");
    expect(didYouMean("zzzz", ["synapse"])).toBeUndefined();
  });
});

describe("ESS schema rule", () => {
  it("is silent on a correct values set", async () => {
    const f = await findingsFor({ "hr.yaml": hr(BASE) });
    expect(f).toEqual([]);
  });

  it("flags unknown keys with did-you-mean and the MAS move hint, at the written line", async () => {
    const text = hr(
      values({
        synapse: "synapse:\n  ingress: {host: matrix.example.org}\n  replicaCount: 2",
        matrixAuthenticationService:
          "matrixAuthenticationService:\n  ingress: {host: account.example.org}\n  account:\n    password_registration_enabled: true",
      }),
    );
    const f = await findingsFor({ "hr.yaml": text });
    const unknown = ofRule(f, "ess/unknown-key");
    expect(unknown.map((u) => [u.keyPath, u.line, u.severity])).toEqual([
      ["synapse.replicaCount", lineOf(text, "replicaCount"), "error"],
      ["matrixAuthenticationService.account", lineOf(text, "account:"), "error"],
    ]);
    expect(unknown[1]?.hint).toContain("matrixAuthenticationService.additional.account.config");
  });

  it("flags keys the chart ignores beside config in additional entries (a gap in the chart's schema)", async () => {
    const text = hr(
      values({
        synapse:
          "synapse:\n  ingress: {host: matrix.example.org}\n  additional:\n    a:\n      config: 'x: 1'\n      configSecretkey: k\n    b:\n      config: 'y: 1'",
      }),
    );
    const f = await findingsFor({ "hr.yaml": text });
    expect(ofRule(f, "ess/unknown-key")).toMatchObject([
      {
        keyPath: "synapse.additional.a.configSecretkey",
        line: lineOf(text, "configSecretkey"),
        hint: "Did you mean synapse.additional.a.configSecretKey?",
      },
    ]);
  });

  it("downgrades unknown keys to warnings on a chart newer than the shipped schemas, saying so", async () => {
    const f = await findingsFor({ "hr.yaml": hr(`${BASE}\nbrandNewSection: {enabled: true}`, "27.1.0") });
    expect(ofRule(f, "ess/unknown-key")).toMatchObject([
      { severity: "warning", message: expect.stringContaining("newer than the newest schema") as string },
    ]);
  });

  it("does not type-check Flux substitutions (${VAR} becomes true/1/text before parsing)", async () => {
    const text = hr(
      values(
        { matrixRTC: "matrixRTC:\n  enabled: ${RTC_ENABLED:=true}\n  ingress: {host: mrtc.example.org}" },
        "synapse:\n  ingress: {host: matrix.example.org}\n  workers:\n    client-reader:\n      replicas: ${READERS}",
      ).replace("synapse: {ingress: {host: matrix.example.org}}\n", ""),
    );
    const f = await findingsFor({ "hr.yaml": text });
    expect(f).toEqual([]);
  });

  it("reports type errors, credential shape errors and required keys", async () => {
    const text = hr(
      values(
        {
          synapse:
            "synapse:\n  ingress: {host: matrix.example.org}\n  macaroon: {value: a, secret: b, secretKey: c}\n  postgres: {host: db}",
        },
        'wellKnownDelegation:\n  enabled: "yes"',
      ),
    );
    const f = await findingsFor({ "hr.yaml": text });
    expect(ofRule(f, "ess/invalid-shape")).toMatchObject([
      { keyPath: "synapse.macaroon", line: lineOf(text, "macaroon") },
    ]);
    expect(ofRule(f, "ess/missing-key").map((x) => x.message)).toEqual([
      expect.stringContaining("needs database"),
      expect.stringContaining("needs user"),
    ]);
    expect(ofRule(f, "ess/invalid-type")).toMatchObject([
      { keyPath: "wellKnownDelegation.enabled", line: lineOf(text, '"yes"') },
    ]);
  });

  it("checks plain values files (auto-detected or --values) with --chart-version", async () => {
    const text = values({ elementWeb: "elementWeb:\n  ingress: {host: chat.example.org}\n  additonal: {}" });
    const f = await findingsFor({ "ess-values.yaml": text }, { chartVersion: "26.4.0" });
    expect(ofRule(f, "ess/unknown-key")).toMatchObject([
      { file: "ess-values.yaml", line: lineOf(text, "additonal"), hint: "Did you mean elementWeb.additional?" },
    ]);
    const g = await findingsFor(
      { "a.yaml": "serverName: example.org\n", "b.yaml": "synapse: {enabled: false}\nbogus: 1\n" },
      { values: ["a.yaml", "b.yaml"] },
    );
    expect(ofRule(g, "ess/unknown-key")).toMatchObject([{ file: "b.yaml", line: 2 }]);
    // A --values file outside the scanned tree is read on its own; a missing one is an input error.
    const outside = tempRepo({ "v.yaml": "serverName: example.org\nbogus: 1\n" });
    const o = await findingsFor({ "x.yaml": "a: 1\n" }, { values: [`${outside}/v.yaml`] });
    expect(ofRule(o, "ess/unknown-key")).toMatchObject([{ line: 2 }]);
    await expect(findingsFor({ "x.yaml": "a: 1\n" }, { values: ["nope.yaml"] })).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
    // Values of the matrix-synapse chart share serverName/synapse but are not ESS values.
    const h = await findingsFor({
      "synapse-values.yaml":
        "serverName: example.org\npublicServerName: matrix.example.org\nsynapse:\n  strategy: {type: Recreate}\nwellknown: {enabled: true}\n",
    });
    expect(h).toEqual([]);
  });
});

describe("ESS chart detection", () => {
  it("follows chartRef to an OCIRepository (chart name from the URL, version from the tag)", async () => {
    const f = await findingsFor({
      "oci.yaml":
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: matrix-stack, namespace: matrix}\nspec:\n  url: oci://ghcr.io/element-hq/ess-helm/matrix-stack\n  ref: {tag: 26.4.0}\n",
      "hr.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ess, namespace: matrix}\nspec:\n  chartRef: {kind: OCIRepository, name: matrix-stack}\n  values:\n    serverName: example.org\n    bogusKey: 1\n",
      "other.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: app, namespace: matrix}\nspec:\n  chart: {spec: {chart: podinfo, version: 1.0.0, sourceRef: {kind: HelmRepository, name: p}}}\n  values:\n    bogusKey: 1\n",
    });
    expect(ofRule(f, "ess/unknown-key")).toMatchObject([
      { file: "hr.yaml", line: 8, severity: "error", data: { chartVersion: "26.4.0", schemaVersion: "26.4.0" } },
    ]);
  });
});

describe("ESS pitfalls", () => {
  it("rtc-without-well-known: triggers only with matrixRTC on and delegation off", async () => {
    const on = await findingsFor({ "hr.yaml": hr(`${BASE}\nwellKnownDelegation: {enabled: false}`) });
    expect(ofRule(on, "ess/rtc-without-well-known")).toMatchObject([
      { severity: "error", line: 14, message: expect.stringContaining("MISSING_MATRIX_RTC_FOCUS") as string },
    ]);
    const off = await findingsFor({
      "hr.yaml": hr(
        `${BASE.replace("matrixRTC: {ingress", "matrixRTC: {enabled: false, ingress")}\nwellKnownDelegation: {enabled: false}`,
      ),
    });
    expect(ofRule(off, "ess/rtc-without-well-known")).toEqual([]);
  });

  it("shared-host: component on the apex or two components on one host", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(
        BASE.replace("chat.example.org", "example.org").replace("admin.example.org", "account.example.org"),
      ),
    });
    expect(ofRule(f, "ess/shared-host").map((x) => [x.keyPath, x.severity])).toEqual([
      ["elementWeb.ingress.host", "warning"],
      ["elementAdmin.ingress.host", "warning"],
    ]);
  });

  it("host-missing and server-name-missing follow the chart's validations, and stay quiet when values are incomplete", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(
        "synapse: {ingress: {host: matrix.example.org}}\nmatrixRTC: {enabled: false}\nelementAdmin: {enabled: false}\nmatrixAuthenticationService: {enabled: false}\nelementWeb: {enabled: false}",
      ),
    });
    expect(ofRule(f, "ess/server-name-missing")).toHaveLength(1);
    const g = await findingsFor({
      "hr.yaml": hr(
        "serverName: example.org\nsynapse: {enabled: true}\nmatrixRTC: {enabled: false}\nelementAdmin: {enabled: false}\nmatrixAuthenticationService: {enabled: false}\nelementWeb: {enabled: false}",
      ),
    });
    expect(ofRule(g, "ess/host-missing")).toMatchObject([{ keyPath: "synapse.ingress.host" }]);
    const h = await findingsFor({
      "hr.yaml": hr("synapse: {enabled: true}").replace(
        "  values:",
        "  valuesFrom:\n    - {kind: Secret, name: enc}\n  values:",
      ),
      "enc.yaml":
        "apiVersion: v1\nkind: Secret\nmetadata: {name: enc, namespace: matrix}\nstringData:\n  values.yaml: ENC[AES256_GCM,data:xx,iv:yy,tag:zz,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:xx,iv:yy,tag:zz,type:str]\n",
    });
    expect(ofRule(h, "ess/host-missing")).toEqual([]);
    expect(ofRule(h, "ess/server-name-missing")).toEqual([]);
    expect(ofRule(h, "flux/values-encrypted-unknown")).toHaveLength(1);
  });

  it("invalid-host: schemes and paths in hosts", async () => {
    const f = await findingsFor({
      "hr.yaml": hr(BASE.replace("host: matrix.example.org", "host: https://matrix.example.org/")),
    });
    expect(ofRule(f, "ess/invalid-host")).toMatchObject([{ keyPath: "synapse.ingress.host" }]);
  });

  it("element-additional-name: a config-key name without the wrapper, not a wrapped one", async () => {
    const text = hr(
      values({
        elementWeb: `elementWeb:\n  ingress: {host: chat.example.org}\n  additional:\n    setting_defaults: '{"UIFeature.registration": false}'\n    features: '{"features": {"x": true}}'\n    mine: '{"brand": "Chat"}'`,
      }),
    );
    const f = await findingsFor({ "hr.yaml": text });
    expect(ofRule(f, "ess/element-additional-name")).toMatchObject([
      { keyPath: "elementWeb.additional.setting_defaults", line: lineOf(text, "setting_defaults") },
    ]);
  });
});

describe("issue 4 incidents reproduced (test/fixtures/verify-config/ess)", () => {
  it("the good values set has no findings", async () => {
    expect(await findingsForFixture("ess/good")).toEqual([]);
  });

  it.each([
    ["missing-rtc-focus", "ess/rtc-without-well-known", "helmrelease.yaml", 20],
    ["element-on-apex", "ess/shared-host", "configmap.yaml", 36],
    ["element-setting-defaults", "ess/element-additional-name", "configmap.yaml", 38],
    ["mas-settings-top-level", "ess/unknown-key", "helmrelease.yaml", 23],
  ])("%s → %s at %s:%i", async (name, rule, file, line) => {
    const f = await findingsForFixture(`ess/${name}`);
    expect(ofRule(f, rule)).toEqual(expect.arrayContaining([expect.objectContaining({ file, line })]));
  });

  it("invented Synapse and MAS keys inside the ConfigMap's values.yaml block point at their real lines", async () => {
    const syn = await findingsForFixture("ess/invented-synapse-keys");
    expect(syn.filter((x) => x.severity === "error").map((x) => [x.file, x.line])).toEqual([
      ["configmap.yaml", 16],
      ["configmap.yaml", 17],
    ]);
    const mas = await findingsForFixture("ess/invented-mas-keys");
    expect(mas.filter((x) => x.severity === "error").map((x) => [x.file, x.line])).toEqual([
      ["configmap.yaml", 22],
      ["configmap.yaml", 24],
      ["configmap.yaml", 26],
    ]);
    expect(ESS_RULES(mas.map((x) => x.ruleId))).toEqual([]);
  });
});
