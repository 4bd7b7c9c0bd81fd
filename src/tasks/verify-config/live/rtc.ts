import { joinUrl, type ProbeContext } from "./context.js";
import { PROBE } from "./rules.js";

/**
 * Probe the MatrixRTC backend: the authorisation (JWT) service at `serviceUrl` (`/healthz` 200, `/sfu/get`
 * refusing GET with 405) and the LiveKit SFU on `sfuHost`, which must see a WebSocket upgrade on `/rtc`.
 */
export async function probeRtc(ctx: ProbeContext, serviceUrl: string, sfuHost: string): Promise<void> {
  const health = joinUrl(serviceUrl, "/healthz");
  const h = await ctx.request(PROBE.rtcJwtHealth, { url: health }, "MatrixRTC authorisation service");
  // An unreachable host is one finding; the other checks on the same host would only repeat it.
  const serviceDown = h === undefined;
  if (serviceDown && sfuHost === new URL(serviceUrl).host) return;
  if (h) {
    if (h.status === 200) ctx.ok(PROBE.rtcJwtHealth, "MatrixRTC authorisation service is healthy", { url: health });
    else {
      ctx.fail(
        PROBE.rtcJwtHealth,
        "error",
        `MatrixRTC authorisation service /healthz answered HTTP ${h.status}, expected 200`,
        {
          url: health,
          hint: "Check the matrix-rtc authorisation and SFU pods and the matrixRTC Ingress.",
        },
      );
    }
  }

  const sfuGet = joinUrl(serviceUrl, "/sfu/get");
  const g = serviceDown
    ? undefined
    : await ctx.request(PROBE.rtcJwtSfuGet, { url: sfuGet, retries: 0 }, "MatrixRTC /sfu/get");
  if (g) {
    // The JWT service only takes POST here; 405 proves the path reaches it rather than another backend.
    if (g.status === 405) ctx.ok(PROBE.rtcJwtSfuGet, "/sfu/get reaches the authorisation service", { url: sfuGet });
    else {
      ctx.fail(
        PROBE.rtcJwtSfuGet,
        "error",
        `GET /sfu/get answered HTTP ${g.status}, expected 405 from the authorisation service`,
        {
          url: sfuGet,
          hint: "The Ingress must route /sfu/get (and /get_token) on the livekit_service_url host to the MatrixRTC authorisation service.",
        },
      );
    }
  }

  const ws = `https://${sfuHost}/rtc`;
  const u = await ctx.request(PROBE.rtcSfuWebsocket, { url: ws, upgrade: true, retries: 0 }, "LiveKit SFU");
  if (!u) return;
  // LiveKit checks the access token before switching protocols: 401 still proves the upgrade reached it,
  // while 404 is its answer to a request whose Upgrade header was dropped on the way.
  if (u.status === 101 || u.status === 401)
    ctx.ok(PROBE.rtcSfuWebsocket, `SFU accepts WebSocket upgrades (HTTP ${u.status})`, { url: ws });
  else {
    ctx.fail(PROBE.rtcSfuWebsocket, "error", `SFU answered a WebSocket upgrade with HTTP ${u.status}, expected 101`, {
      url: ws,
      hint: "The proxy in front of the SFU must pass Upgrade/Connection headers and route / on the MatrixRTC host to the LiveKit SFU.",
    });
  }
}
