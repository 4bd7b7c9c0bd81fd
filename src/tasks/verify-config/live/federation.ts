import { isObject, joinUrl, parseJson, type ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";

/** The port federation uses when `m.server` names none (Matrix server-server API, server discovery). */
const DEFAULT_FEDERATION_PORT = 8448;

const ROUTE_HINT =
  "Other homeservers reach Synapse's federation API at the host and port that /.well-known/matrix/server delegates to " +
  "(8448 when it names no port). Route /_matrix/federation and /_matrix/key there to Synapse (ESS: the Synapse Ingress " +
  'host on 443, with wellKnownDelegation publishing "<synapse host>:443"). A server that does not federate on purpose can ignore this.';

/** `https://host:port` for a valid `m.server` value (`host`, `host:port`, `[v6]`, `[v6]:port`). */
export function federationBase(mServer: string): string {
  const bracket = mServer.startsWith("[") ? mServer.indexOf("]") : -1;
  const portSep = mServer.lastIndexOf(":");
  const hasPort = bracket >= 0 ? portSep > bracket : portSep >= 0;
  return hasPort ? `https://${mServer}` : `https://${mServer}:${DEFAULT_FEDERATION_PORT}`;
}

/**
 * Probe the federation API where `m.server` delegates to: `/_matrix/federation/v1/version` must answer with the
 * server's name and version, and `/_matrix/key/v2/server` must publish signing keys for `serverName` that are
 * still valid. Unreachable or refusing endpoints are warnings (a private server may not federate); keys
 * published for another server name, or already expired, are errors (every federated event would be rejected).
 */
export async function probeFederation(
  ctx: ProbeContext,
  serverName: string,
  mServer: string,
  now: () => number = Date.now,
): Promise<void> {
  const base = federationBase(mServer);
  const versionUrl = joinUrl(base, "/_matrix/federation/v1/version");
  const keysUrl = joinUrl(base, "/_matrix/key/v2/server");
  const [version, keys] = await Promise.all([
    ctx.request(PROBE.federationVersion, { url: versionUrl }, "federation API", "warning"),
    ctx.request(PROBE.federationKeys, { url: keysUrl }, "federation signing keys", "warning"),
  ]);
  if (version) {
    const body = parseJson(version.body);
    const server = isObject(body) && isObject(body.server) ? body.server : undefined;
    if (version.status !== 200 || !server) {
      ctx.fail(
        PROBE.federationVersion,
        "warning",
        `${base} does not answer /_matrix/federation/v1/version (HTTP ${version.status}${version.status === 200 ? ", no server object" : ""})`,
        { url: versionUrl, hint: ROUTE_HINT },
      );
    } else {
      const what = [server.name, server.version].filter((x) => typeof x === "string").join(" ");
      ctx.ok(PROBE.federationVersion, `federation API answers at ${base}${what ? ` (${what})` : ""}`, {
        url: versionUrl,
      });
    }
  }
  if (!keys) return;
  const doc = parseJson(keys.body);
  if (keys.status !== 200 || !isObject(doc)) {
    ctx.fail(PROBE.federationKeys, "warning", `${base} does not publish /_matrix/key/v2/server (HTTP ${keys.status})`, {
      url: keysUrl,
      hint: ROUTE_HINT,
    });
    return;
  }
  const verifyKeys = isObject(doc.verify_keys) ? Object.keys(doc.verify_keys) : [];
  if (doc.server_name !== serverName) {
    ctx.fail(
      PROBE.federationKeys,
      "error",
      `the signing keys at ${base} are published for ${JSON.stringify(doc.server_name)}, not for the server name ${JSON.stringify(serverName)}`,
      {
        url: keysUrl,
        hint: "m.server delegates to a homeserver configured with another server_name (ESS: serverName); other servers reject its events. Point the delegation at this server's Synapse or fix server_name, which cannot change after the first start.",
      },
    );
    return;
  }
  if (verifyKeys.length === 0) {
    ctx.fail(PROBE.federationKeys, "error", `the key document at ${base} has no verify_keys`, {
      url: keysUrl,
      hint: "Synapse publishes its signing key here; check the signing_key_path and that the server started cleanly.",
    });
    return;
  }
  const validUntil = typeof doc.valid_until_ts === "number" ? doc.valid_until_ts : undefined;
  if (validUntil === undefined || validUntil <= now()) {
    ctx.fail(
      PROBE.federationKeys,
      "error",
      `the signing keys at ${base} ${validUntil === undefined ? "carry no valid_until_ts" : "have expired (valid_until_ts is in the past)"}`,
      {
        url: keysUrl,
        hint: "Other servers stop trusting keys past valid_until_ts; a cached or frozen key response (a proxy cache) is the usual cause.",
      },
    );
    return;
  }
  ctx.ok(PROBE.federationKeys, `${serverName} publishes ${verifyKeys.length} signing key(s) at ${base}`, {
    url: keysUrl,
  });
}
