import type { RepoCheck, ValuesCheck } from "./types.js";
/** Component rules (Synapse, MAS, Element Web, credentials, cross-file) run on every effective values set. */
export declare const VALUES_CHECKS: ValuesCheck[];
/** Rules run once over the whole repository. */
export declare const REPO_CHECKS: RepoCheck[];
