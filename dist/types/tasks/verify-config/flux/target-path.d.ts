import type { PathSeg } from "../../../core/yaml.js";
/** Result of applying a `valuesFrom[].targetPath` the way helm-controller does. */
export type TargetPathResult = {
    ok: true;
    path: PathSeg[];
} | {
    ok: false;
    reason: string;
};
/**
 * Parse a targetPath like Helm's `--set` key parser (strvals) as used by helm-controller:
 * dots separate keys, `\.` escapes a dot, `name[3]` indexes a list.
 */
export declare function parseTargetPath(targetPath: string): PathSeg[] | undefined;
/**
 * The value helm-controller sets at a targetPath for the referenced data: quoted data (single or double
 * quotes around it) is a string (ParseIntoString), otherwise Helm's `--set` typing applies (true/false/null,
 * integers without a leading zero) and `{a,b}` is a list. An unescaped comma makes Helm parse the rest as
 * another `key=value` pair, which fails the release: returned as `{ error }`.
 */
export declare function targetPathValue(data: string): {
    value: unknown;
} | {
    error: string;
};
/**
 * Set `value` at `path` in `target` (creating maps and list slots like strvals). Returns false if a list is indexed by
 * a key. Segments are plain keys: `__proto__`, `constructor` and `prototype` become own properties, as in Helm.
 */
export declare function setAtPath(target: Record<string, unknown>, path: readonly PathSeg[], value: unknown): boolean;
