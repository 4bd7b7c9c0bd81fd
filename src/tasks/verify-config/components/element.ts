import { getOwn, hasOwn } from "../../../core/own.js";
import type { Finding } from "../../../core/finding.js";
import { loadData } from "../../../core/data.js";
import type { ValuesCheck } from "./types.js";
import { componentEnabled, jsonAdditional } from "./util/additional.js";
import { suggest } from "./util/suggest.js";
import { at, embeddedKeyPath, isRecord, locateEmbedded } from "./util/where.js";

interface ElementKeys {
  keys: string[];
  legacy: Record<string, string | null>;
  forbidden: Record<string, string>;
  nested: Record<string, string[]>;
}

let data: { keys: Set<string>; raw: ElementKeys } | undefined;
function elementKeys() {
  if (!data) {
    const raw = loadData<ElementKeys>("element-web/config-keys.json");
    data = { keys: new Set(raw.keys), raw };
  }
  return data;
}

/**
 * Element Web rules over each `elementWeb.additional.<name>` JSON string: it must parse (the chart merges it
 * into config.json, and a parse error breaks rendering), and its top-level keys should be Element Web options.
 * Unknown keys are warnings, not errors: Element Web ignores them, and newer releases add keys.
 */
export const checkElementWeb: ValuesCheck = (ctx) => {
  const out: Finding[] = [];
  if (!componentEnabled(ctx.values, "elementWeb")) return out;
  const { keys, raw } = elementKeys();
  for (const e of jsonAdditional(ctx)) {
    for (const p of e.doc.problems) {
      out.push({
        ruleId: "element/config-not-json",
        severity: "error",
        message: `elementWeb.additional.${e.name} is not valid JSON: ${p.message}`,
        ...at(ctx.locateInString(e.outer, p.line, p.column) ?? ctx.locate(e.outer)),
        keyPath: embeddedKeyPath(e.outer, []),
        hint: "Each elementWeb.additional entry is a JSON object in a string (e.g. a `|` block); YAML syntax is not accepted there.",
      });
    }
    const cfg = e.doc.value;
    if (cfg === undefined) continue;
    if (!isRecord(cfg)) {
      out.push({
        ruleId: "element/config-not-json",
        severity: "error",
        message: `elementWeb.additional.${e.name} must be a JSON object, the chart merges it into the top level of config.json`,
        ...at(ctx.locate(e.outer)),
        keyPath: embeddedKeyPath(e.outer, []),
      });
      continue;
    }
    // An entry named like a config key (`setting_defaults`) that holds that key's contents is the ESS rule
    // ess/element-additional-name; its keys are not reported again here.
    if (keys.has(e.name) && !hasOwn(cfg, e.name)) continue;
    for (const key of Object.keys(cfg)) {
      const where = { ...at(locateEmbedded(ctx, e.outer, e.doc, [key])), keyPath: embeddedKeyPath(e.outer, [key]) };
      if (keys.has(key)) {
        const inner = raw.nested[key];
        const obj = cfg[key];
        if (inner && isRecord(obj)) {
          for (const sub of Object.keys(obj)) {
            if (inner.includes(sub)) continue;
            const s = suggest(sub, inner);
            out.push({
              ruleId: "element/unknown-key",
              severity: "warning",
              message: `"${key}.${sub}" is not a known Element Web config option${s ? `; did you mean "${s}"?` : ""}`,
              ...at(locateEmbedded(ctx, e.outer, e.doc, [key, sub])),
              keyPath: embeddedKeyPath(e.outer, [key, sub]),
              hint: `${key} takes ${inner.join(", ")}.`,
              ...(s ? { data: { suggestion: s } } : {}),
            });
          }
        }
        continue;
      }
      // Own properties only: a config key `constructor` is unknown, not Object's constructor.
      if (hasOwn(raw.legacy, key)) {
        const repl = getOwn(raw.legacy, key) as string | null | undefined;
        out.push({
          ruleId: "element/legacy-key",
          severity: "warning",
          message: repl
            ? `"${key}" is a legacy Element Web option; current releases read "${repl}"`
            : `"${key}" is a legacy Element Web option that current releases ignore`,
          ...where,
          hint: repl ? `Rename it to "${repl}".` : "Remove it.",
        });
      } else if (hasOwn(raw.forbidden, key)) {
        out.push({
          ruleId: "element/unsupported-key",
          severity: "warning",
          message: `"${key}" is not an Element Web option to set here: ${String(getOwn(raw.forbidden, key))}`,
          ...where,
          hint: "Remove it.",
        });
      } else {
        const s = suggest(key, keys);
        out.push({
          ruleId: "element/unknown-key",
          severity: "warning",
          message: `"${key}" is not a known Element Web config option${s ? `; did you mean "${s}"?` : ""}`,
          ...where,
          hint: "Element Web ignores unknown keys. If it is new in your Element Web release, ignore this; otherwise correct it.",
          ...(s ? { data: { suggestion: s } } : {}),
        });
      }
    }
  }
  return out;
};
