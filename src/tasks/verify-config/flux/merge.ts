import { getOwn, setOwn } from "../../../core/own.js";

/**
 * Deep-merge `b` over `a` exactly like Flux's transform.MergeMaps (used by helm-controller for valuesFrom
 * and spec.values): maps merge recursively, anything else in `b` (lists, scalars, null) replaces the value
 * in `a`. Inputs are not modified.
 */
export function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  // Spread copies own properties (a `__proto__` key from YAML included) as data; writes go through setOwn so a
  // content key never reaches a prototype setter or an inherited member.
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = getOwn(out, k);
    setOwn(out, k, isPlainMap(v) && isPlainMap(prev) ? mergeMaps(prev, v) : v);
  }
  return out;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep copy of JSON-like data (targetPath writes must not touch parsed documents). */
export function cloneValues<T>(v: T): T {
  return structuredClone(v);
}
