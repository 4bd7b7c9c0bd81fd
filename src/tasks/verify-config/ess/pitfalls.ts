import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext, Location } from "../components/types.js";
import { HOST_COMPONENTS, ingressHost, isEnabled, valueAt } from "./enabled.js";

const TROUBLESHOOTING = "https://github.com/element-hq/ess-helm/blob/main/docs/troubleshooting.md";

function at(ctx: EssValuesContext, ...paths: string[][]): Location | Record<string, never> {
  for (const p of paths) {
    const l = ctx.locate(p);
    if (l) return l;
  }
  return {};
}

/**
 * MatrixRTC on with the chart's well-known delegation off: the chart then publishes no
 * `org.matrix.msc4143.rtc_foci` (nor m.server/m.homeserver), so Element Call fails with
 * MISSING_MATRIX_RTC_FOCUS unless something else serves those files on the server name.
 */
export function checkRtcWithoutWellKnown(ctx: EssValuesContext): Finding[] {
  if (!isEnabled(ctx.values, "matrixRTC") || isEnabled(ctx.values, "wellKnownDelegation")) return [];
  return [
    {
      ruleId: "ess/rtc-without-well-known",
      severity: "error",
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- serverName is the operator's scalar, shown as written
      message: `${ctx.subject}: matrixRTC is enabled but wellKnownDelegation.enabled is false, so the chart publishes no org.matrix.msc4143.rtc_foci in https://${String(ctx.values.serverName ?? "<serverName>")}/.well-known/matrix/client and calls fail with MISSING_MATRIX_RTC_FOCUS`,
      ...at(ctx, ["wellKnownDelegation", "enabled"], ["matrixRTC", "enabled"]),
      keyPath: "wellKnownDelegation.enabled",
      hint: "Set wellKnownDelegation.enabled: true (the chart then serves rtc_foci, m.homeserver and m.server on serverName), or serve those well-known files yourself and include rtc_foci with livekit_service_url https://<matrixRTC.ingress.host>.",
      url: TROUBLESHOOTING,
    },
  ];
}

/**
 * Two components (or a component and the server name) on one host: with the chart's Ingresses and
 * cert-manager that is two Ingresses and two certificate orders for one name, and a component on the
 * apex (serverName) collides with the well-known Ingress there. Warning: some operators route a shared
 * host on purpose.
 */
export function checkSharedHosts(ctx: EssValuesContext): Finding[] {
  const claims: Array<{ host: string; what: string; path: string[] }> = [];
  const serverName = typeof ctx.values.serverName === "string" ? ctx.values.serverName.toLowerCase() : undefined;
  if (serverName && isEnabled(ctx.values, "wellKnownDelegation"))
    claims.push({ host: serverName, what: "serverName (well-known delegation)", path: ["serverName"] });
  for (const c of HOST_COMPONENTS) {
    const h = ingressHost(ctx.values, c);
    if (h && isEnabled(ctx.values, c)) claims.push({ host: h.toLowerCase(), what: c, path: [c, "ingress", "host"] });
  }
  const out: Finding[] = [];
  const seen = new Map<string, (typeof claims)[number]>();
  for (const c of claims) {
    const first = seen.get(c.host);
    if (!first) {
      seen.set(c.host, c);
      continue;
    }
    const apex = first.path[0] === "serverName" || c.path[0] === "serverName";
    out.push({
      ruleId: "ess/shared-host",
      severity: "warning",
      message: `${ctx.subject}: ${c.what} uses host ${c.host}, already used by ${first.what}: the chart creates two Ingresses for one host and cert-manager orders two certificates for one name${apex ? "; on the server name the component also stands in the way of the well-known delegation served there" : ""}`,
      ...at(ctx, c.path),
      keyPath: c.path.join("."),
      hint: apex
        ? "Give the component its own host (e.g. chat.<serverName> for Element Web) and keep the server name for the well-known delegation."
        : "Give each component its own host, unless you route the shared host yourself on purpose (then disable the chart's Ingress for one of them).",
    });
  }
  return out;
}

