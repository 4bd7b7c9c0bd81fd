import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invitationName } from "../../../src/tasks/invite/authentik/backend.js";
import { rows, startStack, type Stack } from "./harness.js";

let s: Stack;
beforeAll(async () => {
  s = await startStack({ backend: "authentik", authentikPageSize: 2 });
});
beforeEach(() => {
  s.reset();
  s.raw.backend = "authentik";
});
// Every request mxops sent and every answer the fakes gave matched the OpenAPI documents.
afterEach(() => {
  expect(s.mas.violations).toEqual([]);
  expect(s.authentik.violations).toEqual([]);
});
// Tolerates a failed beforeAll: then there is no stack to stop.
afterAll(async () => {
  await s?.stop();
});

const invitations = () => [...s.authentik.invitations.values()];

describe("invite send (Authentik)", () => {
  it("creates a single-use invitation bound to the enrollment flow with fixed_data, mails the itoken link, audits the name only", async () => {
    const r = await s.run("send", {
      recipient: { email: "Ada@Example.org", name: "Ada Lovelace", username: "ada" },
      lang: "en",
    });
    expect(r.counts.error).toBe(0);
    const [inv] = invitations();
    const flow = s.authentik.flows.get("matrix-invitation")!;
    expect(inv).toMatchObject({
      single_use: true,
      flow: flow.pk,
      expires: "2026-12-03T10:00:00.000Z",
      fixed_data: { email: "Ada@Example.org", name: "Ada Lovelace", username: "ada" },
    });
    expect(inv.name).toMatch(/^mxops-ada-[0-9a-f]{10}-[0-9a-z]+$/);
    expect(rows(r)[0]).toMatchObject({ action: "sent", id: inv.name });
    const m = s.smtp.mails[0];
    expect(m.text).toContain(`${s.authentik.baseUrl}/if/flow/matrix-invitation/?itoken=${inv.pk}`);
    expect(m.text).not.toMatch(/registration token/);
    const audit = await s.auditText();
    expect(audit).not.toContain(inv.pk);
    expect(audit).toContain(inv.name);
    expect(s.authentik.violations).toEqual([]);
  });

  it("skips a live invite, sees a used one (single-use invitations disappear), revokes by deleting", async () => {
    await s.run("send", { recipient: { email: "a@example.org" } });
    expect(rows(await s.run("send", { recipient: { email: "a@example.org" } }))[0]).toMatchObject({
      action: "skipped",
      reason: "live",
    });
    await s.run("send", { recipient: { email: "b@example.org" } });
    await s.run("send", { recipient: { email: "c@example.org" } });
    const a = invitations().find((i) => i.fixed_data.email === "a@example.org")!;
    expect(s.authentik.useInvitation(a.pk)).toBe(true);
    const st = await s.run("status");
    expect(Object.fromEntries(rows(st).map((x) => [x.email, x.status]))).toEqual({
      "a@example.org": "used",
      "b@example.org": "sent",
      "c@example.org": "sent",
    });
    await s.run("revoke", { target: "b@example.org" });
    expect(invitations().map((i) => i.fixed_data.email)).toEqual(["c@example.org"]);
    s.clock.now = new Date("2026-12-05T00:00:00Z");
    expect(rows(await s.run("status")).find((x) => x.email === "c@example.org")).toMatchObject({
      status: "expired",
      remote: "expired",
    });
    await expect(s.run("unrevoke", { target: "b@example.org" })).rejects.toMatchObject({ code: "MXOPS_USAGE" });
    await expect(s.run("extend", { target: "c@example.org", expires: "7d" })).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
    expect(s.authentik.violations).toEqual([]);
  });

  it("reconciles a lost create answer by the invitation name instead of creating twice", async () => {
    s.authentik.faults.push({ operationId: "stages_invitation_invitations_create", drop: "after" });
    expect(rows(await s.run("send", { recipient: { email: "a@example.org" } }))[0]).toMatchObject({ action: "sent" });
    expect(invitations()).toHaveLength(1);
    s.authentik.faults.push({ operationId: "stages_invitation_invitations_create", status: 429, retryAfter: "3" });
    expect(rows(await s.run("send", { recipient: { email: "b@example.org" } }))[0]).toMatchObject({ action: "sent" });
    expect(s.sleeps).toContain(3000);
    expect(invitations()).toHaveLength(2);
  });

  it("keeps one live invitation per person even when the audit log was lost (found by the name prefix)", async () => {
    await s.run("send", { recipient: { email: "a@example.org" } });
    await s.run("send", { recipient: { email: "b@example.org" } });
    const { rmSync } = await import("node:fs");
    rmSync((await import("node:path")).join(s.dir, "audit.jsonl"));
    s.clock.now = new Date("2026-11-26T10:05:00Z");
    const r = await s.run("send", { recipient: { email: "a@example.org" } });
    expect(rows(r)[0]).toMatchObject({ action: "sent", cleaned: 1 });
    expect(r.findings.filter((f) => f.ruleId === "invite/leftover-revoked")).toHaveLength(1);
    expect(invitations().filter((i) => i.fixed_data.email === "a@example.org")).toHaveLength(1);
    expect(invitations()).toHaveLength(2);
  });

  it("deletes the invitation when the mail fails", async () => {
    s.smtp.reject.add("x@example.org");
    const r = await s.run("send", { recipient: { email: "x@example.org" } });
    expect(rows(r)[0]).toMatchObject({ action: "failed", reason: "mail-rejected" });
    expect(invitations()).toHaveLength(0);
  });

  it("refuses a missing flow, a flow without an invitation stage, and a bad token", async () => {
    s.raw.authentik = { url: s.authentik.baseUrl, flow_slug: "nope" };
    await expect(s.run("send", { recipient: { email: "a@example.org" } })).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
      message: expect.stringMatching(/no flow with slug nope/) as string,
    });
    s.authentik.addEnrollmentFlow("plain", ["prompt", "user_write", "user_login"]);
    s.raw.authentik = { url: s.authentik.baseUrl, flow_slug: "plain" };
    await expect(s.run("send", { recipient: { email: "a@example.org" } })).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
      message: expect.stringMatching(/no invitation stage/) as string,
    });
    s.raw.authentik = { url: s.authentik.baseUrl, flow_slug: "matrix-invitation" };
    const o = s.options("send", { recipient: { email: "a@example.org" } });
    o.secrets = { ...o.secrets, authentikToken: "wrong-token-value" };
    await expect((await import("../../../src/tasks/invite/index.js")).runInvite(o, s.deps)).rejects.toMatchObject({
      code: "MXOPS_AUTH",
    });
    expect(invitations()).toHaveLength(0);
  });

  it("derives stable, valid invitation names", () => {
    const t = new Date("2026-11-26T10:00:00Z");
    const a = invitationName("Jöhn.Doe+x@Example.org", t);
    expect(a).toMatch(/^[-a-zA-Z0-9_]+$/);
    expect(a).toBe(invitationName("jöhn.doe+x@example.org", t));
    expect(a.split("-").slice(0, -1).join("-")).toBe(
      invitationName("jöhn.doe+x@example.org", new Date(0)).split("-").slice(0, -1).join("-"),
    );
  });
});
