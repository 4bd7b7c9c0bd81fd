import { writeFileAtomic } from "./core/fsx.js";
import { failsAt } from "./core/finding.js";
import { MxopsError, usageError } from "./core/errors.js";
import { Redactor } from "./core/redact.js";
import { edgeDeps, errorLine, parseTaskArgv, taskHelp } from "./edge.js";
import { render } from "./format/index.js";
import { TASK_NAMES, TASK_SUMMARIES, isTaskName, loadTask } from "./tasks/registry.js";
import { VERSION } from "./version.js";
import { cliNotifyTarget, extractNotifyArgs, notifyContext } from "./notify/options.js";
import { NOTIFY_FAILED, notifyMatrix } from "./notify/matrix.js";

/** Where the CLI writes; injected by tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

function mainHelp(): string {
  const rows = TASK_NAMES.map((t) => `  ${t.padEnd(19)} ${TASK_SUMMARIES[t]}`);
  return [
    "mxops — checks and chores for a self-hosted Matrix stack",
    "",
    "Usage: mxops <task> [options]     mxops <task> --help",
    "",
    "Tasks:",
    ...rows,
    "",
    "Exit codes: 0 clean, 1 findings at/over --fail-on, 2 usage or input error.",
    "Secrets are read from the environment or files, never from the command line.",
    "Every task: --notify-matrix [--matrix-homeserver URL] [--matrix-room ROOM] posts a summary to Matrix",
    "(token in MXOPS_MATRIX_TOKEN); a failed notification is a warning and never changes the exit code.",
    "",
  ].join("\n");
}

/** Run the CLI; returns the exit code. Never throws, never prints a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const redactor = new Redactor();
  try {
    const [task, ...rest] = argv;
    if (task === undefined || task === "--help" || task === "-h" || task === "help") {
      io.stdout(mainHelp());
      return task === undefined ? 2 : 0;
    }
    if (task === "--version" || task === "-V") {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (!isTaskName(task)) throw usageError(`unknown task ${JSON.stringify(task)}; tasks: ${TASK_NAMES.join(", ")}`);
    const spec = await loadTask(task);
    const notifyArgs = extractNotifyArgs(rest);
    const { common, values, positionals } = parseTaskArgv(spec, notifyArgs.rest);
    if (common.help) {
      io.stdout(taskHelp(spec));
      return 0;
    }
    const deps = edgeDeps({ verbose: common.verbose, logSink: (l) => io.stderr(`${l}\n`), redactor });
    const options = await spec.toOptions({ values, positionals, env: io.env, cwd: deps.cwd }, deps);
    const notifyTarget = cliNotifyTarget(notifyArgs.flags, io.env);
    redactor.add(notifyTarget?.token);
    // Secrets are masked in the report's own strings before any formatter escapes them (JSON, HTML, %-encoding).
    const report = redactor.redactDeep(await spec.run(options, deps));
    if (notifyTarget) {
      const sent = await notifyMatrix(notifyTarget, report, notifyContext(io.env), { http: deps.http, redactor });
      if (!sent.ok) io.stderr(redactor.redact(`mxops: warning: ${NOTIFY_FAILED}: ${sent.message}\n`));
    }
    const color = io.isTTY && common.format === "text" && common.output === undefined && !io.env.NO_COLOR;
    // A task may attach a human preview (milestone-release --dry-run: the release it would make) for text output.
    const preview = (report.results as { preview?: unknown } | undefined)?.preview;
    const text =
      render(report, common.format, { color, verbose: common.verbose }) +
      (common.format === "text" && typeof preview === "string" ? `\n${preview}` : "");
    const out = redactor.redact(text);
    if (common.output !== undefined) {
      try {
        await writeFileAtomic(common.output, out);
      } catch (e) {
        throw new MxopsError(
          "MXOPS_INPUT",
          `${common.output}: cannot write report (${(e as NodeJS.ErrnoException).code ?? "error"})`,
        );
      }
    } else {
      io.stdout(out);
    }
    return failsAt(report, common.failOn) ? 1 : 0;
  } catch (e) {
    io.stderr(`${errorLine(e, redactor)}\n`);
    if (io.env.MXOPS_DEBUG === "1" && e instanceof Error && !(e instanceof MxopsError))
      io.stderr(redactor.redact(`${e.stack ?? ""}\n`));
    return 2;
  }
}
