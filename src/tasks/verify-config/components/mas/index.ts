import { getOwn, hasOwn, setOwn } from "../../../../core/own.js";
import type { Finding } from "../../../../core/finding.js";
import { formatPath, type PathSeg } from "../../../../core/yaml.js";
import type { EssValuesContext, ValuesCheck } from "../types.js";
import { componentEnabled, yamlAdditional, type AdditionalEntry } from "../util/additional.js";
import { suggest } from "../util/suggest.js";
import { at, embeddedKeyPath, getPath, isRecord, locateEmbedded } from "../util/where.js";
import { unknownMasKeys } from "./keys.js";
import {
  adminClientIssues,
  deprecationIssues,
  providerIssues,
  registrationIssues,
  ulidIssues,
  type MasIssue,
} from "./rules.js";
import { validateMasConfig } from "./schema.js";
import { essComponentVersions } from "../util/versions.js";

// Keys seen in real repositories that MAS never had, with what to write instead.
const INVENTED: Record<string, string> = {
  upstream_oauth2_config: "The section is called upstream_oauth2 (with providers: [...]).",
  user_mapping_provider:
    "That is Synapse's oidc_providers option. In MAS, map claims with upstream_oauth2.providers[].claims_imports (localpart, displayname, email).",
  access:
    "MAS has no access section. Users are created on their first upstream login; control it with claims_imports and registration tokens.",
  auto_provision:
    "MAS has no auto_provision switch: accounts are provisioned on first upstream login (claims_imports.localpart.action: require, skip_confirmation).",
};

function isUlidPatternError(path: PathSeg[], message: string): boolean {
  const last = path[path.length - 1];
  return message.startsWith("does not match") && (last === "id" || last === "client_id");
}

/** Deep merge as ESS renders the MAS config (matrix-tools): maps are merged, lists appended, scalars replaced. */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  if (!isRecord(a) || !isRecord(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, hasOwn(a, k) ? merge(a[k], v) : v);
  return out;
}

/** Whether the homeserver federates: only an explicit empty `federation_domain_whitelist` turns it off. */
function federates(ctx: EssValuesContext): boolean {
  const extra = getPath(ctx.values, ["synapse", "additional"]);
  if (!isRecord(extra)) return true;
  for (const e of yamlAdditional(ctx, "synapse", "synapse/config-not-yaml", [])) {
    const wl = getPath(e.doc.value, ["federation_domain_whitelist"]);
    if (Array.isArray(wl) && wl.length === 0) return false;
  }
  return true;
}

function place(
  ctx: EssValuesContext,
  e: AdditionalEntry,
  inner: PathSeg[],
): Pick<Finding, "file" | "line" | "column" | "keyPath"> {
  return { ...at(locateEmbedded(ctx, e.outer, e.doc, inner)), keyPath: embeddedKeyPath(e.outer, inner) };
}

function perEntry(ctx: EssValuesContext, e: AdditionalEntry, out: Finding[]): void {
  const label = `matrixAuthenticationService.additional.${e.name}.config`;
  for (const p of e.doc.problems) {
    out.push({
      ruleId: "mas/config-not-yaml",
      severity: "error",
      message: `${label} is not valid YAML: ${p.message}`,
      ...at(ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, []),
    });
  }
  const cfg = e.doc.value;
  if (cfg === undefined || cfg === null) return;
  if (!isRecord(cfg)) {
    out.push({
      ruleId: "mas/config-not-yaml",
      severity: "error",
      message: `${label} must be a YAML mapping of MAS config sections`,
      ...at(ctx.locate(e.outer)),
      keyPath: embeddedKeyPath(e.outer, []),
    });
    return;
  }
  for (const err of validateMasConfig(cfg)) {
    if (isUlidPatternError(err.path, err.message)) continue;
    out.push({
      ruleId: "mas/schema",
      severity: "error",
      message: `${formatPath(err.path) || "config"} ${err.message}`,
      ...place(ctx, e, err.path),
      hint: "MAS refuses to start on a config that does not match its schema (mas-cli config check shows the same).",
    });
  }
  for (const u of unknownMasKeys(cfg)) {
    const key = String(u.path[u.path.length - 1]);
    const s = suggest(key, u.known);
    out.push({
      ruleId: "mas/unknown-key",
      severity: "error",
      message: `"${formatPath(u.path)}" is not a MAS config key${s ? `; did you mean "${s}"?` : ""}`,
      ...place(ctx, e, u.path),
      hint:
        (getOwn(INVENTED, key) as string | undefined) ??
        "MAS ignores keys it does not know, so this setting has no effect; correct or remove it.",
      ...(s ? { data: { suggestion: s } } : {}),
    });
  }
  const shipped = essComponentVersions(ctx.chartVersion);
  const issues = [
    ...ulidIssues(cfg),
    ...deprecationIssues(cfg, shipped, ctx.chartVersion),
    ...chartOwnedIssues(ctx, cfg),
  ];
  for (const i of issues) out.push(toFinding(ctx, [e], i));
}

