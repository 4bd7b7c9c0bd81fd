import { parseArgs } from "node:util";
import { createLogger } from "./core/log.js";
import { createHttpClient } from "./core/http.js";
import { nodeExec } from "./core/exec.js";
import { describeError, isMxopsError, usageError } from "./core/errors.js";
import type { Deps } from "./core/deps.js";
import type { FailOn } from "./core/finding.js";
import { Redactor } from "./core/redact.js";
import { FORMATS, type Format } from "./format/types.js";
import type { OptionSpec, TaskSpec } from "./tasks/types.js";

/** Options every task accepts on the command line. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  format: { type: "string", help: "output format: text, json, sarif, github (default text)", arg: "FMT" },
  "fail-on": {
    type: "string",
    help: "exit 1 when a finding is at or above: error, warning, info, never (default error)",
    arg: "LEVEL",
  },
  output: { type: "string", short: "o", help: "write the report to FILE (atomically) instead of stdout", arg: "FILE" },
  verbose: { type: "boolean", short: "v", help: "also show info findings and debug logs" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

/** Parsed common options. */
export interface CommonOptions {
  format: Format;
  failOn: FailOn;
  output?: string;
  verbose: boolean;
  help: boolean;
}

/** Parse a task's argv (after the task name) with the common and the task's own options. Throws MXOPS_USAGE. */
export function parseTaskArgv(spec: TaskSpec, argv: readonly string[]) {
  const options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries({ ...COMMON_OPTIONS, ...spec.options })) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = describeError(e).replace(/^ERR_PARSE_ARGS_[A-Z_]+: /, "");
    throw usageError(`${spec.name}: ${msg.replace(/\. To specify a positional argument.*$/, "")}`);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const format = (v.format as string | undefined) ?? "text";
  if (!(FORMATS as readonly string[]).includes(format))
    throw usageError(`--format must be one of ${FORMATS.join(", ")}, not ${JSON.stringify(format)}`);
  const failOn = (v["fail-on"] as string | undefined) ?? "error";
  if (!["error", "warning", "info", "never"].includes(failOn))
    throw usageError(`--fail-on must be error, warning, info or never, not ${JSON.stringify(failOn)}`);
  const common: CommonOptions = {
    format: format as Format,
    failOn: failOn as FailOn,
    verbose: v.verbose === true,
    help: v.help === true,
  };
  if (typeof v.output === "string") common.output = v.output;
  return { common, values: v, positionals: parsed.positionals };
}

/** Help text for one task. */
export function taskHelp(spec: TaskSpec): string {
  const rows = Object.entries({ ...spec.options, ...COMMON_OPTIONS }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.arg ?? "VALUE"}` : ""}`;
    return `  ${flag.padEnd(34)} ${o.help}`;
  });
  return [
    `mxops ${spec.usage}`,
    "",
    spec.summary,
    "",
    "Options:",
    ...rows,
    ...(spec.details ? ["", spec.details.trimEnd()] : []),
    "",
  ].join("\n");
}

/** Build the deps for an edge (CLI or Action). */
export function edgeDeps(options: { verbose: boolean; logSink: (line: string) => void; redactor?: Redactor }): Deps {
  const redactor = options.redactor ?? new Redactor();
  return {
    cwd: process.cwd(),
    now: () => new Date(),
    log: createLogger(options.logSink, redactor, options.verbose),
    redactor,
    http: createHttpClient(),
    exec: nodeExec,
  };
}

/** One line for any failure, redacted; never a stack trace. */
export function errorLine(e: unknown, redactor: Redactor): string {
  if (isMxopsError(e)) return redactor.redact(`mxops: error: ${e.message}`);
  return redactor.redact(`mxops: internal error: ${describeError(e)}`);
}
