// Runs the bundled Action (src/action-main.ts via bundleEntry) the way a GitHub/Gitea runner does:
// action.yml defaults and the step's `with:` as INPUT_* env, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
// GITHUB_* context env, the workspace as cwd. Returns what the runner would see.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { bundleEntry } from "../helpers/bundle.js";
import { tempDir } from "../helpers/tmp.js";

export interface StepResult {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error …::msg` etc. parsed from stdout. */
  annotations: Array<{ level: string; props: Record<string, string>; message: string }>;
  masks: string[];
  /** Everything the step wrote anywhere (for secret leak checks). */
  all: string;
}

/** Defaults of every action.yml input, as the runner fills them in (expressions replaced by `expressions`). */
export function actionDefaults(expressions: Record<string, string> = {}): Record<string, string> {
  const doc = YAML.parse(readFileSync("action.yml", "utf8")) as {
    inputs: Record<string, { default?: string | boolean | number }>;
  };
  const out: Record<string, string> = {};
  for (const [name, i] of Object.entries(doc.inputs)) {
    if (i.default === undefined) continue;
    out[name] = String(i.default).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => expressions[e] ?? "");
  }
  return out;
}

/** Parse the GITHUB_OUTPUT file (`name=value` and heredoc `name<<DELIM` forms). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^([^=<]+)<<(.+)$/.exec(line);
    if (h) {
      const end = lines.indexOf(h[2], i + 1);
      out[h[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

/** Run the Action bundle as one workflow step. */
export async function runStep(options: {
  cwd: string;
  with: Record<string, string>;
  env?: Record<string, string>;
  /** Push event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** Values for `${{ … }}` in action.yml defaults, e.g. {"github.token": "…"}. */
  expressions?: Record<string, string>;
}): Promise<StepResult> {
  const bundle = await bundleEntry("action-main");
  const tmp = tempDir("step");
  const files = {
    output: path.join(tmp, "output"),
    summary: path.join(tmp, "summary"),
    event: path.join(tmp, "event.json"),
    env: path.join(tmp, "env"),
  };
  for (const f of [files.output, files.summary, files.env]) writeFileSync(f, "");
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  const inputs = { ...actionDefaults(options.expressions), ...options.with };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? tmp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_EVENT_PATH: files.event,
    RUNNER_TEMP: tmp,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    ...options.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bundle],
      { cwd: options.cwd, env, encoding: "utf8", timeout: 60_000 },
      (err, so, se) => {
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout: so, stderr: se });
      },
    );
  });
  const outputText = readFileSync(files.output, "utf8");
  const summary = readFileSync(files.summary, "utf8");
  const annotations: StepResult["annotations"] = [];
  const masks: string[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line);
    if (m) {
      const props: Record<string, string> = {};
      for (const kv of (m[2] ?? "").trim().split(",").filter(Boolean))
        props[kv.slice(0, kv.indexOf("="))] = unescape(kv.slice(kv.indexOf("=") + 1));
      annotations.push({ level: m[1], props, message: unescape(m[3]) });
    }
    const mask = /^::add-mask::(.*)$/.exec(line);
    if (mask) masks.push(mask[1]);
  }
  const reportOut = parseOutputFile(outputText).report;
  let reportText = "";
  try {
    if (reportOut) reportText = readFileSync(reportOut, "utf8");
  } catch {
    // no report written (the step failed early)
  }
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(outputText),
    summary,
    annotations,
    masks,
    all: [stdout.replace(/^::add-mask::.*$/gm, ""), stderr, outputText, summary, reportText].join("\n"),
  };
}
