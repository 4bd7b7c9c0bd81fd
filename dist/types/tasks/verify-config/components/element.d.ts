import type { ValuesCheck } from "./types.js";
/**
 * Element Web rules over each `elementWeb.additional.<name>` JSON string: it must parse (the chart merges it
 * into config.json, and a parse error breaks rendering), and its top-level keys should be Element Web options.
 * Unknown keys are warnings, not errors: Element Web ignores them, and newer releases add keys.
 */
export declare const checkElementWeb: ValuesCheck;
