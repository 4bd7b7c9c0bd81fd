import type { Deps } from "./core/deps.js";
import type { FailOn } from "./core/finding.js";
import { Redactor } from "./core/redact.js";
import { type Format } from "./format/types.js";
import type { OptionSpec, TaskSpec } from "./tasks/types.js";
/** Options every task accepts on the command line. */
export declare const COMMON_OPTIONS: Record<string, OptionSpec>;
/** Parsed common options. */
export interface CommonOptions {
    format: Format;
    failOn: FailOn;
    output?: string;
    verbose: boolean;
    help: boolean;
}
/** Parse a task's argv (after the task name) with the common and the task's own options. Throws MXOPS_USAGE. */
export declare function parseTaskArgv(spec: TaskSpec, argv: readonly string[]): {
    common: CommonOptions;
    values: Record<string, string | boolean | string[] | undefined>;
    positionals: string[];
};
/** Help text for one task. */
export declare function taskHelp(spec: TaskSpec): string;
/** Build the deps for an edge (CLI or Action). */
export declare function edgeDeps(options: {
    verbose: boolean;
    logSink: (line: string) => void;
    redactor?: Redactor;
}): Deps;
/** One line for any failure, redacted; never a stack trace. */
export declare function errorLine(e: unknown, redactor: Redactor): string;
