import { statSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_SECRET, OTHER_CLIENT_ID, rows, startStack, type Stack } from "./harness.js";

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
beforeEach(() => s.reset());
// Every request mxops sent and every answer the fakes gave matched the OpenAPI documents.
afterEach(() => {
  expect(s.mas.violations).toEqual([]);
  expect(s.authentik.violations).toEqual([]);
});
// Tolerates a failed beforeAll: then there is no stack to stop.
afterAll(async () => {
  await s?.stop();
});

const ada = { email: "Ada@Example.org", name: "Ada Lovelace" };
const live = () => s.mas.validTokens();

describe("invite send (MAS)", () => {
  it("gets an admin token from a real oidc-provider, creates a single-use token, mails it and audits without the token", async () => {
    const report = await s.run("send", { recipient: ada });
    expect(report.counts.error).toBe(0);
    expect(report.changed).toBe(true);
    const [row] = rows(report);
    expect(row).toMatchObject({ email: "ada@example.org", backend: "mas", action: "sent" });
    const [token] = [...s.mas.tokens.values()];
    expect(token).toMatchObject({ usage_limit: 1, times_used: 0, expires_at: "2026-12-03T10:00:00.000Z" });
    expect(row.id).toBe(token.id);
    expect(s.smtp.mails).toHaveLength(1);
    expect(s.smtp.mails[0].text).toContain(token.token);
    const audit = await s.auditText();
    expect(audit).not.toContain(token.token);
    const statuses = audit
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { status: string }).status);
    expect(statuses).toEqual(["pending", "created", "sent"]);
    const sent: unknown = JSON.parse(audit.trim().split("\n")[2]);
    expect(sent).toMatchObject({
      recipient: "ada@example.org",
      backend: "mas",
      id: token.id,
      messageId: s.smtp.mails[0].headers["message-id"],
    });
    expect(statSync(path.join(s.dir, "audit.jsonl")).mode & 0o777).toBe(0o600);
    expect(s.mas.violations).toEqual([]);
  });

  it("does nothing for a recipient with a live invite; --resend revokes it and sends a new one", async () => {
    await s.run("send", { recipient: ada });
    const again = await s.run("send", { recipient: { email: "ada@example.org" } });
    expect(rows(again)[0]).toMatchObject({ action: "skipped", reason: "live" });
    expect(again.changed).toBe(false);
    expect(again.findings.some((f) => f.ruleId === "invite/already-invited")).toBe(true);
    expect(s.mas.tokens.size).toBe(1);
    const resent = await s.run("send", { recipient: ada, resend: true });
    expect(rows(resent)[0]).toMatchObject({ action: "resent" });
    expect(s.mas.tokens.size).toBe(2);
    expect(live()).toHaveLength(1);
    expect(s.smtp.mails).toHaveLength(2);
  });

  it("a used invite is not re-sent unless asked; an expired one is replaced", async () => {
    await s.run("send", { recipient: ada });
    s.mas.redeem([...s.mas.tokens.values()][0].token);
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "skipped", reason: "used" });
    // Also once `status` has recorded the use: no new invite for someone who signed up.
    await s.run("status");
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "skipped", reason: "used" });
    expect(s.mas.tokens.size).toBe(1);
    expect(rows(await s.run("send", { recipient: ada, resend: true }))[0]).toMatchObject({ action: "sent" });
    expect(s.mas.tokens.size).toBe(2);
    const s2 = { email: "bob@example.org" };
    await s.run("send", { recipient: s2 });
    s.clock.now = new Date("2026-12-10T00:00:00Z");
    expect(rows(await s.run("send", { recipient: s2 }))[0]).toMatchObject({ action: "sent" });
    expect(s.mas.validTokens().map((t) => t.id)).toHaveLength(1);
  });

  it("caches the admin token and refreshes it after expiry", async () => {
    await s.run("send", { recipient: ada });
    await s.run("send", { recipient: { email: "bob@example.org" } });
    // Two runs, two contexts: one grant each; within a run the token is reused for every call.
    expect(s.oidc.counter.tokenRequests).toBe(2);
    const before = s.oidc.counter.tokenRequests;
    const o = s.options("batch", { listFile: "list.csv" });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(s.dir, "list.csv"), "email\nc@example.org\nd@example.org\n");
    let calls = 0;
    o.runtime!.afterCreate = () => {
      calls++;
      // Jump past the 300 s token lifetime between rows.
      if (calls === 1) s.clock.now = new Date(s.clock.now.getTime() + 600_000);
    };
    o.concurrency = 1;
    const { runInvite } = await import("../../../src/tasks/invite/index.js");
    const r = await runInvite(o, s.deps);
    expect(r.counts.error).toBe(0);
    expect(s.oidc.counter.tokenRequests - before).toBe(2);
  });

  it("maps a client outside policy.data.admin_clients, a wrong secret and a missing adminapi resource", async () => {
    s.raw.mas = { ...(s.raw.mas as object), client_id: OTHER_CLIENT_ID };
    await expect(s.run("send", { recipient: ada })).rejects.toThrow(/policy\.data\.admin_clients|scope urn:mas:admin/);
    s.raw.mas = { ...(s.raw.mas as object), client_id: "01JV0000000000000000000001" };
    const o = s.options("send", { recipient: ada });
    o.secrets = { ...o.secrets, masClientSecret: "wrong-secret-value" };
    await expect((await import("../../../src/tasks/invite/index.js")).runInvite(o, s.deps)).rejects.toMatchObject({
      code: "MXOPS_AUTH",
      message: expect.stringMatching(/invalid_client/) as string,
    });
    s.mas.adminApiEnabled = false;
    await expect(s.run("send", { recipient: ada })).rejects.toMatchObject({
      code: "MXOPS_CONFIG",
      message: expect.stringMatching(/adminapi resource/) as string,
    });
    expect(s.mas.tokens.size).toBe(0);
  });

  it("refreshes the admin token once on 401 and then names the policy when the Admin API keeps refusing it", async () => {
    s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 401 });
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "sent" });
    expect(s.oidc.counter.tokenRequests).toBe(2);
    s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 403, times: 2 });
    const r = await s.run("send", { recipient: { email: "bob@example.org" } });
    expect(rows(r)[0]).toMatchObject({ action: "failed", reason: "auth" });
    expect(r.findings[0].message).toMatch(
      /answered 403 .* not in policy\.data\.admin_clients or scope urn:mas:admin not granted/,
    );
  });

  it("retries 429 honouring Retry-After and 5xx with backoff, on the injected sleep", async () => {
    s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 429, retryAfter: "7" });
    s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 503 });
    const r = await s.run("send", { recipient: ada });
    expect(rows(r)[0]).toMatchObject({ action: "sent" });
    expect(s.sleeps[0]).toBe(7000);
    expect(s.sleeps).toHaveLength(2);
    expect(s.logs).toContain("POST /api/admin/v1/user-registration-tokens: retrying in 7000 ms");
    expect(s.logs).toContain("POST /api/admin/v1/user-registration-tokens → 201 (attempt 3)");
    expect(s.mas.tokens.size).toBe(1);
  });

  it("retries the token request when the authorization server answers 503 with Retry-After", async () => {
    s.oidc.counter.failTokenRequests = 1;
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "sent" });
    expect(s.sleeps).toEqual([2000]);
    expect(s.oidc.counter.tokenRequests).toBe(2);
  });

  it("never duplicates a token when the connection drops after MAS processed the POST (reconciles first)", async () => {
    s.mas.faults.push({ operationId: "addUserRegistrationToken", drop: "after" });
    const r = await s.run("send", { recipient: ada });
    expect(rows(r)[0]).toMatchObject({ action: "sent" });
    expect(s.mas.tokens.size).toBe(1);
    // The reconcile listed tokens before any second POST.
    const ops = s.mas.requests.map((q) => q.operationId).filter((x) => x !== "version");
    expect(ops.slice(0, 2)).toEqual(["addUserRegistrationToken", "listUserRegistrationTokens"]);
    expect(ops.filter((x) => x === "addUserRegistrationToken")).toHaveLength(1);
    expect(s.mas.violations).toEqual([]);
  });

  it("retries the create when the connection dropped before processing, and after a timeout", async () => {
    s.mas.faults.push({ operationId: "addUserRegistrationToken", drop: "before" });
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "sent" });
    expect(s.mas.tokens.size).toBe(1);
    s.mas.faults.push({ operationId: "addUserRegistrationToken", hang: true });
    const o = s.options("send", { recipient: { email: "bob@example.org" } });
    o.runtime!.timeoutMs = 300;
    expect(rows(await (await import("../../../src/tasks/invite/index.js")).runInvite(o, s.deps))[0]).toMatchObject({
      action: "sent",
    });
    expect(s.mas.tokens.size).toBe(2);
  });

  it("fails the row with an actionable message when MAS keeps failing, leaving nothing usable", async () => {
    s.mas.faults.push({ operationId: "addUserRegistrationToken", status: 500, times: 10 });
    const r = await s.run("send", { recipient: ada });
    expect(r.counts.error).toBe(1);
    expect(rows(r)[0]).toMatchObject({ action: "failed", reason: "backend" });
    expect(r.findings.find((f) => f.ruleId === "invite/send-failed")?.message).toMatch(/HTTP 500/);
    expect(live()).toHaveLength(0);
    s.mas.faults.splice(0);
    expect(rows(await s.run("send", { recipient: ada }))[0]).toMatchObject({ action: "sent" });
    expect(live()).toHaveLength(1);
  });

  it("works with client_secret_post", async () => {
    const p = await startStack({ authMethod: "client_secret_post" });
    try {
      expect(rows(await p.run("send", { recipient: ada }))[0]).toMatchObject({ action: "sent" });
    } finally {
      await p.stop();
    }
  });

  it("does nothing in --dry-run", async () => {
    const r = await s.run("send", { recipient: ada, dryRun: true });
    expect(rows(r)[0]).toMatchObject({ action: "would-send" });
    expect(s.mas.tokens.size).toBe(0);
    expect(s.smtp.mails).toHaveLength(0);
    expect(await s.auditText()).toBe("");
    expect(CLIENT_SECRET).toBeTruthy();
  });
});

