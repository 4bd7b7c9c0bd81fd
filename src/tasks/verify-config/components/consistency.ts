import type { Finding } from "../../../core/finding.js";
import type { PathSeg } from "../../../core/yaml.js";
import type { EssValuesContext, RepoCheck, RepoIndex, ValuesCheck } from "./types.js";
import { componentEnabled, yamlAdditional } from "./util/additional.js";
import { at, embeddedKeyPath, getPath, isRecord, locateEmbedded } from "./util/where.js";

/** Hosts under `host`/`hosts`/`hostnames` keys anywhere in a values tree (Authentik chart layouts differ by version). */
function collectHosts(v: unknown, key: string | undefined, out: Set<string>): void {
  if (typeof v === "string") {
    if (key && /^(host|hosts|hostnames)$/.test(key) && /^[A-Za-z0-9.${}_-]+$/.test(v)) out.add(v.toLowerCase());
    return;
  }
  if (Array.isArray(v))
    for (const x of v) collectHosts(x, key === "hosts" || key === "hostnames" ? key : undefined, out);
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) collectHosts(x, k, out);
}

const mentionsAuthentik = (s: unknown) => typeof s === "string" && /authentik/i.test(s);

/** Hosts the repository serves Authentik on: its HelmRelease values, and Ingresses/HTTPRoutes to an authentik backend. */
export function authentikHosts(repo: RepoIndex): Set<string> {
  const hosts = new Set<string>();
  for (const m of repo.manifests) {
    const spec = isRecord(m.body.spec) ? m.body.spec : undefined;
    if (!spec) continue;
    if (
      m.kind === "HelmRelease" &&
      mentionsAuthentik(getPath(spec, ["chart", "spec", "chart"])) &&
      isRecord(spec.values)
    ) {
      collectHosts(spec.values, undefined, hosts);
    } else if (m.kind === "Ingress" && JSON.stringify(spec.rules ?? []).match(/"name":"[^"]*authentik/i)) {
      for (const r of Array.isArray(spec.rules) ? spec.rules : [])
        if (isRecord(r) && typeof r.host === "string") hosts.add(r.host.toLowerCase());
    } else if (m.kind === "HTTPRoute" && JSON.stringify(spec.rules ?? []).match(/"name":"[^"]*authentik/i)) {
      for (const h of Array.isArray(spec.hostnames) ? spec.hostnames : [])
        if (typeof h === "string") hosts.add(h.toLowerCase());
    }
  }
  return hosts;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * MAS upstream providers vs the Authentik deployment in the repository: Authentik's issuer is
 * `https://<authentik host>/application/o/<slug>/` (trailing slash included) and MAS compares it byte for byte
 * with the discovery document, so a missing slash or another host breaks sign-in.
 */
export const checkIssuerConsistency: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "matrixAuthenticationService")) return out;
  let hosts: Set<string> | undefined;
  for (const e of yamlAdditional(ctx, "matrixAuthenticationService", "mas/config-not-yaml", [])) {
    const providers = getPath(e.doc.value, ["upstream_oauth2", "providers"]);
    if (!Array.isArray(providers)) continue;
    providers.forEach((p, i) => {
      if (!isRecord(p) || typeof p.issuer !== "string") return;
      const inner: PathSeg[] = ["upstream_oauth2", "providers", i, "issuer"];
      const where = { ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
      const issuer = p.issuer;
      const authentikStyle = /\/application\/o\/[^/]+\/?$/.test(issuer);
      if (authentikStyle && !issuer.endsWith("/")) {
        out.push({
          ruleId: "consistency/issuer-trailing-slash",
          severity: "error",
          message: `upstream provider issuer ${issuer} lacks the trailing slash Authentik puts in its issuer`,
          ...where,
          hint: `Use ${issuer}/ exactly: MAS checks that the discovery document's issuer equals the configured one.`,
        });
      }
      const host = hostOf(issuer);
      if (!host || !(authentikStyle || mentionsAuthentik(p.human_name) || mentionsAuthentik(p.brand_name))) return;
      hosts ??= authentikHosts(ctx.repo);
      if (hosts.size === 0 || hosts.has(host) || [...hosts].some((h) => h.includes("${") || h.includes("{{"))) return;
      out.push({
        ruleId: "consistency/issuer-host",
        severity: "warning",
        message: `upstream provider issuer host ${host} is not a host Authentik is served on in this repository (${[...hosts].sort().join(", ")})`,
        ...where,
        hint: "Point the issuer at the Authentik host: https://<authentik host>/application/o/<slug>/.",
        data: { issuerHost: host, authentikHosts: [...hosts].sort() },
      });
    });
  }
  return out;
};

