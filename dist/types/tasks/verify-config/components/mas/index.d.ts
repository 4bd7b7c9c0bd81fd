import type { ValuesCheck } from "../types.js";
/** MAS rules over every inline `matrixAuthenticationService.additional.<name>.config`, and over their merge. */
export declare const checkMas: ValuesCheck;
