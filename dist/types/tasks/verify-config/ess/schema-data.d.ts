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
interface VersionFile {
    source: {
        repo: string;
        path: string;
        version: string;
    };
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
/** Shipped schema versions, oldest first. */
export declare function shippedVersions(): string[];
/** `<section>.enabled` defaults of the chart (e.g. matrixRTC: true, hookshot: false). */
export declare function enabledDefaults(): Record<string, boolean>;
/**
 * Pick the shipped schema for a pinned chart version: the same version (or one it is identical to), else the
 * newest shipped version not newer than it (a later patch of a known minor), else the newest (chart newer than
 * anything shipped, or no/unparseable pin such as a semver range), else the oldest.
 */
export declare function schemaFor(chartVersion: string | undefined): EssSchema;
export {};
