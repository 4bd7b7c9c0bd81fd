import type { Finding } from "../../../../core/finding.js";
import type { PathSeg } from "../../../../core/yaml.js";
import type { EssValuesContext } from "../types.js";
import { parseEmbeddedJson, parseEmbeddedYaml, type EmbeddedDoc } from "./embedded.js";
import { suggest } from "./suggest.js";
import { at, embeddedKeyPath, isRecord } from "./where.js";

const ENTRY_KEYS = ["config", "configSecret", "configSecretKey"];

/** One `<component>.additional.<name>` entry whose config text is held inline in the values. */
export interface AdditionalEntry {
  name: string;
  /** Path of the string value in the values, e.g. `["synapse","additional","rtc","config"]`. */
  outer: PathSeg[];
  text: string;
  doc: EmbeddedDoc;
}

// Parsed once per values set and shared by every rule that looks into the same string.
const cache = new WeakMap<object, Map<string, EmbeddedDoc>>();

function parseCached(ctx: EssValuesContext, key: string, text: string, kind: "yaml" | "json"): EmbeddedDoc {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map<string, EmbeddedDoc>()));
  const k = `${kind}\u0000${key}\u0000${text}`;
  let doc = m.get(k);
  if (!doc) m.set(k, (doc = kind === "yaml" ? parseEmbeddedYaml(text) : parseEmbeddedJson(text)));
  return doc;
}

/** True unless the values switch the component off (`<component>.enabled: false`); the chart default is on. */
export function componentEnabled(values: Record<string, unknown>, component: string, defaultOn = true): boolean {
  const c = values[component];
  if (!isRecord(c) || c.enabled === undefined) return defaultOn;
  return c.enabled !== false;
}

/**
 * Inline YAML configs of `synapse.additional` / `matrixAuthenticationService.additional` (entries using
 * `configSecret` are skipped: their text lives elsewhere). Entries whose `config` is not a string are reported
 * with `notStringRule` because the chart pastes the value as text.
 */
export function yamlAdditional(
  ctx: EssValuesContext,
  component: "synapse" | "matrixAuthenticationService",
  notStringRule: string,
  findings: Finding[],
): AdditionalEntry[] {
  // The chart's schema does not close these entries (its item schema is nested one level too deep), so a
  // misspelt sibling of `config` passes Helm and is ignored.
  const entryRule = component === "synapse" ? "synapse/unknown-entry-key" : "mas/unknown-entry-key";
  const section = ctx.values[component];
  const additional = isRecord(section) ? section.additional : undefined;
  if (!isRecord(additional)) return [];
  const out: AdditionalEntry[] = [];
  for (const name of Object.keys(additional).sort()) {
    const entry = additional[name];
    if (isRecord(entry)) {
      for (const k of Object.keys(entry)) {
        if (ENTRY_KEYS.includes(k)) continue;
        const s = suggest(k, ENTRY_KEYS);
        findings.push({
          ruleId: entryRule,
          severity: "warning",
          message: `${component}.additional.${name}.${k} is ignored by the chart: an entry takes config, or configSecret with configSecretKey${s ? `; did you mean "${s}"?` : ""}`,
          ...at(ctx.locate([component, "additional", name, k])),
          keyPath: `${component}.additional.${name}.${k}`,
          hint: "Put the settings inside the config string, or fix the key name.",
        });
      }
    }
    if (!isRecord(entry) || entry.config === undefined || entry.config === null) continue;
    const outer: PathSeg[] = [component, "additional", name, "config"];
    if (typeof entry.config !== "string") {
      findings.push({
        ruleId: notStringRule,
        severity: "error",
        message: `${component}.additional.${name}.config must be a YAML document in a string, not a ${Array.isArray(entry.config) ? "list" : typeof entry.config}`,
        ...at(ctx.locate(outer)),
        keyPath: embeddedKeyPath(outer, []),
        hint: "Write it as a block scalar: `config: |` followed by the indented YAML.",
      });
      continue;
    }
    out.push({ name, outer, text: entry.config, doc: parseCached(ctx, outer.join("\u0000"), entry.config, "yaml") });
  }
  return out;
}

/** `elementWeb.additional.<name>` JSON strings (non-strings are left to the ESS schema rules). */
export function jsonAdditional(ctx: EssValuesContext): AdditionalEntry[] {
  const section = ctx.values.elementWeb;
  const additional = isRecord(section) ? section.additional : undefined;
  if (!isRecord(additional)) return [];
  const out: AdditionalEntry[] = [];
  for (const name of Object.keys(additional).sort()) {
    const text = additional[name];
    if (typeof text !== "string") continue;
    const outer: PathSeg[] = ["elementWeb", "additional", name];
    out.push({ name, outer, text, doc: parseCached(ctx, outer.join("\u0000"), text, "json") });
  }
  return out;
}
