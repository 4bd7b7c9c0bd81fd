import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mapDiscoveryError } from "../../../../src/tasks/verify-config/live/upstream.js";
import { failures, probe } from "./harness.js";
import {
  CLIENT_ID,
  HEALTHY_AUTHENTIK,
  HOSTS,
  ISSUER_NOSLASH,
  ISSUER_SLASH,
  PROVIDER_ID,
  TestStack,
  json,
  serveAuthentik,
} from "./stack.js";

const stack = new TestStack("unused-token-for-this-file");
let closedPort = 0;
beforeAll(async () => {
  serveAuthentik(stack.authentik, () => HEALTHY_AUTHENTIK);
  await stack.start();
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  closedPort = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
});
afterEach(() => stack.reset());
afterAll(() => stack.stop());

const withIssuer = (issuer: string) => ({ upstreamProviders: [{ id: PROVIDER_ID, issuer, clientId: CLIENT_ID }] });

describe("live probes: upstream OIDC discovery (real oidc-provider)", () => {
  it("accepts an issuer with a trailing slash that the provider publishes the same way", async () => {
    const fs = await probe(stack, { verbose: true }, withIssuer(ISSUER_SLASH));
    expect(failures(fs)).toEqual([]);
    expect(fs.find((f) => f.ruleId === "probe/upstream-discovery")?.message).toContain(ISSUER_SLASH);
  });

  it("accepts an issuer without a trailing slash that the provider publishes the same way", async () => {
    expect(failures(await probe(stack, {}, withIssuer(ISSUER_NOSLASH)))).toEqual([]);
  });

  it("flags a configured issuer missing the provider's trailing slash", async () => {
    const fs = await probe(stack, {}, withIssuer(ISSUER_SLASH.replace(/\/$/, "")));
    expect(failures(fs)).toEqual(["probe/upstream-issuer-mismatch"]);
    expect(fs[0].hint).toContain("trailing slash");
  });

  it("flags a configured issuer with a trailing slash the provider does not publish", async () => {
    expect(failures(await probe(stack, {}, withIssuer(`${ISSUER_NOSLASH}/`)))).toEqual([
      "probe/upstream-issuer-mismatch",
    ]);
  });

  it("compares byte for byte where openid-client normalises (host-only issuer)", async () => {
    stack.override(
      HOSTS.auth,
      "/.well-known/openid-configuration",
      json(200, { issuer: `https://${HOSTS.auth}`, authorization_endpoint: `https://${HOSTS.auth}/authorize` }),
    );
    const fs = await probe(stack, {}, withIssuer(`https://${HOSTS.auth}/`));
    expect(failures(fs)).toEqual(["probe/upstream-issuer-mismatch"]);
    expect(fs[0].data).toMatchObject({ configured: `https://${HOSTS.auth}/`, actual: `https://${HOSTS.auth}` });
  });

  it("flags an issuer whose discovery document is not served", async () => {
    expect(failures(await probe(stack, {}, withIssuer(`https://${HOSTS.auth}/application/o/wrong-slug/`)))).toEqual([
      "probe/upstream-discovery",
    ]);
  });

  it("flags a discovery document that is not JSON", async () => {
    stack.override(HOSTS.auth, "/application/o/mas/.well-known/openid-configuration", (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>login</html>");
    });
    const fs = await probe(stack, {}, withIssuer(ISSUER_SLASH));
    expect(failures(fs)).toEqual(["probe/upstream-discovery"]);
    expect(fs[0].message).toContain("not JSON");
  });

  it("flags a plain-http issuer without sending anything", async () => {
    const before = stack.hits.length;
    const fs = await probe(
      stack,
      {},
      { ...withIssuer(`http://${HOSTS.auth}/application/o/mas/`), hosts: {}, rtcEnabled: false },
    );
    expect(failures(fs)).toEqual(["probe/upstream-discovery"]);
    expect(fs[0].message).toContain("https");
    expect(stack.hits.slice(before).some((h) => h.includes(HOSTS.auth))).toBe(false);
  });

  it("turns an unreachable issuer into a finding", async () => {
    const resolve = { ...stack.resolve(), "down.example.org:443": `127.0.0.1:${closedPort}` };
    const fs = await probe(stack, { resolve }, withIssuer("https://down.example.org/application/o/mas/"));
    expect(failures(fs)).toEqual(["probe/upstream-discovery"]);
    expect(fs[0].message).toContain("unreachable");
  });

  it("does not probe an issuer that Flux substitutes at deploy time", async () => {
    const fs = await probe(stack, { verbose: true }, withIssuer("https://${AUTHENTIK_HOST}/application/o/mas/"));
    expect(failures(fs)).toEqual([]);
    expect(fs.find((f) => f.ruleId === "probe/upstream-discovery")?.message).toContain("not probed");
  });

  it("checks every provider and skips those without an issuer", async () => {
    const fs = await probe(
      stack,
      {},
      {
        upstreamProviders: [
          { id: PROVIDER_ID, issuer: ISSUER_SLASH, clientId: CLIENT_ID },
          { id: "01JQ3M9ZK4V8W2X7Y5T6R1N0PB", issuer: `${ISSUER_NOSLASH}/` },
          { id: "01JQ3M9ZK4V8W2X7Y5T6R1N0PC" },
        ],
      },
    );
    expect(fs.map((f) => [f.ruleId, f.data?.provider])).toEqual([
      ["probe/upstream-issuer-mismatch", "01JQ3M9ZK4V8W2X7Y5T6R1N0PB"],
    ]);
  });
});

describe("mapDiscoveryError (the one place that reads openid-client errors)", () => {
  const err = (code: string, cause?: unknown) => Object.assign(new Error("whatever the text says"), { code, cause });
  it("maps by code, never by message", () => {
    expect(mapDiscoveryError(err("OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED")).rule).toBe(
      "probe/upstream-issuer-mismatch",
    );
    expect(
      mapDiscoveryError(err("OAUTH_RESPONSE_IS_NOT_CONFORM", new Response(null, { status: 503 }))).reason,
    ).toContain("HTTP 503");
    expect(mapDiscoveryError(err("OAUTH_RESPONSE_IS_NOT_JSON")).rule).toBe("probe/upstream-discovery");
    expect(mapDiscoveryError(err("OAUTH_INVALID_RESPONSE")).reason).toContain("no issuer");
    expect(mapDiscoveryError(err("OAUTH_HTTP_REQUEST_FORBIDDEN")).reason).toContain("https");
    expect(mapDiscoveryError(err("OAUTH_TIMEOUT")).reason).toContain("timed out");
    expect(mapDiscoveryError(new Error("issuer does not match")).reason).toBe("discovery failed");
  });
});
