import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
import { checkElementAdditionalNames } from "./element-additional.js";
import { checkHostSyntax, checkRequiredValues, checkRtcWithoutWellKnown, checkSharedHosts } from "./pitfalls.js";
import { checkEssSchema } from "./schema-rule.js";

/** ESS matrix-stack rules (schema validation and chart pitfalls) over one effective values set. */
export const ESS_CHECKS: Array<(ctx: EssValuesContext) => Finding[]> = [
  checkEssSchema,
  checkRtcWithoutWellKnown,
  checkSharedHosts,
  checkRequiredValues,
  checkHostSyntax,
  checkElementAdditionalNames,
];
