/** Rule ids of the live probes; documented in docs/rules/probe.md. */
export declare const PROBE: {
    readonly wellKnownClient: "probe/well-known-client";
    readonly wellKnownCors: "probe/well-known-cors";
    readonly wellKnownServer: "probe/well-known-server";
    readonly homeserver: "probe/homeserver-versions";
    readonly federationVersion: "probe/federation-version";
    readonly federationKeys: "probe/federation-keys";
    readonly masDiscovery: "probe/mas-discovery";
    readonly masIssuerMismatch: "probe/mas-issuer-mismatch";
    readonly masIssuerHttps: "probe/mas-issuer-https";
    readonly masWhoami: "probe/mas-whoami";
    readonly masLegacyLogin: "probe/mas-legacy-login";
    readonly rtcFocus: "probe/rtc-focus-missing";
    readonly rtcJwtHealth: "probe/rtc-jwt-health";
    readonly rtcJwtSfuGet: "probe/rtc-jwt-sfu-get";
    readonly rtcSfuWebsocket: "probe/rtc-sfu-websocket";
    readonly upstreamDiscovery: "probe/upstream-discovery";
    readonly upstreamIssuerMismatch: "probe/upstream-issuer-mismatch";
    readonly authentikApi: "probe/authentik-api";
    readonly authentikRedirectUri: "probe/authentik-redirect-uri";
    readonly authentikEnrollmentFlow: "probe/authentik-enrollment-flow";
};
export type ProbeRuleId = (typeof PROBE)[keyof typeof PROBE];
