import type { ValuesCheck } from "./types.js";
/** Synapse rules over every inline `synapse.additional.<name>.config`. */
export declare const checkSynapse: ValuesCheck;