describe("invite library API", () => {
  it("loads mxops.yaml plus env secrets and runs inviteSend / inviteList / inviteRevoke from the package entry", async () => {
    const { writeFileSync } = await import("node:fs");
    const YAML = (await import("yaml")).default;
    writeFileSync(path.join(s.dir, "mxops.yaml"), YAML.stringify({ invite: s.raw }));
    const lib = await import("../../../src/index.js");
    const { config, secrets } = await lib.loadInviteConfig({
      cwd: s.dir,
      env: { MXOPS_MAS_CLIENT_SECRET: CLIENT_SECRET, MXOPS_SMTP_PASSWORD: "smtp-password-Hh4nN9wQ" },
      deps: s.deps,
    });
    const base = { config, secrets, runtime: { sleep: () => Promise.resolve() } };
    expect(rows(await lib.inviteSend(base, { email: "lib@example.org" }, s.deps))[0]).toMatchObject({ action: "sent" });
    expect(rows(await lib.inviteList(base, "sent", s.deps)).map((r) => r.email)).toEqual(["lib@example.org"]);
    expect((await lib.inviteRevoke(base, "lib@example.org", s.deps)).changed).toBe(true);
    expect(s.deps.redactor.redact(CLIENT_SECRET)).toBe("***");
  });
});

