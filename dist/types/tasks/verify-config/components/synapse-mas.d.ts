import type { Finding } from "../../../core/finding.js";
import type { EssValuesContext } from "./types.js";
import type { AdditionalEntry } from "./util/additional.js";
/** True when ESS wires Synapse to MAS (MAS enabled and not in the pre-migration mode where Synapse still authenticates). */
export declare function masHandlesAuth(values: Record<string, unknown>): boolean;
/** Synapse options that stop Synapse from starting when MAS handles authentication (error). */
export declare function masConflicts(ctx: EssValuesContext, e: AdditionalEntry, cfg: Record<string, unknown>): Finding[];
