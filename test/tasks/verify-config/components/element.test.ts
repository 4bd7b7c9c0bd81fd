import { describe, expect, it } from "vitest";
import { checkElementWeb } from "../../../../src/tasks/verify-config/components/element.js";
import { parseEmbeddedJson } from "../../../../src/tasks/verify-config/components/util/embedded.js";
import { dedent, valuesFrom } from "./context.js";

const rules = (fs: { ruleId: string; severity: string; line?: number }[]) =>
  fs.map((f) => `${f.ruleId}:${f.severity}:${f.line}`);

describe("Element Web additional config", () => {
  it("accepts known keys", () => {
    const ctx = valuesFrom(
      dedent(`
        elementWeb:
          additional:
            branding: |
              {
                "brand": "Example Chat",
                "setting_defaults": {"UIFeature.registration": false},
                "sso_redirect_options": {"immediate": true}
              }
            inline: '{"disable_guests": true}'
      `),
    );
    expect(checkElementWeb(ctx)).toEqual([]);
  });

  it("reports JSON errors at the outer file's line", () => {
    const ctx = valuesFrom(
      dedent(`
        elementWeb:
          additional:
            broken: |
              {
                "brand": "Example",
                "default_theme": "dark",
              }
      `),
    );
    const fs = checkElementWeb(ctx);
    expect(rules(fs)).toEqual(["element/config-not-json:error:7"]);
  });

  it("warns on unknown and legacy keys with did-you-mean", () => {
    const ctx = valuesFrom(
      dedent(`
        elementWeb:
          additional:
            x: |
              {
                "brnd": "Example",
                "showLabsSettings": true,
                "sso_immediate_redirect": true,
                "piwik": false,
                "validated_server_config": {}
              }
      `),
    );
    const fs = checkElementWeb(ctx);
    expect(rules(fs)).toEqual([
      "element/unknown-key:warning:5",
      "element/legacy-key:warning:6",
      "element/legacy-key:warning:7",
      "element/legacy-key:warning:8",
      "element/unsupported-key:warning:9",
    ]);
    expect(fs[0].message).toContain('did you mean "brand"');
    expect(fs[1].message).toContain('"show_labs_settings"');
  });

  it("requires an object", () => {
    expect(rules(checkElementWeb(valuesFrom("elementWeb:\n  additional:\n    x: '[1]'\n")))).toEqual([
      "element/config-not-json:error:3",
    ]);
  });

  it("positions JSON parse errors inside the string", () => {
    const doc = parseEmbeddedJson('{\n  "a": 1\n  "b": 2\n}');
    expect(doc.problems[0].line).toBe(3);
    expect(parseEmbeddedJson("{").problems[0].line).toBe(1);
  });

  it("leaves an entry named like a config key to the ESS rule", () => {
    const ctx = valuesFrom("elementWeb:\n  additional:\n    setting_defaults: '{\"UIFeature.registration\": false}'\n");
    expect(checkElementWeb(ctx)).toEqual([]);
  });

  it("never quotes the JSON text in a parse error", () => {
    const doc = parseEmbeddedJson('{"posthog": {"project_api_key": tru-secret-ish}}');
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0].message).not.toContain("secret-ish");
    expect(doc.problems[0].message).not.toContain("tru");
  });

  it("checks the keys of closed nested objects", () => {
    const ctx = valuesFrom(
      dedent(`
        elementWeb:
          additional:
            sso: |
              {
                "sso_redirect_options": {"immediatly": true, "on_welcome_page": true},
                "setting_defaults": {"anything.goes": 1}
              }
      `),
    );
    const fs = checkElementWeb(ctx);
    expect(rules(fs)).toEqual(["element/unknown-key:warning:5"]);
    expect(fs[0].message).toContain('"sso_redirect_options.immediatly"');
    expect(fs[0].message).toContain('did you mean "immediate"');
  });
});