describe("invite status, list, revoke, unrevoke, extend (MAS)", () => {
  it("reconciles sent → used / expired / revoked and reports drift", async () => {
    for (const email of ["a@example.org", "b@example.org", "c@example.org", "d@example.org"])
      await s.run("send", { recipient: { email } });
    const tok = (email: string) =>
      [...s.mas.tokens.values()].find((t) => rows({ results: { rows: [] } }) && t.id === idOf(email))!;
    const ids = new Map<string, string>();
    for (const line of (await s.auditText()).trim().split("\n")) {
      const r = JSON.parse(line) as { status: string; recipient: string; id: string };
      if (r.status === "sent") ids.set(r.recipient, r.id);
    }
    const idOf = (e: string) => ids.get(e)!;
    s.mas.redeem(tok("a@example.org").token);
    s.mas.tokens.get(idOf("b@example.org"))!.revoked_at = "2026-11-26T11:00:00Z";
    s.mas.tokens.get(idOf("c@example.org"))!.expires_at = "2026-11-26T09:00:00Z";
    const st = await s.run("status");
    const byEmail = Object.fromEntries(rows(st).map((r) => [r.email, r.status]));
    expect(byEmail).toEqual({
      "a@example.org": "used",
      "b@example.org": "revoked",
      "c@example.org": "expired",
      "d@example.org": "sent",
    });
    expect(st.findings.filter((f) => f.ruleId === "invite/state-drift").map((f) => f.message)).toEqual([
      expect.stringContaining("b@example.org"),
    ]);
    const list = await s.run("list", { statusFilter: "used" });
    expect(rows(list).map((r) => r.email)).toEqual(["a@example.org"]);
    // Reconciled states are in the audit now: a second status reports no drift.
    expect((await s.run("status")).findings.some((f) => f.ruleId === "invite/state-drift")).toBe(false);
  });

  it("revokes, unrevokes and extends by email or id, recorded in the audit", async () => {
    await s.run("send", { recipient: ada });
    const [t] = [...s.mas.tokens.values()];
    const dry = await s.run("revoke", { target: "ada@example.org", dryRun: true });
    expect(dry.changed).toBe(false);
    expect(t.revoked_at).toBeNull();
    expect((await s.run("revoke", { target: "ada@example.org" })).changed).toBe(true);
    expect(t.revoked_at).not.toBeNull();
    await s.run("unrevoke", { target: t.id });
    expect(t.revoked_at).toBeNull();
    await s.run("extend", { target: "ada@example.org", expires: "14d" });
    expect(t.expires_at).toBe("2026-12-10T10:00:00.000Z");
    expect(t.usage_limit).toBe(1);
    await s.run("extend", { target: t.id, usageLimit: 3 });
    expect(t).toMatchObject({ usage_limit: 3, expires_at: "2026-12-10T10:00:00.000Z" });
    const statuses = (await s.auditText())
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { status: string }).status);
    expect(statuses.slice(3)).toEqual(["revoked", "sent", "sent", "sent"]);
    expect(rows(await s.run("list"))[0]).toMatchObject({ status: "sent", expiresAt: "2026-12-10T10:00:00.000Z" });
    await expect(s.run("revoke", { target: "nobody@example.org" })).rejects.toMatchObject({ code: "MXOPS_INPUT" });
    expect(s.mas.violations).toEqual([]);
  });
});
