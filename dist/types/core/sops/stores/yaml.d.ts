import { Document } from "yaml";
import { type Envelope } from "../tree.js";
/** Parse options shared with the task so a file is parsed once (ints as BigInt keep 64-bit values exact). */
export declare const SOPS_YAML_OPTIONS: {
    readonly intAsBigInt: true;
    readonly uniqueKeys: false;
    readonly strict: true;
    readonly logLevel: "silent";
    readonly prettyErrors: false;
};
/** Parse YAML text (all documents) the way the sops YAML store reads it. */
export declare function parseSopsYamlDocs(text: string): Document.Parsed[];
/**
 * Read an already-parsed YAML stream as the sops YAML store does: one branch per document, the `sops` key of
 * the first document is the metadata (removed from every document), comments are leaves of their branch.
 */
export declare function yamlEnvelope(text: string, docs: readonly Document.Parsed[]): Envelope;
