import { type ProbeContext } from "./context.js";
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
/**
 * Probe `https://<serverName>/.well-known/matrix/client`: 200, JSON object, CORS `*`, `m.homeserver.base_url`
 * answering `/_matrix/client/versions`, and (when RTC is enabled) an rtc_foci livekit entry.
 * Returns the parsed document when it could be read.
 */
export declare function probeClientWellKnown(ctx: ProbeContext, serverName: string, rtcEnabled: boolean | undefined): Promise<ClientWellKnown | undefined>;
/**
 * Probe `https://<serverName>/.well-known/matrix/server`: 200, JSON, `m.server` as host[:port].
 * Returns the delegated `m.server` when it is valid.
 */
export declare function probeServerWellKnown(ctx: ProbeContext, serverName: string): Promise<string | undefined>;
