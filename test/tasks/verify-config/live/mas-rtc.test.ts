import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { failures, probe } from "./harness.js";
import {
  CLIENT_WELL_KNOWN,
  HEALTHY_AUTHENTIK,
  HOSTS,
  MAS_ISSUER,
  TestStack,
  json,
  serveAuthentik,
  upgradeStatus,
} from "./stack.js";

const stack = new TestStack("unused-token-for-this-file");
beforeAll(async () => {
  serveAuthentik(stack.authentik, () => HEALTHY_AUTHENTIK);
  await stack.start();
});
afterEach(() => stack.reset());
afterAll(() => stack.stop());

const cors = { "access-control-allow-origin": "*" };
const wk = (doc: unknown) => stack.override(HOSTS.server, "/.well-known/matrix/client", json(200, doc, cors));
const { ["org.matrix.msc2965.authentication"]: _unstable, ...WK_STABLE_ONLY } = CLIENT_WELL_KNOWN;

describe("live probes: MAS discovery and issuer", () => {
  it("discovers MAS through auth_metadata alone", async () => {
    wk(WK_STABLE_ONLY);
    expect(failures(await probe(stack))).toEqual([]);
  });

  it("discovers MAS through the unstable auth_metadata path of older Synapse versions", async () => {
    wk(WK_STABLE_ONLY);
    stack.override(HOSTS.synapse, "/_matrix/client/v1/auth_metadata", json(404, { errcode: "M_UNRECOGNIZED" }));
    stack.override(
      HOSTS.synapse,
      "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
      json(200, { issuer: MAS_ISSUER }),
    );
    expect(failures(await probe(stack))).toEqual([]);
    stack.override(
      HOSTS.synapse,
      "/_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
      json(200, { issuer: `https://${HOSTS.auth}/not-mas/` }),
    );
    expect(failures(await probe(stack))).toContain("probe/mas-discovery");
  });

  it("discovers MAS through the unstable well-known key alone", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/v1/auth_metadata", json(404, { errcode: "M_UNRECOGNIZED" }));
    expect(failures(await probe(stack))).toEqual([]);
  });

  it("flags a deployment with MAS that clients cannot discover", async () => {
    wk(WK_STABLE_ONLY);
    stack.override(HOSTS.synapse, "/_matrix/client/v1/auth_metadata", json(404, { errcode: "M_UNRECOGNIZED" }));
    expect(failures(await probe(stack))).toEqual(["probe/mas-discovery"]);
  });

  it("stays quiet about MAS when the repo deploys none", async () => {
    wk(WK_STABLE_ONLY);
    stack.override(HOSTS.synapse, "/_matrix/client/v1/auth_metadata", json(404, { errcode: "M_UNRECOGNIZED" }));
    expect(failures(await probe(stack, {}, { hosts: { synapse: HOSTS.synapse }, upstreamProviders: [] }))).toEqual([]);
  });

  it("flags an issuer that differs from MAS's own only by the trailing slash", async () => {
    stack.override(
      HOSTS.mas,
      "/.well-known/openid-configuration",
      json(200, { issuer: MAS_ISSUER.replace(/\/$/, ""), authorization_endpoint: `${MAS_ISSUER}authorize` }),
    );
    const fs = await probe(stack);
    expect(failures(fs)).toEqual(["probe/mas-issuer-mismatch"]);
    expect(fs[0].data).toEqual({ advertised: MAS_ISSUER, actual: "https://account.example.org" });
  });

  it("flags auth_metadata and the unstable well-known key disagreeing", async () => {
    wk({ ...CLIENT_WELL_KNOWN, "org.matrix.msc2965.authentication": { issuer: "https://auth.other.example/" } });
    expect(failures(await probe(stack))).toEqual(["probe/mas-issuer-mismatch"]);
  });

  it("flags a MAS OpenID configuration that is not served", async () => {
    stack.override(HOSTS.mas, "/.well-known/openid-configuration", json(404, {}));
    expect(failures(await probe(stack))).toEqual(["probe/mas-discovery"]);
  });

  it("flags a non-https issuer", async () => {
    const http = "http://account.example.org/";
    stack.override(HOSTS.synapse, "/_matrix/client/v1/auth_metadata", json(200, { issuer: http }));
    wk({ ...CLIENT_WELL_KNOWN, "org.matrix.msc2965.authentication": { issuer: http } });
    // The OpenID configuration is then fetched over plain http from a host that has no such listener.
    // Port 80 of the MAS host goes to a closed loopback port: the plain-http fetch fails without DNS.
    const fs = failures(await probe(stack, { resolve: { ...stack.resolve(), [`${HOSTS.mas}:80`]: "127.0.0.1:1" } }));
    expect(fs).toContain("probe/mas-issuer-https");
  });
});

