import { type Deps } from "../../core/deps.js";
import type { Report } from "../../core/finding.js";
import { type AgeKeyOptions } from "./keys.js";
/** Options of sops-check (the library form of the CLI flags). */
export interface SopsCheckOptions extends AgeKeyOptions {
    /** Scanned root; findings are relative to it. Flux `spec.path` is resolved against it. */
    root: string;
    /** Paths below root to check (default: everything). */
    paths?: string[];
    /** Git revision range: only files changed in it (e.g. `origin/main...HEAD`). */
    changed?: string;
    /** A .sops.yaml to use for every file instead of the nearest one. */
    config?: string;
    /** Files larger than this many bytes are reported, not read (default 4 MiB). */
    maxFileSize?: number;
}
/**
 * Run sops-check: every selected file that must be SOPS-encrypted is checked without a key (metadata, every
 * value against its crypt rule, creation rule and recipients) and, when age identities are configured, decrypted
 * in memory with its MAC verified. Flux Kustomizations that would apply encrypted files without decryption are
 * reported. Throws MxopsError for bad input (missing root or key file, malformed keys); problems in the repo are
 * findings. Plaintext never leaves memory; decrypted values are registered with the redactor.
 */
export declare function runSopsCheck(options: SopsCheckOptions, deps: Deps): Promise<Report>;
/**
 * Library entry: run sops-check with typed options. `deps` defaults to `defaultDeps()` (real filesystem and git,
 * no logging). Returns the report; throws MxopsError for bad input (see {@link runSopsCheck}).
 */
export declare function sopsCheck(options: SopsCheckOptions, deps?: Deps): Promise<Report>;
