import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rows, startStack, type Stack } from "./harness.js";

let s: Stack;
beforeEach(async () => {
  s = await startStack();
});
afterEach(async () => {
  await s.stop();
});

describe("invite send (MAS)", () => {
  it("gets an admin token from a real oidc-provider, creates a single-use token and mails it", async () => {
    const report = await s.run("send", { recipient: { email: "Ada@Example.org", name: "Ada Lovelace" } });
    expect(report.counts.error).toBe(0);
    expect(report.changed).toBe(true);
    const [row] = rows(report);
    expect(row).toMatchObject({ email: "ada@example.org", backend: "mas", action: "sent" });
    const [token] = [...s.mas.tokens.values()];
    expect(token).toMatchObject({ usage_limit: 1, times_used: 0, expires_at: "2026-12-03T10:00:00.000Z" });
    expect(row!.id).toBe(token!.id);
    expect(s.smtp.mails).toHaveLength(1);
    expect(s.smtp.mails[0]!.text).toContain(token!.token);
    expect(s.mas.violations).toEqual([]);
  });
});
