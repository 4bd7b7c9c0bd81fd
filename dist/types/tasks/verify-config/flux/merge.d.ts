/**
 * Deep-merge `b` over `a` exactly like Flux's transform.MergeMaps (used by helm-controller for valuesFrom
 * and spec.values): maps merge recursively, anything else in `b` (lists, scalars, null) replaces the value
 * in `a`. Inputs are not modified.
 */
export declare function mergeMaps(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown>;
/** Deep copy of JSON-like data (targetPath writes must not touch parsed documents). */
export declare function cloneValues<T>(v: T): T;
