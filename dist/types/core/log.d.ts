import type { Redactor } from "./redact.js";
/** Diagnostic logger; the CLI writes to stderr, tests collect lines. Every line is redacted. */
export interface Logger {
    debug(msg: string): void;
    info(msg: string): void;
    warn(msg: string): void;
}
/** A logger that drops everything. */
export declare const silentLogger: Logger;
/** Logger writing redacted lines to a sink; debug only when verbose. */
export declare function createLogger(sink: (line: string) => void, redactor: Redactor, verbose?: boolean): Logger;
