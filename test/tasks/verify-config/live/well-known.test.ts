// The well-known and homeserver probes against a real Synapse behind the stack's TLS front (test CA, --resolve):
// Synapse serves both well-knowns (public_baseurl, extra_well_known_client_content) and the client API. Broken
// variants are overrides on the front. Two Synapses: one publishing the MatrixRTC focus, one without it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { allStarted, startSynapse, SYNAPSE_HOOK_TIMEOUT_MS, type Synapse } from "../../../helpers/synapse.js";
import { failures, probe } from "./harness.js";
import { CLIENT_WELL_KNOWN, HEALTHY_AUTHENTIK, HOSTS, MAS_ISSUER, TestStack, json, serveAuthentik } from "./stack.js";

const MAS_WELL_KNOWN = { "org.matrix.msc2965.authentication": CLIENT_WELL_KNOWN["org.matrix.msc2965.authentication"] };
const RTC_FOCI = { "org.matrix.msc4143.rtc_foci": CLIENT_WELL_KNOWN["org.matrix.msc4143.rtc_foci"] };
let withRtc: Synapse | undefined;
let withoutRtc: Synapse | undefined;
const stack = new TestStack("unused-token-for-this-file", undefined, { realSynapse: true });
beforeAll(async () => {
  const publicBaseUrl = `https://${HOSTS.synapse}/`;
  await allStarted([
    startSynapse({
      serverName: HOSTS.server,
      publicBaseUrl,
      extraWellKnownClient: { ...MAS_WELL_KNOWN, ...RTC_FOCI },
    }).then((h) => (withRtc = h)),
    startSynapse({ serverName: HOSTS.server, publicBaseUrl, extraWellKnownClient: MAS_WELL_KNOWN }).then(
      (h) => (withoutRtc = h),
    ),
    stack.start(),
  ]);
  serveAuthentik(stack.authentik, () => HEALTHY_AUTHENTIK);
  stack.synapse = withRtc!.url;
}, SYNAPSE_HOOK_TIMEOUT_MS);
afterEach(() => {
  stack.reset();
  stack.synapse = withRtc?.url;
});
afterAll(async () => {
  await Promise.all([stack.stop(), withRtc?.stop(), withoutRtc?.stop()]);
});

const cors = { "access-control-allow-origin": "*" };
const wk = (doc: unknown, headers: Record<string, string> = cors) =>
  stack.override(HOSTS.server, "/.well-known/matrix/client", json(200, doc, headers));

describe("live probes: healthy stack", () => {
  it("reports nothing for a healthy stack, with Synapse answering the well-knowns, versions and whoami", async () => {
    stack.synapse = withRtc!.url;
    expect(await probe(stack)).toEqual([]);
    expect(new Set(stack.proxied)).toEqual(
      new Set([
        `GET ${HOSTS.server}/.well-known/matrix/client`,
        `GET ${HOSTS.server}/.well-known/matrix/server`,
        `GET ${HOSTS.synapse}/_matrix/client/versions`,
        `GET ${HOSTS.synapse}/_matrix/client/v3/account/whoami`,
      ]),
    );
  });

  it("reads what Synapse publishes: base_url from public_baseurl, the extra content, m.server from server_name", async () => {
    stack.synapse = withRtc!.url;
    const fs = await probe(stack, { verbose: true });
    const msg = (rule: string) => fs.filter((f) => f.ruleId === rule).map((f) => f.message);
    expect(msg("probe/well-known-client")).toEqual([`client well-known points at https://${HOSTS.synapse}/`]);
    expect(msg("probe/well-known-server")).toEqual([`server well-known delegates to ${HOSTS.server}:443`]);
    expect(msg("probe/rtc-focus-missing")).toEqual([`client well-known publishes the call focus https://${HOSTS.rtc}`]);
    expect(msg("probe/mas-issuer-mismatch")).toEqual([`MAS issuer ${MAS_ISSUER} is consistent`]);
    expect(msg("probe/mas-whoami")).toEqual(["whoami refuses an unknown token with 401"]);
  });

  it("reports each healthy check as info only with --verbose", async () => {
    const fs = await probe(stack, { verbose: true });
    expect(fs.every((f) => f.severity === "info")).toBe(true);
    expect(new Set(fs.map((f) => f.ruleId))).toEqual(
      new Set([
        "probe/well-known-client",
        "probe/well-known-cors",
        "probe/well-known-server",
        "probe/homeserver-versions",
        "probe/rtc-focus-missing",
        "probe/mas-issuer-https",
        "probe/mas-issuer-mismatch",
        "probe/mas-whoami",
        "probe/mas-legacy-login",
        "probe/rtc-jwt-health",
        "probe/rtc-jwt-sfu-get",
        "probe/rtc-sfu-websocket",
        "probe/upstream-discovery",
      ]),
    );
  });

  it("takes the server name from --server-name over the repo's hints", async () => {
    // Routed to the stack, whose certificate does not cover the name: no DNS, and a TLS failure finding.
    const fs = await probe(
      stack,
      {
        serverName: "other.example.net",
        resolve: { ...stack.resolve(), "other.example.net:443": `127.0.0.1:${stack.port}` },
      },
      {},
    );
    expect(failures(fs)).toContain("probe/well-known-client");
    expect(stack.hits.some((h) => h.includes("example.org/.well-known"))).toBe(false);
  });
});

