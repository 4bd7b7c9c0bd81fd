import { loadData } from "../../../core/data.js";

/** A normalised schema node as derived by src/build/derive-ess.mjs (children are pool indexes). */
export interface SchemaNode {
  t?: string | string[];
  e?: unknown[];
  p?: Record<string, number>;
  /** additionalProperties: -1 = false, otherwise a node index; absent = anything allowed. */
  a?: number;
  i?: number;
  r?: string[];
  one?: number[];
  any?: number[];
  all?: number[];
  not?: number;
  pat?: string;
  min?: number;
  max?: number;
  minLen?: number;
  minItems?: number;
  never?: 1;
}

interface Pool {
  versions: string[];
  enabledDefaults: { sections: Record<string, boolean> };
  nodes: SchemaNode[];
}

interface VersionFile {
  source: { repo: string; path: string; version: string };
  alsoFor: string[];
  root: number;
}

/** The matrix-stack schema chosen for a chart version. */
export interface EssSchema {
  /** Version of the shipped schema used. */
  version: string;
  /** How the pinned chart version relates to the shipped schemas. */
  match: "exact" | "older-patch" | "newer" | "older" | "unpinned";
  nodes: readonly SchemaNode[];
  root: number;
  source: VersionFile["source"];
}

function parseVersion(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function cmp(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Shipped schema versions, oldest first. */
export function shippedVersions(): string[] {
  return loadData<Pool>("ess/pool.json").versions;
}

/** `<section>.enabled` defaults of the chart (e.g. matrixRTC: true, hookshot: false). */
export function enabledDefaults(): Record<string, boolean> {
  return loadData<Pool>("ess/pool.json").enabledDefaults.sections;
}

/**
 * Pick the shipped schema for a pinned chart version: the same version (or one it is identical to), else the
 * newest shipped version not newer than it (a later patch of a known minor), else the newest (chart newer than
 * anything shipped, or no/unparseable pin such as a semver range), else the oldest.
 */
export function schemaFor(chartVersion: string | undefined): EssSchema {
  const pool = loadData<Pool>("ess/pool.json");
  const files = pool.versions.map((v) => ({ v, f: loadData<VersionFile>(`ess/${v}.json`) }));
  const newest = files[files.length - 1];
  const mk = (x: { v: string; f: VersionFile }, match: EssSchema["match"]): EssSchema => ({
    version: x.v,
    match,
    nodes: pool.nodes,
    root: x.f.root,
    source: x.f.source,
  });
  const pinned = chartVersion ? parseVersion(chartVersion) : undefined;
  if (!pinned) return mk(newest, "unpinned");
  const exact = files.find((x) => x.v === pinned.join(".") || x.f.alsoFor.includes(pinned.join(".")));
  if (exact) return mk(exact, "exact");
  const notNewer = files.filter((x) => cmp(parseVersion(x.v) as number[], pinned) <= 0);
  const best = notNewer[notNewer.length - 1];
  if (!best) return mk(files[0], "older");
  if (best === newest) return mk(newest, "newer");
  return mk(best, "older-patch");
}
