import { loadData } from "../../../core/data.js";
import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
import { isRecord } from "../repo/load.js";

let keys: Set<string> | undefined;
function elementKeys(): Set<string> {
  keys ??= new Set(loadData<{ keys: string[] }>("element-web/config-keys.json").keys);
  return keys;
}

/**
 * `elementWeb.additional.<name>` whose name is an Element Web config key (e.g. `setting_defaults`): the
 * name is only a label — the chart merges each entry's JSON at the top level of config.json — so unless
 * the JSON itself starts with that key, its settings land at the top level where Element ignores them.
 */
export function checkElementAdditionalNames(ctx: EssValuesContext): Finding[] {
  const ew = ctx.values.elementWeb;
  if (!isRecord(ew) || !isRecord(ew.additional)) return [];
  const out: Finding[] = [];
  for (const [name, raw] of Object.entries(ew.additional)) {
    if (!elementKeys().has(name) || typeof raw !== "string") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue; // JSON errors are reported by the Element Web rules
    }
    if (isRecord(parsed) && Object.keys(parsed).includes(name)) continue; // wrapped correctly
    const top = isRecord(parsed) ? Object.keys(parsed) : [];
    out.push({
      ruleId: "ess/element-additional-name",
      severity: "warning",
      message: `${ctx.subject}: elementWeb.additional.${name} looks like it sets ${name}, but the chart merges each entry at the top level of config.json${top.length ? `, so ${top.slice(0, 3).join(", ")}${top.length > 3 ? ", …" : ""} become top-level keys` : ""}`,
      ...(ctx.locate(["elementWeb", "additional", name]) ?? {}),
      keyPath: `elementWeb.additional.${name}`,
      hint: `Wrap the JSON in the key: elementWeb.additional.${name}: '{"${name}": { … }}' (the entry name is only a label).`,
    });
  }
  return out;
}
