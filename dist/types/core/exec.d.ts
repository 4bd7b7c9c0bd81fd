/** Result of running a program. */
export interface ExecResult {
    code: number;
    stdout: string;
    stderr: string;
}
/** Runs a program without a shell; arguments are passed as-is (never interpreted). */
export type ExecFn = (file: string, args: readonly string[], options?: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    input?: string;
    timeoutMs?: number;
}) => Promise<ExecResult>;
/**
 * Default ExecFn on child_process.execFile. Never throws for a non-zero exit (see `code`);
 * throws MXOPS_INPUT when the program cannot be started at all.
 */
export declare const nodeExec: ExecFn;