describe("live probes: MAS doctor checks", () => {
  it("flags whoami 503 (Synapse cannot reach MAS)", async () => {
    stack.override(
      HOSTS.synapse,
      "/_matrix/client/v3/account/whoami",
      json(503, { errcode: "M_UNKNOWN", error: "introspection failed" }),
    );
    const fs = await probe(stack);
    expect(failures(fs)).toEqual(["probe/mas-whoami"]);
    expect(fs[0].severity).toBe("error");
    expect(fs[0].message).toContain("cannot reach MAS");
  });

  it("flags whoami accepting a random token", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/v3/account/whoami", json(200, { user_id: "@x:example.org" }));
    const fs = await probe(stack);
    expect(failures(fs)).toEqual(["probe/mas-whoami"]);
    expect(fs[0].severity).toBe("error");
  });

  it("warns on another whoami status", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/v3/account/whoami", json(403, { errcode: "M_FORBIDDEN" }));
    const fs = await probe(stack);
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([["probe/mas-whoami", "warning"]]);
  });

  it("sends a random bearer token to whoami", async () => {
    const seen: string[] = [];
    stack.override(HOSTS.synapse, "/_matrix/client/v3/account/whoami", (req, res) => {
      seen.push(String(req.headers.authorization));
      json(401, { errcode: "M_UNKNOWN_TOKEN" })(req, res);
    });
    await probe(stack);
    await probe(stack);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^Bearer mxops_probe_[0-9a-f]{32}$/);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it("flags a legacy login API served by Synapse (password flow only)", async () => {
    stack.override(
      HOSTS.synapse,
      "/_matrix/client/v3/login",
      json(200, { flows: [{ type: "m.login.password" }, { type: "m.login.sso" }] }),
    );
    expect(failures(await probe(stack))).toEqual(["probe/mas-legacy-login"]);
  });

  it("accepts the unstable msc3824 flag", async () => {
    stack.override(
      HOSTS.synapse,
      "/_matrix/client/v3/login",
      json(200, { flows: [{ type: "m.login.sso", "org.matrix.msc3824.delegated_oidc_compatibility": true }] }),
    );
    expect(failures(await probe(stack))).toEqual([]);
  });

  it("flags a legacy login API answering an error", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/v3/login", json(404, { errcode: "M_UNRECOGNIZED" }));
    expect(failures(await probe(stack))).toEqual(["probe/mas-legacy-login"]);
  });
});

describe("live probes: MatrixRTC", () => {
  it("flags an unhealthy authorisation service", async () => {
    stack.override(HOSTS.rtc, "/healthz", json(503, "down"));
    expect(failures(await probe(stack))).toEqual(["probe/rtc-jwt-health"]);
  });

  it("flags /sfu/get not routed to the authorisation service", async () => {
    stack.override(HOSTS.rtc, "/sfu/get", json(404, "not found"));
    expect(failures(await probe(stack))).toEqual(["probe/rtc-jwt-sfu-get"]);
  });

  it("flags an SFU whose proxy drops the upgrade (LiveKit answers 404)", async () => {
    stack.overrideUpgrade(HOSTS.rtc, "/rtc", upgradeStatus(404));
    expect(failures(await probe(stack))).toEqual(["probe/rtc-sfu-websocket"]);
  });

  it("flags an SFU answering 502", async () => {
    stack.overrideUpgrade(HOSTS.rtc, "/rtc", upgradeStatus(502));
    expect(failures(await probe(stack))).toEqual(["probe/rtc-sfu-websocket"]);
  });

  it("accepts LiveKit's 401 for an upgrade without an access token", async () => {
    stack.overrideUpgrade(HOSTS.rtc, "/rtc", upgradeStatus(401));
    expect(failures(await probe(stack))).toEqual([]);
  });

  it("probes the SFU on the repo's matrixRTC host and the service from the well-known", async () => {
    await probe(stack);
    expect(stack.hits).toEqual(
      expect.arrayContaining([`UPGRADE ${HOSTS.rtc}/rtc`, `GET ${HOSTS.rtc}/healthz`, `GET ${HOSTS.rtc}/sfu/get`]),
    );
  });

  it("derives the SFU host from livekit_service_url when the repo does not name one", async () => {
    await probe(stack, {}, { hosts: { synapse: HOSTS.synapse, mas: HOSTS.mas } });
    expect(stack.hits).toContain(`UPGRADE ${HOSTS.rtc}/rtc`);
  });

  it("still probes the RTC backend on the repo's host when the focus is missing", async () => {
    const { ["org.matrix.msc4143.rtc_foci"]: _drop, ...rest } = CLIENT_WELL_KNOWN;
    wk(rest);
    expect(failures(await probe(stack))).toEqual(["probe/rtc-focus-missing"]);
    expect(stack.hits).toContain(`GET ${HOSTS.rtc}/healthz`);
  });
});
