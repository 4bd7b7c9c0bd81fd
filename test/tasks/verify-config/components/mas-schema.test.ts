import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isMailbox, isMasUrl } from "../../../../src/tasks/verify-config/components/mas/formats.js";
import { masSchema, validateMasConfig } from "../../../../src/tasks/verify-config/components/mas/schema.js";

describe("MAS schema (derived)", () => {
  it("names its upstream source and keeps no prose", () => {
    const s = masSchema();
    expect(s.source.repo).toContain("matrix-authentication-service");
    expect(s.source.version).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(JSON.stringify(s.schema)).not.toContain('"description"');
  });

  it("accepts the upstream example config and an empty fragment", () => {
    const example: unknown = parse(readFileSync("test/fixtures/specs/mas/example-valid.yaml", "utf8"));
    expect(validateMasConfig(example)).toEqual([]);
    expect(validateMasConfig({})).toEqual([]);
    expect(validateMasConfig({ http: { listeners: [] } })).toEqual([]);
  });

  it("folds enum alternatives into one message", () => {
    const errs = validateMasConfig({ email: { transport: "smtpp" } });
    expect(errs).toHaveLength(1);
    expect(errs[0].path).toEqual(["email", "transport"]);
    expect(errs[0].message).toContain('"smtp"');
  });

  it("reports nested required keys and types", () => {
    const errs = validateMasConfig({
      upstream_oauth2: { providers: [{ id: "01M8AZC7785J90P700AHE88DBE", client_id: 5 }] },
    });
    const msgs = errs.map((e) => `${e.path.join(".")} ${e.message}`);
    expect(msgs).toContain('upstream_oauth2.providers.0 is missing the required key "token_endpoint_auth_method"');
    expect(msgs.some((m) => m.startsWith("upstream_oauth2.providers.0.client_id"))).toBe(true);
  });

  it("uses MAS's own email and url parsing", () => {
    expect(isMailbox("Matrix <noreply@example.org>")).toBe(true);
    expect(isMailbox('"Matrix, Inc" <noreply@example.org>')).toBe(true);
    expect(isMailbox("noreply@example.org")).toBe(true);
    expect(isMailbox("noreply")).toBe(false);
    expect(isMasUrl("https://auth.example.org/")).toBe(true);
    expect(isMasUrl("auth.example.org")).toBe(false);
    expect(
      validateMasConfig({ email: { transport: "smtp", from: "Matrix <noreply@example.org>", reply_to: "x" } }),
    ).toEqual([{ path: ["email", "reply_to"], message: "is not a valid email" }]);
  });
});
