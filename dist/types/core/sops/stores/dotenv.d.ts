import { type Envelope } from "../tree.js";
/** Rebuild the nested metadata from sops' flattened `sops_*` keys (dotenv store). */
export declare function unflatten(entries: ReadonlyArray<[string, string]>): Record<string, unknown>;
/**
 * Read a dotenv file as the sops dotenv store does: `KEY=VALUE` lines (split at the first `=`, `\n` escapes
 * unescaped), `#` lines are comments, empty lines skipped; metadata are the `sops_*` keys, flattened with
 * `__map_`/`__list_`. A line without `=` is a syntax error (sops refuses the file).
 */
export declare function dotenvEnvelope(text: string): Envelope;
