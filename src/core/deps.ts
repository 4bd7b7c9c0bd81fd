import type { ExecFn } from "./exec.js";
import { nodeExec } from "./exec.js";
import { createHttpClient, type HttpClient } from "./http.js";
import { silentLogger, type Logger } from "./log.js";
import { Redactor } from "./redact.js";

/**
 * The outside world a task may touch. The CLI and the Action build it once; tests inject fakes.
 * Tasks never read process.env, never print, never call process.exit.
 */
export interface Deps {
  /** Working directory used to resolve relative paths. */
  cwd: string;
  /** Clock. */
  now: () => Date;
  log: Logger;
  /** Every secret the task learns (decrypted keys, tokens) is registered here before any output. */
  redactor: Redactor;
  /** HTTP with timeouts, retries, CA and --resolve; tasks needing other TLS settings build their own via createHttpClient. */
  http: HttpClient;
  /** Runs programs without a shell (git). */
  exec: ExecFn;
}

/** Deps for library callers: real clock, exec and HTTP, no logging. Override any field. */
export function defaultDeps(overrides: Partial<Deps> = {}): Deps {
  return {
    cwd: process.cwd(),
    now: () => new Date(),
    log: silentLogger,
    redactor: new Redactor(),
    http: createHttpClient(),
    exec: nodeExec,
    ...overrides,
  };
}
