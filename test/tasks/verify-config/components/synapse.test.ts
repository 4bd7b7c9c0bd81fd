import { describe, expect, it } from "vitest";
import { checkSynapse } from "../../../../src/tasks/verify-config/components/synapse.js";
import { dedent, valuesFrom } from "./context.js";

const ids = (fs: { ruleId: string }[]) => fs.map((f) => f.ruleId);

describe("synapse additional config", () => {
  it("reproduces the invented-key incident with the outer file's lines", () => {
    const ctx = valuesFrom(
      dedent(`
        serverName: example.org
        synapse:
          ingress:
            host: matrix.example.org
          additional:
            rtc:
              config: |
                # MatrixRTC
                matrix_rtc_enabled: true
                matrix_rtc_uri: https://rtc.example.org
                max_upload_size: 100M
      `),
    );
    const fs = checkSynapse(ctx);
    const unknown = fs.filter((f) => f.ruleId === "synapse/unknown-key");
    expect(unknown.map((f) => [f.line, f.column, f.keyPath])).toEqual([
      [9, 9, "synapse.additional.rtc.config#matrix_rtc_enabled"],
      [10, 9, "synapse.additional.rtc.config#matrix_rtc_uri"],
    ]);
    expect(unknown[0].severity).toBe("error");
    expect(unknown[0].message).toContain('did you mean "matrix_rtc"');
    expect(unknown[0].file).toBe("values.yaml");
    expect(fs.find((f) => f.ruleId === "synapse/set-by-chart")?.line).toBe(11);
  });

  it("accepts real options and does not flag them", () => {
    const ctx = valuesFrom(
      dedent(`
        synapse:
          additional:
            tuning:
              config: |
                url_preview_enabled: true
                federation_domain_whitelist: [example.org]
                experimental_features:
                  msc4108_enabled: true
                matrix_rtc: {}
            fromSecret:
              configSecret: synapse-extra
              configSecretKey: extra.yaml
        matrixRTC:
          enabled: false
      `),
    );
    expect(checkSynapse(ctx)).toEqual([]);
  });

  it("reports YAML errors inside the block at the outer line", () => {
    const ctx = valuesFrom(
      dedent(`
        synapse:
          additional:
            broken:
              config: |
                a: 1
                b: [1, 2
                c: 3
      `),
    );
    const fs = checkSynapse(ctx);
    expect(ids(fs)).toContain("synapse/config-not-yaml");
    expect(fs[0].line).toBeGreaterThanOrEqual(6);
  });

  it("flags a config written as a YAML object", () => {
    const ctx = valuesFrom("synapse:\n  additional:\n    x:\n      config:\n        a: 1\n");
    expect(checkSynapse(ctx).map((f) => [f.ruleId, f.line])).toEqual([["synapse/config-not-yaml", 4]]);
  });

  it("warns on legacy keys and removed experimental flags, informs about chart-set RTC flags", () => {
    const ctx = valuesFrom(
      dedent(`
        synapse:
          additional:
            old:
              config: |
                use_presence: true
                experimental_features:
                  msc3266_enabled: true
                  msc4143_enabled: true
                  msc3861:
                    enabled: true
                matrix_rtc:
                  transports: [{type: livekit, livekit_service_url: "https://rtc.example.org"}]
                matrix_authentication_service:
                  enabled: true
      `),
    );
    const fs = checkSynapse(ctx);
    expect(fs.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ["synapse/deprecated-key", "warning", 5],
      ["synapse/removed-experimental-flag", "warning", 7],
      ["synapse/set-by-chart", "info", 8],
      ["synapse/removed-experimental-flag", "warning", 9],
      ["synapse/conflicts-with-mas", "error", 10],
      ["synapse/set-by-chart", "warning", 12],
      ["synapse/set-by-chart", "warning", 13],
    ]);
  });

  it("skips a disabled Synapse", () => {
    const ctx = valuesFrom("synapse:\n  enabled: false\n  additional:\n    x:\n      config: 'bogus_key: 1'\n");
    expect(checkSynapse(ctx)).toEqual([]);
  });

  it("maps keys inside a single-line quoted config", () => {
    const ctx = valuesFrom("synapse:\n  additional:\n    x:\n      config: 'bogus_key: 1'\n");
    const [f] = checkSynapse(ctx);
    expect([f.ruleId, f.line, f.column]).toEqual(["synapse/unknown-key", 4, 16]);
  });

  it("judges removed flags by the Synapse version the pinned chart ships", () => {
    const text = dedent(`
      synapse:
        additional:
          flags:
            config: |
              experimental_features:
                msc3266_enabled: true
                msc3861:
                  enabled: true
    `);
    // ESS 26.4.0 ships Synapse 1.151: msc3266 still exists (and ESS sets it for RTC), msc3861 is only deprecated.
    const old = checkSynapse(valuesFrom(text, { chartVersion: "26.4.0" }));
    expect(old.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ["synapse/set-by-chart", "info", 6],
      ["synapse/removed-experimental-flag", "warning", 7],
      ["synapse/conflicts-with-mas", "error", 8],
    ]);
    expect(old[1].message).toContain("deprecated since Synapse 1.136.0");
    // ESS 26.8.1 ships Synapse 1.159: msc3861 stops Synapse from starting.
    const cur = checkSynapse(valuesFrom(text, { chartVersion: "26.8.1" }));
    expect(cur.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ["synapse/removed-experimental-flag", "warning", 6],
      ["synapse/removed-experimental-flag", "error", 7],
      ["synapse/conflicts-with-mas", "error", 8],
    ]);
    expect(cur[1].message).toContain("ESS 26.8.1 ships Synapse 1.159.0");
  });

  it("checks keys inside matrix_rtc, which Synapse would ignore", () => {
    const ctx = valuesFrom(
      dedent(`
        matrixRTC:
          enabled: false
        synapse:
          additional:
            rtc:
              config: |
                matrix_rtc:
                  enabled: true
                  transports:
                    - type: livekit
                      livekit_url: https://rtc.example.org
      `),
    );
    const fs = checkSynapse(ctx);
    expect(fs.map((f) => [f.ruleId, f.line])).toEqual([
      ["synapse/unknown-key", 8],
      ["synapse/unknown-key", 11],
    ]);
    expect(fs[1].message).toContain('did you mean "livekit_service_url"');
  });

  it("reports options Synapse refuses while MAS handles authentication", () => {
    const text = dedent(`
      synapse:
        additional:
          sso:
            config: |
              oidc_providers:
                - idp_id: authentik
                  issuer: https://sso.example.org/application/o/matrix/
              enable_registration: true
              session_lifetime: 24h
              enable_registration_captcha: false
    `);
    const fs = checkSynapse(valuesFrom(text));
    expect(fs.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ["synapse/conflicts-with-mas", "error", 8],
      ["synapse/conflicts-with-mas", "error", 5],
      ["synapse/conflicts-with-mas", "error", 9],
    ]);
    expect(fs[1].hint).toContain("upstream_oauth2");
    // Without MAS (or before the migration), Synapse authenticates itself and these are fine.
    expect(checkSynapse(valuesFrom(`${text}\nmatrixAuthenticationService:\n  enabled: false\n`))).toEqual([]);
  });

  it("warns about keys beside config in an additional entry, which the chart ignores", () => {
    const ctx = valuesFrom(
      "synapse:\n  additional:\n    x:\n      config: 'url_preview_enabled: true'\n      configSecretKy: extra.yaml\n",
    );
    const fs = checkSynapse(ctx);
    expect(fs.map((f) => [f.ruleId, f.severity, f.line])).toEqual([["synapse/unknown-entry-key", "warning", 5]]);
    expect(fs[0].message).toContain('did you mean "configSecretKey"');
  });
});
