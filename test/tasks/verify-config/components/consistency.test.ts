import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkChartVersionPins,
  checkHostDomains,
  checkIssuerConsistency,
  isVersionRange,
  relatedHost,
} from "../../../../src/tasks/verify-config/components/consistency.js";
import { repoFrom, valuesFrom } from "./context.js";

const dir = "test/fixtures/verify-config/components/consistency";
const authentik = readFileSync(`${dir}/authentik.yaml`, "utf8");
const ess = readFileSync(`${dir}/ess.yaml`, "utf8");

function essCtx(text: string) {
  const repo = repoFrom({ "auth/authentik.yaml": authentik, "matrix/ess.yaml": text });
  return valuesFrom(text, { file: "matrix/ess.yaml", prefix: ["spec", "values"], repo });
}

describe("issuer vs Authentik", () => {
  it("accepts the Authentik issuer on the Authentik host with a trailing slash", () => {
    expect(checkIssuerConsistency(essCtx(ess))).toEqual([]);
  });

  it("reports a missing trailing slash", () => {
    const fs = checkIssuerConsistency(essCtx(ess.replace("/application/o/matrix/", "/application/o/matrix")));
    expect(fs.map((f) => [f.ruleId, f.severity, f.file, f.line])).toEqual([
      ["consistency/issuer-trailing-slash", "error", "matrix/ess.yaml", 26],
    ]);
  });

  it("reports an issuer on another host than Authentik's", () => {
    const fs = checkIssuerConsistency(essCtx(ess.replace("https://sso.example.org", "https://auth.example.org")));
    expect(fs.map((f) => [f.ruleId, f.severity, f.line])).toEqual([["consistency/issuer-host", "warning", 26]]);
    expect(fs[0].message).toContain("sso.example.org");
  });

  it("finds Authentik hosts from Ingresses too", () => {
    const ingress =
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: sso}\nspec:\n  rules:\n    - host: sso.example.org\n      http:\n        paths:\n          - path: /\n            backend: {service: {name: authentik-server, port: {number: 80}}}\n";
    const repo = repoFrom({ "ing.yaml": ingress, "matrix/ess.yaml": ess });
    expect(
      checkIssuerConsistency(valuesFrom(ess, { file: "matrix/ess.yaml", prefix: ["spec", "values"], repo })),
    ).toEqual([]);
  });
});

describe("hosts vs serverName", () => {
  it("accepts subdomains and siblings", () => {
    expect(relatedHost("matrix.example.org", "example.org")).toBe(true);
    expect(relatedHost("auth.example.org", "m.example.org")).toBe(true);
    expect(relatedHost("matrix.other.net", "example.org")).toBe(false);
    expect(checkHostDomains(essCtx(ess))).toEqual([]);
  });

  it("warns about a host in another domain", () => {
    const fs = checkHostDomains(essCtx(ess.replace("account.example.org", "account.example.net")));
    expect(fs.map((f) => [f.ruleId, f.severity, f.line])).toEqual([["consistency/host-domain", "warning", 18]]);
  });

  it("does not judge Flux-substituted hosts it cannot compare", () => {
    const t = ess
      .replace("serverName: example.org", "serverName: ${DOMAIN}")
      .replace("matrix.example.org", "matrix.${DOMAIN}");
    expect(checkHostDomains(essCtx(t))).toEqual([]);
  });
});

describe("chart version pins", () => {
  it("flags ranges, not exact versions", () => {
    expect(isVersionRange("26.8.1")).toBe(false);
    expect(isVersionRange(">=26.0.0")).toBe(true);
    expect(isVersionRange("26.x")).toBe(true);
    expect(isVersionRange("^26.4")).toBe(true);
    expect(checkChartVersionPins(repoFrom({ "a.yaml": authentik, "b.yaml": ess }))).toEqual([]);
    const fs = checkChartVersionPins(repoFrom({ "b.yaml": ess.replace("version: 26.8.1", 'version: ">=26.4.0"') }));
    expect(fs.map((f) => [f.ruleId, f.line])).toEqual([["consistency/chart-version-range", 10]]);
  });

  it("leaves version ranges in kustomize patch files alone (overlays override the base on purpose)", () => {
    const repo = repoFrom({ "staging/patch.yaml": ess.replace("version: 26.8.1", 'version: ">=26.4.0"') });
    expect(checkChartVersionPins({ ...repo, patchFiles: new Set(["staging/patch.yaml"]) })).toEqual([]);
  });

  it("flags OCIRepositories that follow a semver range", () => {
    const oci = (ref: string) =>
      `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: ess, namespace: matrix}\nspec:\n  url: oci://ghcr.io/element-hq/ess-helm/matrix-stack\n  ref:\n    ${ref}\n`;
    expect(checkChartVersionPins(repoFrom({ "o.yaml": oci("tag: 26.8.1") }))).toEqual([]);
    const fs = checkChartVersionPins(repoFrom({ "o.yaml": oci('semver: ">=26.4.0"') }));
    expect(fs.map((f) => [f.ruleId, f.line])).toEqual([["consistency/chart-version-range", 7]]);
  });
});
