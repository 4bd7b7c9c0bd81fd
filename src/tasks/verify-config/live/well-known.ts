import { getFollowing, isObject, joinUrl, parseJson, type ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";

/** What the client well-known told us, for the probes that depend on it. */
export interface ClientWellKnown {
  url: string;
  doc: Record<string, unknown>;
  /** `m.homeserver.base_url` when present and a valid http(s) URL. */
  baseUrl?: string;
  /** True when base_url answered /_matrix/client/versions (checks on the homeserver only run then, like doctor). */
  homeserverOk: boolean;
  /** `livekit_service_url` of the first livekit entry in `org.matrix.msc4143.rtc_foci`. */
  livekitServiceUrl?: string;
}

const RTC_HINT =
  "Without org.matrix.msc4143.rtc_foci clients fail to start calls with MISSING_MATRIX_RTC_FOCUS. The ESS chart publishes " +
  '[{"type":"livekit","livekit_service_url":"https://<matrixRTC.ingress.host>"}] only when wellKnownDelegation.enabled is true; ' +
  "if something else serves https://<serverName>/.well-known/matrix/client, add the entry there.";

function httpUrl(v: unknown): string | undefined {
  if (typeof v !== "string") return undefined;
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Probe `https://<serverName>/.well-known/matrix/client`: 200, JSON object, CORS `*`, `m.homeserver.base_url`
 * answering `/_matrix/client/versions`, and (when RTC is enabled) an rtc_foci livekit entry.
 * Returns the parsed document when it could be read.
 */
export async function probeClientWellKnown(
  ctx: ProbeContext,
  serverName: string,
  rtcEnabled: boolean | undefined,
): Promise<ClientWellKnown | undefined> {
  const url = `https://${serverName}/.well-known/matrix/client`;
  const res = await getFollowing(ctx, PROBE.wellKnownClient, url, "client well-known");
  if (!res) return undefined;
  if (res.status !== 200) {
    ctx.fail(
      PROBE.wellKnownClient,
      "error",
      `client well-known answered HTTP ${res.status}${res.url !== url ? ` (after redirects, at ${res.url})` : ""}, expected 200`,
      {
        url,
        hint: "Clients find the homeserver, MAS and the call focus through this file. With ESS, wellKnownDelegation.enabled: true makes the chart serve it on serverName.",
      },
    );
    return undefined;
  }
  const doc = parseJson(res.body);
  if (!isObject(doc)) {
    ctx.fail(PROBE.wellKnownClient, "error", "client well-known is not a JSON object", {
      url,
      hint: "Serve a JSON object (application/json).",
    });
    return undefined;
  }
  const acao = res.headers["access-control-allow-origin"];
  if (acao?.trim() !== "*") {
    ctx.fail(
      PROBE.wellKnownCors,
      "error",
      `client well-known lacks Access-Control-Allow-Origin: * (got ${acao === undefined ? "none" : JSON.stringify(acao)})`,
      {
        url,
        hint: "Browser clients (Element Web, Element Call) cannot read the file without it; add the header where the file is served.",
      },
    );
  } else ctx.ok(PROBE.wellKnownCors, "client well-known allows any origin", { url });

  const out: ClientWellKnown = { url, doc, homeserverOk: false };
  const hs = doc["m.homeserver"];
  const baseUrl = isObject(hs) ? httpUrl(hs.base_url) : undefined;
  if (!baseUrl) {
    ctx.fail(PROBE.wellKnownClient, "error", "client well-known has no valid m.homeserver.base_url", {
      url,
      hint: 'Publish {"m.homeserver": {"base_url": "https://<synapse host>"}}.',
    });
  } else {
    out.baseUrl = baseUrl;
    ctx.ok(PROBE.wellKnownClient, `client well-known points at ${baseUrl}`, { url });
    out.homeserverOk = await probeVersions(ctx, baseUrl);
  }

  const foci = doc["org.matrix.msc4143.rtc_foci"];
  const livekit = Array.isArray(foci)
    ? (foci as unknown[]).find((f) => isObject(f) && f.type === "livekit" && httpUrl(f.livekit_service_url))
    : undefined;
  if (isObject(livekit)) out.livekitServiceUrl = String(livekit.livekit_service_url);
  if (rtcEnabled) {
    if (!out.livekitServiceUrl) {
      const what =
        foci === undefined
          ? "has no org.matrix.msc4143.rtc_foci"
          : "has org.matrix.msc4143.rtc_foci without a livekit entry with a livekit_service_url";
      ctx.fail(PROBE.rtcFocus, "error", `MatrixRTC is enabled but the client well-known ${what}`, {
        url,
        hint: RTC_HINT,
      });
    } else ctx.ok(PROBE.rtcFocus, `client well-known publishes the call focus ${out.livekitServiceUrl}`, { url });
  }
  return out;
}

async function probeVersions(ctx: ProbeContext, baseUrl: string): Promise<boolean> {
  const url = joinUrl(baseUrl, "/_matrix/client/versions");
  const res = await ctx.request(PROBE.homeserver, { url }, "homeserver");
  if (!res) return false;
  const body = parseJson(res.body);
  if (res.status !== 200 || !isObject(body) || !Array.isArray(body.versions)) {
    ctx.fail(
      PROBE.homeserver,
      "error",
      `m.homeserver.base_url does not answer /_matrix/client/versions (HTTP ${res.status}${res.status === 200 ? ", no versions list" : ""})`,
      {
        url,
        hint: "base_url must be the public URL of Synapse's client API (the synapse Ingress host).",
      },
    );
    return false;
  }
  ctx.ok(PROBE.homeserver, `homeserver answers /_matrix/client/versions`, { url });
  return true;
}

const HOST_PORT =
  /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?$/;

/** Probe `https://<serverName>/.well-known/matrix/server`: 200, JSON, `m.server` as host[:port]. */
export async function probeServerWellKnown(ctx: ProbeContext, serverName: string): Promise<void> {
  const url = `https://${serverName}/.well-known/matrix/server`;
  const hint =
    'Serve {"m.server": "<synapse host>:443"}; federation and the MatrixRTC authorisation service look it up. ESS serves it with wellKnownDelegation.enabled: true.';
  const res = await getFollowing(ctx, PROBE.wellKnownServer, url, "server well-known");
  if (!res) return;
  if (res.status !== 200) {
    ctx.fail(PROBE.wellKnownServer, "error", `server well-known answered HTTP ${res.status}, expected 200`, {
      url,
      hint,
    });
    return;
  }
  const doc = parseJson(res.body);
  const server = isObject(doc) ? doc["m.server"] : undefined;
  const m = typeof server === "string" ? HOST_PORT.exec(server) : null;
  if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) {
    const got = !isObject(doc)
      ? "is not a JSON object"
      : server === undefined
        ? "has no m.server"
        : `has an invalid m.server ${JSON.stringify(server)}`;
    ctx.fail(PROBE.wellKnownServer, "error", `server well-known ${got}`, { url, hint });
    return;
  }
  ctx.ok(PROBE.wellKnownServer, `server well-known delegates to ${String(server)}`, { url });
}
