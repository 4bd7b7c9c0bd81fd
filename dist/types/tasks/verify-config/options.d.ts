import type { AgeKeySource } from "../../core/sops/index.js";
import type { LiveOptions } from "./live/index.js";
/** Typed options of `verify-config` (built at the edge by spec.toOptions, or by library callers). */
export interface VerifyConfigOptions {
    /** Scanned root (absolute or relative to deps.cwd); findings are relative to it. Default `.`. */
    root?: string;
    /** Files or folders below the root to restrict findings to. */
    paths?: string[];
    /** Git revision range: report only findings in files changed in it (the whole repo is still read for references). */
    changed?: string;
    /** age identities (key file text or SOPS_AGE_KEY) to decrypt SOPS values Secrets in memory. Secret. */
    ageKeys?: AgeKeySource[];
    /** Passphrase of a passphrase-protected age key file. Secret. */
    agePassphrase?: string;
    /** Chart version for plain values files (no HelmRelease to read it from). */
    chartVersion?: string;
    /** Plain `matrix-stack` values files (as passed to `helm install -f`), merged in order, relative to the root. */
    values?: string[];
    /** Files larger than this (bytes) are reported as yaml/file-too-large instead of parsed. Default 4 MiB. */
    maxFileSize?: number;
    /** Live probes; undefined for offline only. */
    live?: LiveOptions;
    verbose?: boolean;
}
