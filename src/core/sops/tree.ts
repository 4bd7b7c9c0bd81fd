import type { PathSeg } from "../yaml.js";

/** The store a file is read with, chosen like sops does by extension. */
export type SopsFormat = "yaml" | "json" | "dotenv" | "binary" | "ini";

/** Store for a file name: .yaml/.yml, .json, .env, .ini, anything else is sops' binary store (JSON envelope). */
export function formatForPath(file: string): SopsFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".env")) return "dotenv";
  if (lower.endsWith(".ini")) return "ini";
  return "binary";
}

/** Kind of a leaf value as it stands in the file. */
export type LeafKind = "str" | "int" | "float" | "bool" | "null" | "comment";

/**
 * One leaf of the data tree (metadata excluded), in the order sops walks the tree. `path` holds the map keys
 * only (sops' AAD path; list indexes are not part of it); `keyPath` also has indexes, for messages.
 */
export interface Leaf {
  doc: number;
  path: string[];
  keyPath: PathSeg[];
  kind: LeafKind;
  value: string | number | bigint | boolean | null;
  /** Source offset of the value (or of the key it belongs to), for line:column. */
  offset: number;
  /** Comments seen before this leaf at each nesting level (sops' commentsStack). */
  comments: string[][];
}

/** A loaded sops file: data leaves, raw metadata and where things are. */
export interface Envelope {
  format: SopsFormat;
  leaves: Leaf[];
  /** The raw `sops` mapping (unflattened for dotenv), or undefined when the file has none. */
  metadata?: unknown;
  /** Source offset of the `sops` key. */
  metadataOffset?: number;
  /** 1-based line and column for a source offset. */
  pos(offset: number): { line: number; column: number };
  /** Syntax errors; when present, leaves may be incomplete. */
  errors: Array<{ message: string; offset: number }>;
}

/** Render a key path for messages: `a.b[0].c` (the one formatter in core/yaml). */
export { formatPath as keyPathString } from "../yaml.js";

/** Line/column lookup over a text (binary search over line starts). */
export function positionIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | undefined;
  return (offset: number) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}
