import { type ProbeContext } from "./context.js";
/**
 * Probe the MatrixRTC backend: the authorisation (JWT) service at `serviceUrl` (`/healthz` 200, `/sfu/get`
 * refusing GET with 405) and the LiveKit SFU on `sfuHost`, which must see a WebSocket upgrade on `/rtc`.
 */
export declare function probeRtc(ctx: ProbeContext, serviceUrl: string, sfuHost: string): Promise<void>;