const HOSTS: Array<[string, PathSeg[]]> = [
  ["synapse", ["synapse", "ingress", "host"]],
  ["matrixAuthenticationService", ["matrixAuthenticationService", "ingress", "host"]],
  ["matrixRTC", ["matrixRTC", "ingress", "host"]],
  ["elementWeb", ["elementWeb", "ingress", "host"]],
  ["elementAdmin", ["elementAdmin", "ingress", "host"]],
];

const parent = (h: string) => h.split(".").slice(1).join(".");

/** True when `host` is the server name, below it, or a sibling of it under the same parent domain. */
export function relatedHost(host: string, serverName: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const s = serverName.toLowerCase().replace(/\.$/, "").replace(/:\d+$/, "");
  if (h === s || h.endsWith(`.${s}`)) return true;
  const p = parent(s);
  return p.includes(".") && (h.endsWith(`.${p}`) || h === p);
}

/** Component hosts outside the serverName's domain: usually a typo or a copy from another deployment. */
export const checkHostDomains: ValuesCheck = (ctx: EssValuesContext) => {
  const serverName = ctx.values.serverName;
  if (typeof serverName !== "string" || serverName.includes("{{")) return [];
  const out: Finding[] = [];
  for (const [component, path] of HOSTS) {
    const host = getPath(ctx.values, path);
    if (typeof host !== "string" || host.includes("{{") || !componentEnabled(ctx.values, component)) continue;
    if (relatedHost(host, serverName)) continue;
    if (host.includes("${") || serverName.includes("${")) continue; // substituted later: cannot judge
    out.push({
      ruleId: "consistency/host-domain",
      severity: "warning",
      message: `${path.join(".")} ${host} is outside the domain of serverName ${serverName}`,
      ...at(ctx.locate(path)),
      keyPath: path.join("."),
      hint: "Check for a typo; components normally live on subdomains of serverName (e.g. matrix.<serverName>).",
    });
  }
  return out;
};

/** A chart version that is a range or wildcard rather than one release. */
export function isVersionRange(v: string): boolean {
  return /[\s<>=^~*|]|(^|\.)[xX](\.|$)/.test(v.trim());
}

/**
 * HelmReleases whose chart version is a semver range, and OCIRepositories (the source of `chartRef`) that follow
 * a semver range instead of a tag or digest: every reconcile may upgrade without review.
 */
export const checkChartVersionPins: RepoCheck = (repo) => {
  const out: Finding[] = [];
  for (const m of repo.manifests) {
    if (m.kind === "OCIRepository") {
      const ref = getPath(m.body, ["spec", "ref"]);
      if (isRecord(ref) && typeof ref.semver === "string" && isVersionRange(ref.semver) && ref.digest === undefined) {
        out.push({
          ruleId: "consistency/chart-version-range",
          severity: "warning",
          message: `OCIRepository ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"} follows the semver range ${JSON.stringify(ref.semver)}, not one release`,
          ...at(m.locate(["spec", "ref", "semver"])),
          keyPath: "spec.ref.semver",
          hint: "Use spec.ref.tag with an exact version (or a digest) so chart upgrades happen in reviewed commits.",
        });
      }
      continue;
    }
    // A kustomize patch overrides the base deliberately (e.g. a staging overlay tracking pre-releases).
    if (m.kind !== "HelmRelease" || repo.patchFiles?.has(m.file)) continue;
    const version = getPath(m.body, ["spec", "chart", "spec", "version"]);
    if (typeof version !== "string" || version.trim() === "" || version.trim() === "*" || !isVersionRange(version))
      continue;
    out.push({
      ruleId: "consistency/chart-version-range",
      severity: "warning",
      message: `HelmRelease ${m.namespace ? `${m.namespace}/` : ""}${m.name ?? "?"} pins chart version range ${JSON.stringify(version)}, not one release`,
      ...at(m.locate(["spec", "chart", "spec", "version"])),
      keyPath: "spec.chart.spec.version",
      hint: "Pin an exact version (e.g. 26.8.1) so upgrades happen in reviewed commits; the rules are checked against that version's schema.",
    });
  }
  return out;
};
