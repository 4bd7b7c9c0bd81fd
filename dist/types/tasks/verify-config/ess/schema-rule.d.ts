import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "../components/types.js";
import { type SchemaIssue } from "./validate.js";
/**
 * Validate the effective matrix-stack values against the chart's values schema for the pinned version,
 * as Helm would before rendering. Each finding points at the line where the key was written (following
 * valuesFrom and block scalars). Keys unknown to the schema are errors, or warnings when the chart is
 * newer than (or not pinned to) a shipped schema, saying so.
 */
export declare function checkEssSchema(ctx: EssValuesContext): Finding[];
/**
 * Keys beside config/configSecret/configSecretKey in an `additional.<name>` entry: the chart's schema lets them
 * through (its entry schema is nested one level too deep) and the templates ignore them, so a typo such as
 * `configSecretkey` silently drops the setting.
 */
export declare function additionalEntryKeyIssues(values: Record<string, unknown>): SchemaIssue[];
