import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
/** ESS matrix-stack rules (schema validation and chart pitfalls) over one effective values set. */
export declare const ESS_CHECKS: Array<(ctx: EssValuesContext) => Finding[]>;
