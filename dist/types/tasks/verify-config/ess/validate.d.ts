import type { PathSeg } from "../../../core/yaml.js";
import type { SchemaNode } from "./schema-data.js";
/** One schema violation at a values path. */
export interface SchemaIssue {
    kind: "unknown-key" | "type" | "enum" | "required" | "shape" | "range" | "pattern";
    path: PathSeg[];
    message: string;
    /** Keys allowed where an unknown key was found. */
    allowed?: string[];
}
/**
 * Validate values against a normalised matrix-stack schema node the way Helm's JSON-Schema check would
 * reject them, collecting every issue with its path. `null` values are skipped: Helm deletes keys set to
 * null before validating. Never throws.
 */
export declare function validateValues(nodes: readonly SchemaNode[], root: number, value: unknown): SchemaIssue[];
