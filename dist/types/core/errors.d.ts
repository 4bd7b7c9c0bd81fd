/**
 * Error codes for failures of mxops itself (not findings). The CLI prints one line and exits 2.
 * - MXOPS_USAGE: bad option or argument
 * - MXOPS_INPUT: unreadable / malformed input file (key file, config, invite list)
 * - MXOPS_CONFIG: configuration inconsistent or incomplete
 * - MXOPS_HTTP: an API the task needs is unreachable or answered unexpectedly
 * - MXOPS_AUTH: credentials rejected
 * - MXOPS_STATE: audit/state file problem (locked, corrupt)
 * - MXOPS_INTERNAL: a bug in mxops
 */
export type ErrorCode = "MXOPS_USAGE" | "MXOPS_INPUT" | "MXOPS_CONFIG" | "MXOPS_HTTP" | "MXOPS_AUTH" | "MXOPS_STATE" | "MXOPS_INTERNAL";
/**
 * The one error type mxops throws for its own failures. `message` is a single line that names the
 * file or endpoint and what is wrong; it never contains secrets.
 */
export declare class MxopsError extends Error {
    readonly code: ErrorCode;
    readonly file?: string;
    constructor(code: ErrorCode, message: string, options?: {
        cause?: unknown;
        file?: string;
    });
}
/** Shorthand for a usage error. */
export declare function usageError(message: string): MxopsError;
/** Shorthand for an input error naming a file. */
export declare function inputError(file: string, message: string, cause?: unknown): MxopsError;
/** True for MxopsError instances (also across bundle copies, by name and code). */
export declare function isMxopsError(e: unknown): e is MxopsError;
/** A short, single-line description of any thrown value, for wrapping foreign errors. */
export declare function describeError(e: unknown): string;
