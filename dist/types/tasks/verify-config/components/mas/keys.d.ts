import type { PathSeg } from "../../../../core/yaml.js";
/** A key the MAS schema does not define at that place (the schema itself lets unknown keys through). */
export interface UnknownMasKey {
    /** Path of the key itself (last segment = the key). */
    path: PathSeg[];
    /** Keys that are valid at that place, for did-you-mean. */
    known: string[];
}
/** Every key in `config` that the MAS schema does not define, at any depth. */
export declare function unknownMasKeys(config: unknown): UnknownMasKey[];
