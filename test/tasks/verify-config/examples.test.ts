import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { render } from "../../../src/format/index.js";
import { makeReport } from "../../../src/core/report.js";
import { verifyOffline } from "../../../src/tasks/verify-config/index.js";
import { ofRule, testDeps } from "./helpers.js";

const KEY = { origin: "examples/demo-age-key.txt", text: readFileSync("examples/demo-age-key.txt", "utf8") };
const CLIENT_SECRET = "demo-client-secret-7Hq2xVb9LmP4";

describe("examples/gitops (the correct full repo)", () => {
  it("gives zero findings with the demo age key, and checks the decrypted Secret's values", async () => {
    const root = path.resolve("examples/gitops");
    const deps = testDeps(root);
    const r = await verifyOffline({ root, ageKeys: [KEY] }, deps);
    expect(r.findings).toEqual([]);
    const ctx = r.essContexts.find((c) => c.subject === "HelmRelease matrix/ess");
    expect(ctx?.chartVersion).toBe("26.4.0");
    const mas = ctx?.values.matrixAuthenticationService as { additional: Record<string, { config: string }> };
    expect(Object.keys(mas.additional).sort()).toEqual(["accounts", "authentik"]);
    // A key from the encrypted Secret points at the Secret's values.yaml key (its plaintext has no lines in the file).
    expect(ctx?.locate(["matrixAuthenticationService", "additional", "authentik", "config"])).toMatchObject({
      file: "apps/matrix/ess-secret-values.sops.yaml",
      line: 8,
    });
    expect(ctx?.locate(["synapse", "ingress", "host"])).toMatchObject({
      file: "apps/matrix/ess-values.yaml",
      line: 22,
    });
    // Decrypted values are registered as secrets before anything could print them.
    expect(deps.redactor.redact(`x ${CLIENT_SECRET} y`)).toBe("x *** y");
    // …but not ids, names and hosts, which findings need to stay readable.
    const plain =
      "provider 01KEZF7C00NZVX662K57PDR56T Authentik mas-demo-client https://auth.example.org/application/o/matrix/";
    expect(deps.redactor.redact(plain)).toBe(plain);
  });

  it("reports the encrypted contribution once as info without a key, never guessing", async () => {
    const root = path.resolve("examples/gitops");
    const r = await verifyOffline({ root }, testDeps(root));
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([["flux/values-encrypted-unknown", "info"]]);
  });

  it("never lets decrypted plaintext reach any output format", async () => {
    const root = path.resolve("examples/gitops");
    const deps = testDeps(root);
    const r = await verifyOffline({ root, ageKeys: [KEY] }, deps);
    const report = makeReport("verify-config", [
      ...r.findings,
      { ruleId: "test/echo", severity: "info", message: `leak ${CLIENT_SECRET}` },
    ]);
    for (const fmt of ["text", "json", "sarif", "github"] as const) {
      const out = deps.redactor.redact(render(report, fmt, { verbose: true }));
      expect(out).not.toContain(CLIENT_SECRET);
    }
  });
});

describe("examples/gitops-faults/apps/ess (one file per incident)", () => {
  it("finds each incident in the file named after it", async () => {
    const root = path.resolve("examples/gitops-faults");
    const r = await verifyOffline({ root }, testDeps(root));
    const at = (rule: string) => ofRule(r.findings, rule).map((f) => f.file);
    expect(at("ess/rtc-without-well-known")).toEqual(["apps/ess/missing-rtc-focus.yaml"]);
    expect(at("ess/shared-host")).toEqual(["apps/ess/element-on-apex.yaml"]);
    expect(at("ess/element-additional-name")).toEqual(["apps/ess/element-setting-defaults.yaml"]);
    expect(at("ess/unknown-key")).toEqual([
      "apps/ess/mas-settings-top-level.yaml",
      "apps/ess/mas-settings-top-level.yaml",
    ]);
    expect(at("flux/values-from-unresolved")).toEqual(["apps/ess/unresolved-values-from.yaml"]);
    expect(at("synapse/unknown-key")).toEqual([
      "apps/ess/invented-synapse-keys.yaml",
      "apps/ess/invented-synapse-keys.yaml",
    ]);
    expect(at("mas/unknown-key")).toHaveLength(3);
  });
});

describe("live hints from the offline pass", () => {
  it("takes server name, hosts, RTC and the MAS upstream provider from the effective values", async () => {
    const { liveHints } = await import("../../../src/tasks/verify-config/ess/hints.js");
    const root = path.resolve("examples/gitops");
    const r = await verifyOffline({ root, ageKeys: [KEY] }, testDeps(root));
    expect(liveHints(r.essContexts)).toEqual({
      serverName: "example.org",
      hosts: {
        synapse: "matrix.example.org",
        mas: "account.example.org",
        matrixRTC: "mrtc.example.org",
        elementWeb: "chat.example.org",
        elementAdmin: "admin.example.org",
      },
      rtcEnabled: true,
      upstreamProviders: [
        {
          id: "01KEZF7C00NZVX662K57PDR56T",
          issuer: "https://auth.example.org/application/o/matrix/",
          clientId: "mas-demo-client",
        },
      ],
    });
  });
});

describe("live hints for switched-off components", () => {
  it("leaves out the host of a component with enabled: false, so no probe targets it", async () => {
    const { liveHints } = await import("../../../src/tasks/verify-config/ess/hints.js");
    const ctx = {
      values: {
        serverName: "example.org",
        matrixAuthenticationService: { enabled: false, ingress: { host: "account.example.org" } },
        synapse: { ingress: { host: "matrix.example.org" } },
      },
    } as unknown as Parameters<typeof liveHints>[0][number];
    expect(liveHints([ctx]).hosts).toEqual({ synapse: "matrix.example.org" });
  });
});
