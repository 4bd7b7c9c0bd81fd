/**
 * Load a shipped data file (derived facts: schemas, key lists) by name, e.g. `ess/26.4.0.json`.
 * Looked up in `data/` beside the running bundle (dist/data) or in src/data when running from source,
 * read lazily on first use and cached. Throws MXOPS_INTERNAL when the file is missing.
 */
export declare function loadData<T = unknown>(name: string): T;
/** Names of shipped data files under a folder (e.g. `ess`), sorted. */
export declare function listData(folder: string): string[];