/** The chart's own render-time validations (templates/z_validation): required hosts and server name. */
export function checkRequiredValues(ctx: EssValuesContext): Finding[] {
  if (ctx.incomplete) return []; // the missing value may sit in a source we could not read
  const out: Finding[] = [];
  for (const c of HOST_COMPONENTS) {
    if (!isEnabled(ctx.values, c) || ingressHost(ctx.values, c)) continue;
    out.push({
      ruleId: "ess/host-missing",
      severity: "error",
      message: `${ctx.subject}: ${c}.ingress.host is required when ${c}.enabled=true (the chart refuses to render)`,
      ...at(ctx, [c, "ingress"], [c], []),
      keyPath: `${c}.ingress.host`,
      hint: `Set ${c}.ingress.host, or ${c}.enabled: false if you do not deploy it.`,
    });
  }
  const needsServerName = ["synapse", "wellKnownDelegation", "matrixRTC"].filter((s) => isEnabled(ctx.values, s));
  const sn = ctx.values.serverName;
  if (needsServerName.length > 0 && (typeof sn !== "string" || sn === "")) {
    out.push({
      ruleId: "ess/server-name-missing",
      severity: "error",
      message: `${ctx.subject}: serverName is required when ${needsServerName.map((s) => `${s}.enabled=true`).join(", ")}`,
      ...at(ctx, []),
      keyPath: "serverName",
      hint: "Set serverName to the domain in your Matrix IDs (e.g. example.org); it cannot be changed after the first deployment.",
    });
  }
  const turn = valueAt(ctx, ["matrixRTC", "sfu", "exposedServices", "turnTLS"]) as Record<string, unknown> | undefined;
  if (
    isEnabled(ctx.values, "matrixRTC") &&
    turn &&
    turn.enabled === true &&
    turn.tlsTerminationOnPod === true &&
    !turn.tlsSecret &&
    !ctx.values.certManager
  ) {
    out.push({
      ruleId: "ess/turn-tls-certificate-missing",
      severity: "error",
      message: `${ctx.subject}: matrixRTC.sfu.exposedServices.turnTLS with tlsTerminationOnPod needs turnTLS.tlsSecret or certManager (the chart refuses to render)`,
      ...at(ctx, ["matrixRTC", "sfu", "exposedServices", "turnTLS", "tlsTerminationOnPod"]),
      keyPath: "matrixRTC.sfu.exposedServices.turnTLS",
    });
  }
  return out;
}

/**
 * serverName and ingress hosts must be bare host names: a scheme, path or port ends up in Ingress rules,
 * certificates and the well-known JSON verbatim and breaks them.
 */
export function checkHostSyntax(ctx: EssValuesContext): Finding[] {
  const out: Finding[] = [];
  const candidates: Array<{ path: string[]; value: unknown; allowPort: boolean }> = [
    { path: ["serverName"], value: ctx.values.serverName, allowPort: true },
  ];
  for (const c of HOST_COMPONENTS)
    candidates.push({ path: [c, "ingress", "host"], value: ingressHost(ctx.values, c), allowPort: false });
  for (const c of candidates) {
    if (typeof c.value !== "string" || c.value === "" || c.value.includes("${")) continue;
    const v = c.value;
    let problem: string | undefined;
    if (/^[a-z]+:\/\//i.test(v)) problem = "contains a URL scheme";
    else if (v.includes("/")) problem = "contains a path";
    else if (/\s/.test(v)) problem = "contains whitespace";
    else if (!c.allowPort && /:\d+$/.test(v)) problem = "contains a port";
    else if (v.endsWith(".")) problem = "ends with a dot";
    if (!problem) continue;
    out.push({
      ruleId: "ess/invalid-host",
      severity: "error",
      message: `${ctx.subject}: ${c.path.join(".")} ${JSON.stringify(v)} ${problem}; it must be a bare host name`,
      ...at(ctx, c.path),
      keyPath: c.path.join("."),
      hint: "Write only the host, e.g. matrix.example.org (no https://, no trailing slash).",
    });
  }
  return out;
}
