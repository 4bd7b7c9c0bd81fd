import { parse } from "yaml";
import type { EssValuesContext } from "../components/types.js";
import type { LiveHints } from "../live/index.js";
import { isRecord } from "../repo/load.js";

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !v.includes("${") ? v : undefined;
}

/** The component's ingress host, unless the component is switched off (`enabled: false`): nothing to probe then. */
function host(values: Record<string, unknown>, section: string): string | undefined {
  const s = values[section];
  if (!isRecord(s) || s.enabled === false) return undefined;
  return isRecord(s.ingress) ? str(s.ingress.host) : undefined;
}

/**
 * What the live probes need from the repo: server name, component hosts, RTC on/off and MAS upstream
 * providers, from the first ESS values set that names a server (the usual single deployment).
 */
export function liveHints(contexts: readonly EssValuesContext[]): LiveHints {
  const ctx = contexts.find((c) => str(c.values.serverName)) ?? contexts[0];
  const hints: LiveHints = { hosts: {}, upstreamProviders: [] };
  if (!ctx) return hints;
  const v = ctx.values;
  const serverName = str(v.serverName);
  if (serverName) hints.serverName = serverName;
  const hosts: LiveHints["hosts"] = {};
  const pairs = [
    ["synapse", "synapse"],
    ["mas", "matrixAuthenticationService"],
    ["matrixRTC", "matrixRTC"],
    ["elementWeb", "elementWeb"],
    ["elementAdmin", "elementAdmin"],
  ] as const;
  for (const [k, section] of pairs) {
    const h = host(v, section);
    if (h) hosts[k] = h;
  }
  hints.hosts = hosts;
  if (isRecord(v.matrixRTC) && typeof v.matrixRTC.enabled === "boolean") hints.rtcEnabled = v.matrixRTC.enabled;
  hints.upstreamProviders = upstreamProviders(v);
  return hints;
}

/** MAS upstream OAuth2 providers written in `matrixAuthenticationService.additional.*.config`. */
function upstreamProviders(v: Record<string, unknown>): LiveHints["upstreamProviders"] {
  const out: LiveHints["upstreamProviders"] = [];
  const mas = v.matrixAuthenticationService;
  if (!isRecord(mas) || !isRecord(mas.additional)) return out;
  for (const entry of Object.values(mas.additional)) {
    if (!isRecord(entry) || typeof entry.config !== "string") continue;
    let cfg: unknown;
    try {
      cfg = parseLoose(entry.config);
    } catch {
      continue;
    }
    const up = isRecord(cfg) && isRecord(cfg.upstream_oauth2) ? cfg.upstream_oauth2 : undefined;
    const providers = up && Array.isArray(up.providers) ? up.providers : [];
    for (const p of providers) {
      if (!isRecord(p) || typeof p.id !== "string") continue;
      const item: LiveHints["upstreamProviders"][number] = { id: p.id };
      if (typeof p.issuer === "string") item.issuer = p.issuer;
      if (typeof p.client_id === "string") item.clientId = p.client_id;
      out.push(item);
    }
  }
  return out;
}

function parseLoose(text: string): unknown {
  return parse(text, { logLevel: "silent", maxAliasCount: 100 });
}
