import type { Finding } from "../../../core/finding.js";
import type { PathSeg } from "../../../core/yaml.js";
import type { ValuesCheck } from "./types.js";
import { componentEnabled, jsonAdditional } from "./util/additional.js";
import { parseEmbeddedJson } from "./util/embedded.js";
import { at, embeddedKeyPath, getPath, isRecord, locateEmbedded } from "./util/where.js";

function hostOf(url: unknown): string | undefined {
  if (typeof url !== "string" || url.includes("${") || url.includes("{{")) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * `wellKnownDelegation.additional.{client,server,support}` are JSON strings the chart merges into the
 * well-known files it serves on serverName: they must parse as JSON objects.
 */
export const checkWellKnownJson: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "wellKnownDelegation")) return out;
  const additional = getPath(ctx.values, ["wellKnownDelegation", "additional"]);
  if (!isRecord(additional)) return out;
  for (const name of ["client", "server", "support"]) {
    const text = additional[name];
    if (typeof text !== "string") continue;
    const outer: PathSeg[] = ["wellKnownDelegation", "additional", name];
    const doc = parseEmbeddedJson(text);
    for (const p of doc.problems) {
      out.push({
        ruleId: "consistency/well-known-not-json",
        severity: "error",
        message: `wellKnownDelegation.additional.${name} is not valid JSON: ${p.message}`,
        ...at(ctx.locateInString(outer, p.line, p.column) ?? ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, []),
        hint: "Write a JSON object in a block scalar; clients and federating servers cannot use a broken /.well-known/matrix file.",
      });
    }
    if (doc.value !== undefined && !isRecord(doc.value)) {
      out.push({
        ruleId: "consistency/well-known-not-json",
        severity: "error",
        message: `wellKnownDelegation.additional.${name} must be a JSON object`,
        ...at(ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, []),
      });
    }
  }
  return out;
};

/**
 * Element Web's `default_server_config` written in `elementWeb.additional` wins over the chart's own, so a
 * base URL or server name that disagrees with the chart's values sends every client to the wrong server.
 */
export const checkElementHomeserver: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "elementWeb")) return out;
  const synapseHost = getPath(ctx.values, ["synapse", "ingress", "host"]);
  const serverName = ctx.values.serverName;
  for (const e of jsonAdditional(ctx)) {
    const hs = getPath(e.doc.value, ["default_server_config", "m.homeserver"]);
    if (!isRecord(hs)) continue;
    const base = hostOf(hs.base_url);
    if (
      base &&
      typeof synapseHost === "string" &&
      !synapseHost.includes("{{") &&
      !synapseHost.includes("${") &&
      base !== synapseHost.toLowerCase()
    ) {
      const inner: PathSeg[] = ["default_server_config", "m.homeserver", "base_url"];
      out.push({
        ruleId: "consistency/element-homeserver",
        severity: "warning",
        message: `Element Web's default_server_config points at ${base}, but Synapse is served on ${synapseHost}`,
        ...at(locateEmbedded(ctx, e.outer, e.doc, inner)),
        keyPath: embeddedKeyPath(e.outer, inner),
        hint: "Remove default_server_config from elementWeb.additional: the chart writes it from synapse.ingress.host and serverName.",
      });
    }
    const sn = hs.server_name;
    if (
      typeof sn === "string" &&
      typeof serverName === "string" &&
      !serverName.includes("{{") &&
      !serverName.includes("${") &&
      sn !== serverName
    ) {
      const inner: PathSeg[] = ["default_server_config", "m.homeserver", "server_name"];
      out.push({
        ruleId: "consistency/element-homeserver",
        severity: "warning",
        message: `Element Web's default_server_config names server ${sn}, but serverName is ${serverName}`,
        ...at(locateEmbedded(ctx, e.outer, e.doc, inner)),
        keyPath: embeddedKeyPath(e.outer, inner),
        hint: "Remove default_server_config from elementWeb.additional: the chart writes it from synapse.ingress.host and serverName.",
      });
    }
  }
  return out;
};
