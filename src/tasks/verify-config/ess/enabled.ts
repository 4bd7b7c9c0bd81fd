import type { EssValuesContext } from "../components/types.js";
import { isRecord } from "../repo/load.js";
import { enabledDefaults } from "./schema-data.js";

/** Whether a chart component is on: its `enabled` value, else the chart default (values.yaml). */
export function isEnabled(values: Record<string, unknown>, section: string): boolean {
  const s = values[section];
  if (isRecord(s) && typeof s.enabled === "boolean") return s.enabled;
  return enabledDefaults()[section] ?? false;
}

/** `<section>.ingress.host` when set to a string. */
export function ingressHost(values: Record<string, unknown>, section: string): string | undefined {
  const s = values[section];
  return isRecord(s) && isRecord(s.ingress) && typeof s.ingress.host === "string" && s.ingress.host !== ""
    ? s.ingress.host
    : undefined;
}

/** A value at a path, or undefined. */
export function valueAt(ctx: EssValuesContext, path: readonly string[]): unknown {
  let cur: unknown = ctx.values;
  for (const k of path) {
    if (!isRecord(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Components with their own Ingress host, in the chart's naming. */
export const HOST_COMPONENTS = [
  "synapse",
  "matrixAuthenticationService",
  "matrixRTC",
  "elementWeb",
  "elementAdmin",
] as const;
