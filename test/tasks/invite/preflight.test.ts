import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkFlowWiring } from "../../../src/tasks/invite/authentik/wiring.js";
import { runInvite } from "../../../src/tasks/invite/index.js";
import { startStack, type Stack } from "./harness.js";

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

const failed = (r: { findings: Array<{ ruleId: string; message: string }> }) =>
  r.findings.filter((f) => f.ruleId === "invite/preflight-failed").map((f) => f.message);

describe("invite preflight", () => {
  it("passes when MAS, the admin token, the Admin API, SMTP and the GitOps MAS config are fine; creates nothing", async () => {
    s.raw.gitops_repo = path.resolve("test/fixtures/invite/gitops-good");
    const r = await s.run("preflight");
    expect(failed(r)).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === "invite/preflight-ok")).toHaveLength(7);
    const checks = (r.results as { checks: Array<{ check: string }> }).checks.map((c) => c.check);
    expect(checks).toEqual([
      "mas-discovery",
      "mas-admin-token",
      "mas-admin-api",
      "mas-registration-token-required",
      "smtp",
      "gitops-mas-registration",
      "gitops-mas-email",
    ]);
    expect(s.mas.tokens.size).toBe(0);
    expect(s.smtp.mails).toHaveLength(0);
    expect(s.smtp.authAttempts).toBe(1);
  });

  it("reports each failing check on its own line", async () => {
    s.raw.gitops_repo = path.resolve("test/fixtures/invite/gitops-bad");
    s.mas.siteConfig.password_registration_token_required = false;
    const o = s.options("preflight");
    o.secrets = { ...o.secrets, smtpPassword: "wrong" };
    const r = await runInvite(o, s.deps);
    expect(failed(r)).toEqual([
      expect.stringMatching(/^mas-registration-token-required: registration tokens are not required/),
      expect.stringMatching(/^smtp: SMTP 127\.0\.0\.1:\d+: authentication failed \(SMTP 535\)/),
      expect.stringMatching(/^gitops-mas-registration: account.password_registration_token_required is not true/),
      expect.stringMatching(/^gitops-mas-email: email.transport is blackhole/),
    ]);
    expect(r.counts.error).toBe(4);
  });

  it("stops at discovery when MAS is unreachable", async () => {
    s.raw.mas = { ...(s.raw.mas as object), issuer: "http://127.0.0.1:9/" };
    expect(failed(await s.run("preflight"))).toEqual([
      expect.stringMatching(
        /^mas-discovery: MAS discovery at http:\/\/127\.0\.0\.1:9\/\.well-known\/openid-configuration failed/,
      ),
    ]);
  });

  it("stops at the admin token when the client is refused, and names the adminapi resource on 404", async () => {
    s.raw.mas = { ...(s.raw.mas as object), client_id: "01JV0000000000000000000002" };
    expect(failed(await s.run("preflight"))).toEqual([
      expect.stringMatching(/^mas-admin-token: .*policy\.data\.admin_clients/),
    ]);
    s.raw.mas = { ...(s.raw.mas as object), client_id: "01JV0000000000000000000001" };
    s.mas.adminApiEnabled = false;
    expect(failed(await s.run("preflight"))[0]).toMatch(/^mas-admin-api: .*adminapi resource/);
  });

  it("checks Authentik: token, flow designation and stage order, invitation required", async () => {
    s.raw.backend = "authentik";
    expect(failed(await s.run("preflight"))).toEqual([]);
    const flow = s.authentik.addEnrollmentFlow("broken", ["prompt", "invitation", "user_write"]);
    [...s.authentik.stages.values()].find((x) => x.name === "broken-invitation")!.continueWithoutInvitation = true;
    s.raw.authentik = { url: s.authentik.baseUrl, flow_slug: "broken" };
    expect(failed(await s.run("preflight"))).toEqual([
      expect.stringMatching(/lacks user_login/),
      expect.stringMatching(/continue_flow_without_invitation on/),
    ]);
    expect(flow.designation).toBe("enrollment");
    const o = s.options("preflight");
    o.secrets = { ...o.secrets, authentikToken: "bad-token-value" };
    expect(failed(await runInvite(o, s.deps))[0]).toMatch(/^authentik-token: Authentik answered 403/);
  });

  it("wiring: stages out of order and a non-enrollment designation fail; the operators' sequence passes", () => {
    const b = (kind: string, order: number) => ({
      pk: kind,
      order,
      stage: kind,
      stage_obj: {
        pk: kind,
        name: kind,
        component: "",
        meta_model_name: `authentik_stages_${kind}.${kind.replace("_", "")}stage`,
      },
    });
    const good = [
      b("invitation", 10),
      b("identification", 20),
      b("prompt", 30),
      b("user_write", 40),
      b("user_login", 50),
    ];
    expect(checkFlowWiring("f", "enrollment", good, []).every((c) => c.ok)).toBe(true);
    const swapped = [b("invitation", 10), b("user_write", 20), b("prompt", 30), b("user_login", 40)];
    expect(
      checkFlowWiring("f", "authentication", swapped, [])
        .filter((c) => !c.ok)
        .map((c) => c.check),
    ).toEqual(["authentik-flow", "authentik-flow-stages"]);
  });
});
