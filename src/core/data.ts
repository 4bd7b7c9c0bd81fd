import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MxopsError } from "./errors.js";

const cache = new Map<string, unknown>();

/**
 * Load a shipped data file (derived facts: schemas, key lists) by name, e.g. `ess/26.4.0.json`.
 * Looked up in `data/` beside the running bundle (dist/data) or in src/data when running from source,
 * read lazily on first use and cached. Throws MXOPS_INTERNAL when the file is missing.
 */
export function loadData<T = unknown>(name: string): T {
  const hit = cache.get(name);
  if (hit !== undefined) return hit as T;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, "data", name), path.join(here, "..", "data", name)];
  for (const c of candidates) {
    if (existsSync(c)) {
      const text = readFileSync(c, "utf8");
      const value = (c.endsWith(".json") ? JSON.parse(text) : text) as T;
      cache.set(name, value);
      return value;
    }
  }
  throw new MxopsError("MXOPS_INTERNAL", `shipped data file missing: ${name}`);
}

/** Names of shipped data files under a folder (e.g. `ess`), sorted. */
export function listData(folder: string): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const base of [path.join(here, "data", folder), path.join(here, "..", "data", folder)]) {
    if (existsSync(base)) {
      return readdirSync(base).sort();
    }
  }
  return [];
}
