import type { PathSeg } from "../../../../core/yaml.js";
/** A JSON schema node, loosely typed: the MAS schema is data. */
export type SchemaNode = Record<string, unknown>;
interface ShippedSchema {
    source: {
        repo: string;
        path: string;
        version: string;
    };
    schema: SchemaNode;
}
/** One schema violation, at a path inside the MAS config. */
export interface MasSchemaError {
    path: PathSeg[];
    message: string;
}
/** The derived MAS config schema (draft-07) and its source. */
export declare function masSchema(): ShippedSchema;
/**
 * Validate a (partial) MAS config. Errors of `anyOf`/`oneOf` alternatives are folded into one message per
 * value, so an enum typo reads "must be one of …" instead of one line per alternative.
 */
export declare function validateMasConfig(config: unknown): MasSchemaError[];
export {};
