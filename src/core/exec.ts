import { execFile } from "node:child_process";
import { MxopsError } from "./errors.js";

/** Result of running a program. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; arguments are passed as-is (never interpreted). */
export type ExecFn = (
  file: string,
  args: readonly string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
) => Promise<ExecResult>;

/**
 * Default ExecFn on child_process.execFile. Never throws for a non-zero exit (see `code`);
 * throws MXOPS_INPUT when the program cannot be started at all.
 */
export const nodeExec: ExecFn = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        encoding: "utf8",
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === "string") {
          reject(
            new MxopsError("MXOPS_INPUT", `cannot run ${file}: ${(err as NodeJS.ErrnoException).code}`, { cause: err }),
          );
          return;
        }
        const code = err
          ? typeof (err as { code?: unknown }).code === "number"
            ? (err as { code: number }).code
            : 1
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