describe("live probes: client well-known", () => {
  it("flags a 404", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/client", json(404, { errcode: "M_NOT_FOUND" }));
    expect(failures(await probe(stack))).toEqual(["probe/well-known-client"]);
  });

  it("follows https redirects like clients do", async () => {
    stack.override(
      HOSTS.server,
      "/.well-known/matrix/client",
      json(301, {}, { location: `https://${HOSTS.synapse}/.well-known/matrix/client` }),
    );
    // Synapse serves the file on its own host too.
    expect(failures(await probe(stack))).toEqual([]);
    expect(stack.proxied).toContain(`GET ${HOSTS.synapse}/.well-known/matrix/client`);
  });

  it("flags a redirect loop", async () => {
    stack.override(
      HOSTS.server,
      "/.well-known/matrix/client",
      json(302, {}, { location: `https://${HOSTS.synapse}/.well-known/matrix/client` }),
    );
    stack.override(
      HOSTS.synapse,
      "/.well-known/matrix/client",
      json(302, {}, { location: `https://${HOSTS.server}/.well-known/matrix/client` }),
    );
    const fs = await probe(stack);
    expect(failures(fs)).toEqual(["probe/well-known-client"]);
    expect(fs[0].message).toContain("HTTP 302");
  });

  it("flags a body that is not JSON", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/client", json(200, "<html>hello</html>", cors));
    expect(failures(await probe(stack))).toEqual(["probe/well-known-client"]);
  });

  it("flags a missing Access-Control-Allow-Origin: *", async () => {
    wk(CLIENT_WELL_KNOWN, { "access-control-allow-origin": "https://app.example.org" });
    expect(failures(await probe(stack))).toEqual(["probe/well-known-cors"]);
  });

  it("flags a missing m.homeserver.base_url", async () => {
    const { ["m.homeserver"]: _drop, ...rest } = CLIENT_WELL_KNOWN;
    wk(rest);
    const fs = failures(await probe(stack));
    expect(fs).toContain("probe/well-known-client");
    expect(fs).not.toContain("probe/homeserver-versions");
  });

  it("flags a base_url that does not answer /_matrix/client/versions, once (no follow-up MAS checks there)", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/versions", json(502, { error: "bad gateway" }));
    expect(failures(await probe(stack))).toEqual(["probe/homeserver-versions"]);
    expect(stack.hits.filter((h) => h.includes(HOSTS.synapse))).toEqual([
      `GET ${HOSTS.synapse}/_matrix/client/versions`,
    ]);
  });

  it("flags a versions answer without a versions list", async () => {
    stack.override(HOSTS.synapse, "/_matrix/client/versions", json(200, { hello: 1 }));
    expect(failures(await probe(stack))).toEqual(["probe/homeserver-versions"]);
  });

  it("flags missing rtc_foci when RTC is enabled (MISSING_MATRIX_RTC_FOCUS) and explains it", async () => {
    stack.synapse = withoutRtc!.url;
    const fs = await probe(stack);
    expect(failures(fs)).toEqual(["probe/rtc-focus-missing"]);
    expect(fs[0].hint).toContain("MISSING_MATRIX_RTC_FOCUS");
    expect(fs[0].hint).toContain("wellKnownDelegation.enabled");
  });

  it("flags rtc_foci without a livekit_service_url", async () => {
    wk({ ...CLIENT_WELL_KNOWN, "org.matrix.msc4143.rtc_foci": [{ type: "livekit" }] });
    expect(failures(await probe(stack))).toEqual(["probe/rtc-focus-missing"]);
  });

  it("does not ask for rtc_foci when RTC is not enabled", async () => {
    stack.synapse = withoutRtc!.url;
    expect(failures(await probe(stack, {}, { rtcEnabled: false }))).toEqual([]);
  });
});

describe("live probes: server well-known", () => {
  it("flags a 404", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/server", json(404, {}));
    expect(failures(await probe(stack))).toEqual(["probe/well-known-server"]);
  });

  it("flags an invalid m.server", async () => {
    stack.override(
      HOSTS.server,
      "/.well-known/matrix/server",
      json(200, { "m.server": "https://matrix.example.org/" }),
    );
    expect(failures(await probe(stack))).toEqual(["probe/well-known-server"]);
  });

  it("flags a missing m.server", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/server", json(200, { server: "matrix.example.org" }));
    expect(failures(await probe(stack))).toEqual(["probe/well-known-server"]);
  });

  it("accepts m.server without a port and with an IPv6 literal", async () => {
    stack.override(HOSTS.server, "/.well-known/matrix/server", json(200, { "m.server": "matrix.example.org" }));
    expect(failures(await probe(stack))).toEqual([]);
    stack.override(HOSTS.server, "/.well-known/matrix/server", json(200, { "m.server": "[2001:db8::1]:8448" }));
    expect(failures(await probe(stack))).toEqual([]);
  });
});
