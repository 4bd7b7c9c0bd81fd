import type { TaskSpec } from "../types.js";
import { type SopsCheckOptions } from "./index.js";
/** Environment variable holding the passphrase of a passphrase-protected age identity file (sops itself prompts). */
export declare const PASSPHRASE_ENV = "MXOPS_AGE_KEY_PASSPHRASE";
export declare const spec: TaskSpec<SopsCheckOptions>;