// What the chart's MAS overrides file writes after the `additional` entries
// (ess-helm configs/matrix-authentication-service/config-overrides.yaml.tpl).
function chartOwned(ctx: EssValuesContext): Array<{ path: PathSeg[]; list?: boolean }> {
  const owned: Array<{ path: PathSeg[]; list?: boolean }> = [
    { path: ["http", "public_base"] },
    { path: ["http", "listeners"], list: true },
    { path: ["database"] },
    { path: ["secrets"] },
    { path: ["telemetry", "metrics", "exporter"] },
  ];
  if (componentEnabled(ctx.values, "synapse")) owned.push({ path: ["matrix"] });
  return owned;
}

function chartOwnedIssues(ctx: EssValuesContext, cfg: Record<string, unknown>): MasIssue[] {
  const out: MasIssue[] = [];
  for (const o of chartOwned(ctx)) {
    const v = getPath(cfg, o.path);
    if (v === undefined) continue;
    const keys = isRecord(v) && !o.list ? Object.keys(v).map((k) => [...o.path, k]) : [o.path];
    for (const path of keys) {
      out.push({
        ruleId: "mas/set-by-chart",
        severity: "warning",
        path,
        message: o.list
          ? `${formatPath(path)} is appended to the listeners the ESS chart defines, so both bind the same ports and MAS fails with "address in use"`
          : `${formatPath(path)} is written by the ESS chart after the additional configs, so this value never takes effect`,
        hint: "Use the chart's values (matrixAuthenticationService.ingress.host, .postgres, serverName, the credential values) instead.",
      });
    }
  }
  return out;
}

/**
 * The entry that wrote an item of the merged config, and the item's path inside that entry. Lists are
 * appended in entry order, so index N of a merged list is found by counting the entries' list lengths.
 */
function originOf(
  entries: AdditionalEntry[],
  path: PathSeg[],
): { entry: AdditionalEntry; path: PathSeg[] } | undefined {
  const k = path.findIndex((seg) => typeof seg === "number");
  if (k >= 0) {
    let index = path[k] as number;
    const prefix = path.slice(0, k);
    for (const e of entries) {
      const list = getPath(e.doc.value, prefix);
      if (!Array.isArray(list)) continue;
      if (index < list.length) return { entry: e, path: [...prefix, index, ...path.slice(k + 1)] };
      index -= list.length;
    }
  }
  // Maps and scalars: the last entry that writes the path wins, else the last that writes a parent.
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const e = [...entries].reverse().find((x) => getPath(x.doc.value, sub) !== undefined);
    if (e) return { entry: e, path };
  }
  return undefined;
}

function toFinding(ctx: EssValuesContext, entries: AdditionalEntry[], i: MasIssue): Finding {
  const base = { ruleId: i.ruleId, severity: i.severity, message: i.message };
  const o = originOf(entries, i.path);
  return { ...base, ...(o ? place(ctx, o.entry, o.path) : {}), ...(i.hint ? { hint: i.hint } : {}) };
}

/** MAS rules over every inline `matrixAuthenticationService.additional.<name>.config`, and over their merge. */
export const checkMas: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "matrixAuthenticationService")) return out;
  const entries = yamlAdditional(ctx, "matrixAuthenticationService", "mas/config-not-yaml", out);
  for (const e of entries) perEntry(ctx, e, out);
  const usable = entries.filter((e) => isRecord(e.doc.value));
  if (usable.length === 0) return out;
  const merged = usable.reduce<unknown>((acc, e) => merge(acc, e.doc.value), {}) as Record<string, unknown>;
  const issues = [
    ...providerIssues(merged),
    ...adminClientIssues(merged),
    ...registrationIssues(merged, federates(ctx)),
  ];
  for (const i of issues) out.push(toFinding(ctx, usable, i));
  return out;
};
