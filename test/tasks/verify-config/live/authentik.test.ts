import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redirectAllowed, redirectRules } from "../../../../src/tasks/verify-config/live/authentik.js";
import { failures, probe } from "./harness.js";
import {
  CLIENT_ID,
  HEALTHY_AUTHENTIK,
  HOSTS,
  PROVIDER_ID,
  TestStack,
  json,
  oauth2Provider,
  serveAuthentik,
  type AuthentikState,
} from "./stack.js";

const TOKEN = "ak-test-token-4f9c2e7d1b";
const stack = new TestStack(TOKEN);
let state: AuthentikState = HEALTHY_AUTHENTIK;
beforeAll(async () => {
  serveAuthentik(stack.authentik, () => state);
  await stack.start();
});
afterEach(() => {
  expect(stack.authentik.violations).toEqual([]);
  state = HEALTHY_AUTHENTIK;
  stack.reset();
});
afterAll(() => stack.stop());

const CALLBACK = `https://${HOSTS.mas}/upstream/callback/${PROVIDER_ID}`;
const withToken = { authentikToken: TOKEN };

describe("live probes: Authentik API (fake validated against the OpenAPI subset)", () => {
  it("finds nothing wrong in a healthy Authentik and sends the token only to it", async () => {
    expect(await probe(stack, withToken)).toEqual([]);
    const ops = stack.authentik.requests.map((r) => r.operationId);
    expect(ops).toEqual(
      expect.arrayContaining(["providers_oauth2_list", "stages_invitation_stages_list", "flows_bindings_list"]),
    );
    expect(stack.authentik.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("does not call the Authentik API without AUTHENTIK_TOKEN", async () => {
    const before = stack.authentik.requests.length;
    expect(await probe(stack)).toEqual([]);
    expect(stack.authentik.requests.length).toBe(before);
  });

  it("flags a refused token", async () => {
    const fs = await probe(stack, { authentikToken: "ak-wrong-token-0000000" });
    expect(failures(fs)).toEqual(["probe/authentik-api"]);
    expect(fs[0].message).toContain("403");
  });

  it("reports a failing Authentik API once", async () => {
    stack.authentik.faults.push({ status: 500, times: 10 });
    const fs = await probe(stack, withToken);
    expect(failures(fs)).toEqual(["probe/authentik-api"]);
    expect(fs[0].message).toContain("HTTP 500");
    stack.authentik.faults.length = 0;
  });

  it("flags a provider without MAS's callback among its redirect URIs", async () => {
    state = {
      ...HEALTHY_AUTHENTIK,
      redirectUris: [
        { matching_mode: "strict", url: `https://${HOSTS.mas}/upstream/callback/01JQ3M9ZK4V8W2X7Y5T6R1N0ZZ` },
      ],
    };
    const fs = await probe(stack, withToken);
    expect(failures(fs)).toEqual(["probe/authentik-redirect-uri"]);
    expect(fs[0].hint).toContain(CALLBACK);
  });

  it("accepts a regex redirect URI that fully matches the callback", async () => {
    state = {
      ...HEALTHY_AUTHENTIK,
      redirectUris: [{ matching_mode: "regex", url: "https://account\\.example\\.org/upstream/callback/[0-9A-Z]{26}" }],
    };
    expect(failures(await probe(stack, withToken))).toEqual([]);
  });

  it("flags a regex that only matches a prefix (Authentik uses fullmatch)", async () => {
    state = {
      ...HEALTHY_AUTHENTIK,
      redirectUris: [{ matching_mode: "regex", url: "https://account\\.example\\.org/upstream" }],
    };
    expect(failures(await probe(stack, withToken))).toEqual(["probe/authentik-redirect-uri"]);
  });

  it("ignores logout redirect URIs", async () => {
    state = {
      ...HEALTHY_AUTHENTIK,
      redirectUris: [{ matching_mode: "strict", url: CALLBACK, redirect_uri_type: "logout" }],
    };
    expect(failures(await probe(stack, withToken))).toEqual(["probe/authentik-redirect-uri"]);
  });

  it("reads the legacy newline-separated redirect_uris of older Authentik versions", async () => {
    // Not in the 2026.5 schema, so this older answer is served directly instead of through the validating fake.
    const legacy = (uris: string) =>
      json(200, {
        pagination: { next: 0, previous: 0, count: 1, current: 1, total_pages: 1, start_index: 1, end_index: 1 },
        results: [oauth2Provider(uris)],
        autocomplete: {},
      });
    stack.override(HOSTS.auth, "/api/v3/providers/oauth2/", legacy(`https://chat.example.org/cb\n${CALLBACK}\n`));
    expect(failures(await probe(stack, withToken))).toEqual([]);
    stack.override(HOSTS.auth, "/api/v3/providers/oauth2/", legacy("https://chat.example.org/cb"));
    expect(failures(await probe(stack, withToken))).toEqual(["probe/authentik-redirect-uri"]);
  });

  it("flags a client id Authentik does not know", async () => {
    const fs = await probe(stack, withToken, {
      upstreamProviders: [
        { id: PROVIDER_ID, issuer: `https://${HOSTS.auth}/application/o/mas/`, clientId: "typo-client" },
      ],
    });
    expect(failures(fs)).toEqual(["probe/authentik-redirect-uri"]);
    expect(fs[0].message).toContain("typo-client");
  });

  it("never sends the token to an issuer that is not shaped like Authentik", async () => {
    stack.override(
      HOSTS.auth,
      "/.well-known/openid-configuration",
      json(200, { issuer: `https://${HOSTS.auth}/`, authorization_endpoint: `https://${HOSTS.auth}/authorize` }),
    );
    const before = stack.authentik.requests.length;
    expect(
      await probe(stack, withToken, {
        upstreamProviders: [{ id: PROVIDER_ID, issuer: `https://${HOSTS.auth}/`, clientId: CLIENT_ID }],
      }),
    ).toEqual([]);
    expect(stack.authentik.requests.length).toBe(before);
  });
});

describe("live probes: Authentik enrollment flow", () => {
  it("flags a flow without a user login stage", async () => {
    state = { ...HEALTHY_AUTHENTIK, stages: ["invitation", "identification", "prompt", "user_write"] };
    const fs = await probe(stack, withToken);
    expect(failures(fs)).toEqual(["probe/authentik-enrollment-flow"]);
    expect(fs[0].message).toContain("no user login stage");
  });

  it("flags a flow without an invitation stage before user write", async () => {
    state = { ...HEALTHY_AUTHENTIK, stages: ["prompt", "user_write", "invitation", "user_login", "identification"] };
    const fs = await probe(stack, withToken);
    expect(failures(fs)).toEqual(["probe/authentik-enrollment-flow"]);
    expect(fs[0].message).toContain("invitation stage is not before user write");
  });

  it("warns only when the identification stage is missing", async () => {
    state = { ...HEALTHY_AUTHENTIK, stages: ["invitation", "prompt", "user_write", "user_login"] };
    const fs = await probe(stack, withToken);
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([["probe/authentik-enrollment-flow", "warning"]]);
  });

  it("flags an Authentik without any enrollment flow using an invitation stage", async () => {
    state = { ...HEALTHY_AUTHENTIK, invitationInFlow: false };
    expect(failures(await probe(stack, withToken))).toEqual(["probe/authentik-enrollment-flow"]);
  });
});

describe("redirect URI rules", () => {
  it("normalises both shapes and matches like Authentik", () => {
    const rules = redirectRules([
      { matching_mode: "strict", url: "https://a/cb" },
      { matching_mode: "regex", url: "https://b/.*" },
    ]);
    expect(redirectAllowed(rules, "https://a/cb")).toBe(true);
    expect(redirectAllowed(rules, "https://a/cb/")).toBe(false);
    expect(redirectAllowed(rules, "https://b/x")).toBe(true);
    expect(redirectAllowed(redirectRules("https://a/cb\r\nhttps://c/cb"), "https://c/cb")).toBe(true);
    expect(redirectAllowed(redirectRules("*"), "https://anything/")).toBe(true);
    expect(
      redirectAllowed(redirectRules([{ matching_mode: "regex", url: "https://(broken" }]), "https://(broken"),
    ).toBe(false);
    expect(redirectRules(null)).toEqual([]);
    // RE2 has no lookahead; the JS fallback covers what Python would accept.
    expect(redirectAllowed(redirectRules([{ matching_mode: "regex", url: "https://(?=a)a/cb" }]), "https://a/cb")).toBe(
      true,
    );
  });
});
