import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "./core/fsx.js";
import { failsAt, type Report } from "./core/finding.js";
import { usageError } from "./core/errors.js";
import { Redactor } from "./core/redact.js";
import { edgeDeps, errorLine, parseTaskArgv } from "./edge.js";
import { annotationLine } from "./format/github.js";
import { escapeData, logLine, logText } from "./format/escape.js";
import { createHttpClient, type HttpClient } from "./core/http.js";
import { formatJson } from "./format/json.js";
import { render } from "./format/index.js";
import { actionSummary, type SummaryExtras } from "./action-summary.js";
import { nodeExec } from "./core/exec.js";
import { gitChangedFiles, runGit } from "./core/git.js";
import { failureReport, NOTIFY_FAILED, notifyMatrix } from "./notify/matrix.js";
import { notifyContext } from "./notify/options.js";
import { isTaskName, loadTask, TASK_NAMES } from "./tasks/registry.js";
import type { ActionInputMapping, OptionSpec } from "./tasks/types.js";

/** The runner as the Action sees it; `actionRuntime()` binds it to @actions/core, tests to files/strings. */
export interface ActionRuntime {
  getInput(name: string): string;
  setSecret(s: string): void;
  setOutput(name: string, value: string): void;
  /** Raw stdout line (workflow commands). */
  write(line: string): void;
  appendSummary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

/** Inputs every task accepts in the Action and passes on to the task. */
export const COMMON_INPUTS: ActionInputMapping[] = [
  { input: "fail-on", flag: "fail-on" },
  { input: "format", flag: "format" },
];

/** Inputs the Action reads itself: which task, and where to notify. */
export const ACTION_OWN_INPUTS = ["task", "matrix-homeserver", "matrix-room", "matrix-token"] as const;

/** Outputs every run sets (plus whatever a task puts in `results.outputs`, e.g. `release-id`). */
export const ACTION_OUTPUTS = ["findings", "errors", "report", "sarif", "changed", "release-url"] as const;

const ZERO_SHA = /^0+$/;

/**
 * The default `changed` range for a push: `before..sha` from the event payload; undefined (whole tree)
 * for a new branch, a non-push event, or when the payload is unreadable.
 */
export async function defaultChangedRange(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  if (env.GITHUB_EVENT_NAME !== "push" || !env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as { before?: string; after?: string };
    const after = event.after ?? env.GITHUB_SHA;
    if (!event.before || ZERO_SHA.test(event.before) || !after) return undefined;
    return `${event.before}..${after}`;
  } catch {
    return undefined;
  }
}

function splitList(s: string): string[] {
  return s
    .split(/\r?\n|,/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** True when the checkout (cwd) has the commit; `sha` comes from the event payload, so it is checked to be hex. */
async function hasCommit(sha: string): Promise<boolean> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return false;
  const r = await runGit(nodeExec, ["cat-file", "-e", `${sha}^{commit}`]).catch(() => undefined);
  return r?.code === 0;
}

/** Build argv and env for the task from Action inputs. Secret inputs go to env and are masked first. */
export function mapInputs(
  mappings: readonly ActionInputMapping[],
  rt: Pick<ActionRuntime, "getInput" | "setSecret">,
  options: Readonly<Record<string, OptionSpec>> = {},
): { argv: string[]; env: Record<string, string> } {
  const argv: string[] = [];
  const env: Record<string, string> = {};
  const positionals: string[] = [];
  for (const m of mappings) {
    const raw = rt.getInput(m.input);
    if (raw === "") continue;
    if (m.secret) rt.setSecret(raw);
    if (m.env) env[m.env] = raw;
    else if (m.positional) positionals.push(...splitList(raw));
    else if (m.flag && m.boolean) {
      if (!["true", "false"].includes(raw.trim().toLowerCase()))
        throw usageError(`input ${m.input} must be true or false`);
      if (raw.trim().toLowerCase() === "true") argv.push(`--${m.flag}`);
    } else if (m.flag && options[m.flag]?.multiple) {
      // A repeatable option takes a newline/comma separated list in one input.
      for (const item of splitList(raw)) argv.push(`--${m.flag}=${item}`);
    } else if (m.flag) argv.push(`--${m.flag}=${raw}`);
  }
  if (positionals.length > 0) argv.push("--", ...positionals);
  return { argv, env };
}

/** Post to Matrix when the inputs ask for it; any problem is a `notify/failed` warning, never a failure. */
async function notify(rt: ActionRuntime, report: Report, redactor: Redactor, http: HttpClient): Promise<void> {
  const homeserver = rt.getInput("matrix-homeserver");
  const room = rt.getInput("matrix-room");
  const token = rt.getInput("matrix-token");
  if (!homeserver && !room) return;
  const warn = (m: string) => rt.write(redactor.redact(`::warning title=${NOTIFY_FAILED}::${escapeData(m)}`));
  if (!homeserver || !room || !token) {
    warn("Matrix notification needs matrix-homeserver, matrix-room and matrix-token; nothing was posted");
    return;
  }
  const sent = await notifyMatrix({ homeserver, room, token }, report, notifyContext(rt.env), { http, redactor });
  if (!sent.ok) warn(`Matrix notification failed: ${sent.message}`);
}

/**
 * Run one task as a GitHub/Gitea Action step: annotations for every finding, a job summary (counts, findings,
 * release link, changed files), outputs `findings`, `errors`, `report` (path of the JSON report), `changed`,
 * `release-url` plus task outputs, an optional Matrix notification, and a failed step when findings reach
 * `fail-on`. Never throws; failures become setFailed with one redacted line.
 */
export async function runAction(rt: ActionRuntime): Promise<void> {
  const redactor = new Redactor();
  redactor.onAdd((s) => rt.setSecret(s));
  try {
    const task = rt.getInput("task").trim();
    if (!isTaskName(task))
      throw usageError(`input task must be one of ${TASK_NAMES.join(", ")}, not ${JSON.stringify(task)}`);
    const spec = await loadTask(task);
    const matrixToken = rt.getInput("matrix-token");
    if (matrixToken) redactor.add(matrixToken);
    const mappings = [...COMMON_INPUTS, ...(spec.actionInputs ?? [])];
    const { argv, env } = mapInputs(mappings, rt, spec.options);
    for (const m of mappings) if (m.secret && env[m.env ?? ""]) redactor.add(env[m.env ?? ""]);
    let range: string | undefined;
    if (spec.actionInputs?.some((m) => m.flag === "changed")) {
      range = rt.getInput("changed") || undefined;
      if (range === undefined) {
        range = await defaultChangedRange(rt.env);
        const base = range?.split("..")[0];
        if (base && !(await hasCommit(base))) {
          // A force push or a shallow clone: the old tip is not here, so the pushed range cannot be diffed.
          rt.write(
            `::notice title=mxops::${escapeData(`push base ${base.slice(0, 12)} is not in the checkout (force push or shallow clone); checking the whole tree`)}`,
          );
          range = undefined;
        }
        if (range) argv.unshift(`--changed=${range}`);
      }
    }
    const { common, values, positionals } = parseTaskArgv(spec, argv);
    // Log lines and the rendered report are plain text that quotes the repository: made inert for the runner's
    // command parser (no raw newlines, no line starting with `::`); annotations are built escaped.
    const deps = edgeDeps({ verbose: common.verbose, logSink: (l) => rt.write(logLine(l)), redactor });
    const options = await spec.toOptions({ values, positionals, env: { ...rt.env, ...env }, cwd: deps.cwd }, deps);
    // Secrets are masked in the report's own strings before any formatter escapes them (JSON, Markdown, HTML,
    // %-encoded workflow commands); each rendered text is redacted once more below.
    const report: Report = redactor.redactDeep(await spec.run(options, deps));
    for (const f of report.findings) rt.write(redactor.redact(annotationLine(f)));
    // The log also gets the report in the chosen format (annotations alone for `github`).
    if (common.format !== "github") rt.write(logText(redactor.redact(render(report, common.format)).trimEnd()));
    const dir = rt.env.RUNNER_TEMP || os.tmpdir();
    const reportPath = path.join(dir, `mxops-${task}-report.json`);
    await writeFileAtomic(reportPath, redactor.redact(formatJson(report)));
    // SARIF beside it, for code-scanning uploads (github/codeql-action/upload-sarif or a Gitea equivalent).
    const sarifPath = path.join(dir, `mxops-${task}-report.sarif`);
    await writeFileAtomic(sarifPath, redactor.redact(render(report, "sarif")));
    rt.setOutput("sarif", sarifPath);
    rt.setOutput("findings", String(report.findings.length));
    rt.setOutput("errors", String(report.counts.error));
    rt.setOutput("report", reportPath);
    const results = report.results as { outputs?: Record<string, string> } | undefined;
    const outputs: Record<string, string> = {
      changed: String(report.changed ?? false),
      "release-url": "",
      ...(results?.outputs ?? {}),
    };
    for (const [k, v] of Object.entries(outputs)) rt.setOutput(k, redactor.redact(v));
    const extras: SummaryExtras = {};
    if (range) {
      // The list is for people reading the summary; a range git cannot resolve was already reported by the task.
      const files = await gitChangedFiles(deps.exec, deps.cwd, range).catch(() => undefined);
      if (files) extras.changed = { range, files };
    }
    await rt.appendSummary(redactor.redact(actionSummary(report, extras)));
    await notify(rt, report, redactor, deps.http);
    if (failsAt(report, common.failOn)) {
      rt.setFailed(`mxops ${task}: ${report.counts.error} error(s), ${report.counts.warning} warning(s)`);
    }
  } catch (e) {
    const line = errorLine(e, redactor);
    rt.setFailed(line);
    const task = rt.getInput("task").trim();
    // The room hears about a run that broke, too (never for an unknown task name).
    if (isTaskName(task)) await notify(rt, failureReport(task, line), redactor, createHttpClient());
  }
}
