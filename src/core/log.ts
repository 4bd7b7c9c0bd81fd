import type { Redactor } from "./redact.js";

/** Diagnostic logger; the CLI writes to stderr, tests collect lines. Every line is redacted. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

/** Logger writing redacted lines to a sink; debug only when verbose. */
export function createLogger(sink: (line: string) => void, redactor: Redactor, verbose = false): Logger {
  const write = (level: string, msg: string) => sink(redactor.redact(`mxops: ${level}${msg}`));
  return {
    debug: (m) => {
      if (verbose) write("debug: ", m);
    },
    info: (m) => write("", m),
    warn: (m) => write("warning: ", m),
  };
}
