/** Rule ids of the live probes; documented in docs/rules/probe.md. */
export const PROBE = {
  wellKnownClient: "probe/well-known-client",
  wellKnownCors: "probe/well-known-cors",
  wellKnownServer: "probe/well-known-server",
  homeserver: "probe/homeserver-versions",
  federationVersion: "probe/federation-version",
  federationKeys: "probe/federation-keys",
  masDiscovery: "probe/mas-discovery",
  masIssuerMismatch: "probe/mas-issuer-mismatch",
  masIssuerHttps: "probe/mas-issuer-https",
  masWhoami: "probe/mas-whoami",
  masLegacyLogin: "probe/mas-legacy-login",
  rtcFocus: "probe/rtc-focus-missing",
  rtcJwtHealth: "probe/rtc-jwt-health",
  rtcJwtSfuGet: "probe/rtc-jwt-sfu-get",
  rtcSfuWebsocket: "probe/rtc-sfu-websocket",
  upstreamDiscovery: "probe/upstream-discovery",
  upstreamIssuerMismatch: "probe/upstream-issuer-mismatch",
  authentikApi: "probe/authentik-api",
  authentikRedirectUri: "probe/authentik-redirect-uri",
  authentikEnrollmentFlow: "probe/authentik-enrollment-flow",
} as const;

export type ProbeRuleId = (typeof PROBE)[keyof typeof PROBE];
