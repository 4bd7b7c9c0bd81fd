import type { Finding } from "../../../../core/finding.js";
import type { PathSeg } from "../../../../core/yaml.js";
import type { EssValuesContext } from "../types.js";
import { type EmbeddedDoc } from "./embedded.js";
/** One `<component>.additional.<name>` entry whose config text is held inline in the values. */
export interface AdditionalEntry {
    name: string;
    /** Path of the string value in the values, e.g. `["synapse","additional","rtc","config"]`. */
    outer: PathSeg[];
    text: string;
    doc: EmbeddedDoc;
}
/** True unless the values switch the component off (`<component>.enabled: false`); the chart default is on. */
export declare function componentEnabled(values: Record<string, unknown>, component: string, defaultOn?: boolean): boolean;
/**
 * Inline YAML configs of `synapse.additional` / `matrixAuthenticationService.additional` (entries using
 * `configSecret` are skipped: their text lives elsewhere). Entries whose `config` is not a string are reported
 * with `notStringRule` because the chart pastes the value as text.
 */
export declare function yamlAdditional(ctx: EssValuesContext, component: "synapse" | "matrixAuthenticationService", notStringRule: string, findings: Finding[]): AdditionalEntry[];
/** `elementWeb.additional.<name>` JSON strings (non-strings are left to the ESS schema rules). */
export declare function jsonAdditional(ctx: EssValuesContext): AdditionalEntry[];
