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
export type ErrorCode =
  "MXOPS_USAGE" | "MXOPS_INPUT" | "MXOPS_CONFIG" | "MXOPS_HTTP" | "MXOPS_AUTH" | "MXOPS_STATE" | "MXOPS_INTERNAL";

/**
 * The one error type mxops throws for its own failures. `message` is a single line that names the
 * file or endpoint and what is wrong; it never contains secrets.
 */
export class MxopsError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; file?: string } = {}) {
    super(message.replace(/\s*\n\s*/g, " "), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MxopsError";
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}

/** Shorthand for a usage error. */
export function usageError(message: string): MxopsError {
  return new MxopsError("MXOPS_USAGE", message);
}

/** Shorthand for an input error naming a file. */
export function inputError(file: string, message: string, cause?: unknown): MxopsError {
  return new MxopsError("MXOPS_INPUT", `${file}: ${message}`, { file, cause });
}

/** True for MxopsError instances (also across bundle copies, by name and code). */
export function isMxopsError(e: unknown): e is MxopsError {
  return e instanceof MxopsError || (e instanceof Error && e.name === "MxopsError" && "code" in e);
}

/** A short, single-line description of any thrown value, for wrapping foreign errors. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const msg = e.message.split("\n")[0] ?? "";
    return typeof code === "string" && !msg.includes(code) ? `${code}: ${msg}` : msg;
  }
  return String(e);
}
