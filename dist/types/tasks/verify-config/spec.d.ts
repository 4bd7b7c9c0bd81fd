import type { TaskSpec } from "../types.js";
import type { VerifyConfigOptions } from "./options.js";
/** `mxops verify-config`: offline repository checks, plus live probes with --live. */
export declare const spec: TaskSpec<VerifyConfigOptions>;
