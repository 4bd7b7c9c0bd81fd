import { describe, expect, it } from "vitest";
import {
  checkElementHomeserver,
  checkWellKnownJson,
} from "../../../../src/tasks/verify-config/components/wellknown.js";
import { dedent, valuesFrom } from "./context.js";

const rules = (fs: { ruleId: string; severity: string; line?: number }[]) =>
  fs.map((f) => `${f.ruleId}:${f.severity}:${f.line}`);

describe("well-known additional JSON", () => {
  it("accepts JSON objects", () => {
    const ctx = valuesFrom(
      dedent(`
        wellKnownDelegation:
          additional:
            client: |
              {"org.matrix.msc2965.authentication": {"issuer": "https://account.example.org/"}}
            support: '{"contacts": []}'
      `),
    );
    expect(checkWellKnownJson(ctx)).toEqual([]);
  });

  it("reports broken JSON at the outer line", () => {
    const ctx = valuesFrom(
      dedent(`
        wellKnownDelegation:
          additional:
            client: |
              {
                "m.identity_server": {"base_url": "https://vector.im"},
              }
      `),
    );
    expect(rules(checkWellKnownJson(ctx))).toEqual(["consistency/well-known-not-json:error:6"]);
    expect(rules(checkWellKnownJson(valuesFrom("wellKnownDelegation:\n  additional:\n    server: '\"x\"'\n")))).toEqual(
      ["consistency/well-known-not-json:error:3"],
    );
  });
});

describe("Element Web default_server_config vs the chart's hosts", () => {
  const values = (url: string, name: string) =>
    valuesFrom(
      dedent(`
        serverName: example.org
        synapse:
          ingress:
            host: matrix.example.org
        elementWeb:
          additional:
            server: |
              {"default_server_config": {"m.homeserver": {"base_url": "${url}", "server_name": "${name}"}}}
      `),
    );

  it("accepts values that agree", () => {
    expect(checkElementHomeserver(values("https://matrix.example.org", "example.org"))).toEqual([]);
  });

  it("warns when they disagree", () => {
    expect(rules(checkElementHomeserver(values("https://synapse.example.net", "example.net")))).toEqual([
      "consistency/element-homeserver:warning:8",
      "consistency/element-homeserver:warning:8",
    ]);
  });
});
