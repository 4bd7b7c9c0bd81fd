// Runs the real ansible-playbook / ansible-doc against localhost with the collection from ansible/ laid out
// under a temp ANSIBLE_COLLECTIONS_PATH, so the tests exercise exactly what `ansible-galaxy collection build` ships.
// Every Ansible program and the modules' interpreter come from the test venv (test/requirements.txt), never from
// the system.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { venvPython, venvTool } from "../helpers/tools.js";
import { tempDir } from "../helpers/tmp.js";

export const ROOT = process.cwd();
export const COLLECTION_SRC = path.join(ROOT, "ansible");
export const STUB = path.join(ROOT, "test", "ansible", "stub-mxops.mjs");
/** The suite's JSON stdout callback (ansible-core has none; the json one is in ansible.posix). */
const CALLBACKS = path.join(ROOT, "test", "ansible", "callback_plugins");
export const MODULES = ["sops_check", "verify_config", "invite", "milestone_release"] as const;

const galaxy = parse(readFileSync(path.join(COLLECTION_SRC, "galaxy.yml"), "utf8")) as {
  namespace: string;
  name: string;
};
/** `namespace.name` of the collection, from galaxy.yml. */
export const FQCN = `${galaxy.namespace}.${galaxy.name}`;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp dir holding `ansible_collections/<ns>/<name>` → ansible/ (symlink), plus scratch space. */
export function makeWorkspace(): { dir: string; collections: string } {
  const dir = tempDir("ansible");
  const collections = path.join(dir, "collections");
  mkdirSync(path.join(collections, "ansible_collections", galaxy.namespace), { recursive: true });
  symlinkSync(COLLECTION_SRC, path.join(collections, "ansible_collections", galaxy.namespace, galaxy.name));
  return { dir, collections };
}

function ansibleEnv(ws: { dir: string; collections: string }, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_COLLECTIONS_PATH: ws.collections,
    ANSIBLE_HOME: path.join(ws.dir, "ansible-home"),
    ANSIBLE_LOCAL_TEMP: path.join(ws.dir, "ansible-tmp"),
    ANSIBLE_REMOTE_TEMP: path.join(ws.dir, "ansible-remote-tmp"),
    ANSIBLE_NOCOLOR: "1",
    ANSIBLE_FORCE_COLOR: "0",
    ANSIBLE_RETRY_FILES_ENABLED: "0",
    // No temp-file copy of each module: faster, and nothing of a run is left on disk.
    ANSIBLE_PIPELINING: "1",
    ANSIBLE_DEPRECATION_WARNINGS: "0",
    ANSIBLE_LOCALHOST_WARNING: "0",
    ANSIBLE_INVENTORY_UNPARSED_WARNING: "0",
    ANSIBLE_CALLBACK_PLUGINS: CALLBACKS,
    ...extra,
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === "number"
          ? (err as { code: number }).code
          : 1
        : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Run a playbook on localhost with connection local: `playbook` is YAML/JSON text, or with `file` the path of a
 * playbook to run as is. `verbose` adds -vvv; `callback` picks the stdout callback (default `json`: the suite's
 * mxops_results callback, which resultsByTask parses); `extraVars` become `-e` JSON.
 */
export async function runPlaybook(
  ws: { dir: string; collections: string },
  playbook: string,
  options: {
    env?: Record<string, string>;
    verbose?: boolean;
    callback?: "json" | "default";
    name?: string;
    file?: boolean;
    extraVars?: Record<string, unknown>;
    check?: boolean;
  } = {},
): Promise<Run> {
  let file = playbook;
  if (!options.file) {
    file = path.join(ws.dir, `${options.name ?? "play"}.yml`);
    writeFileSync(file, playbook);
  }
  const callback = options.callback === "default" ? "default" : "mxops_results";
  const env = ansibleEnv(ws, { ANSIBLE_STDOUT_CALLBACK: callback, ...(options.env ?? {}) });
  // The venv's python runs the modules too, so they see the ansible-core the suite pins.
  const args = ["-i", "localhost,", "-c", "local", "-e", `ansible_python_interpreter=${venvPython()}`];
  if (options.extraVars) args.push("-e", JSON.stringify(options.extraVars));
  if (options.verbose) args.push("-vvv");
  if (options.check) args.push("--check");
  args.push(file);
  return run(venvTool("ansible-playbook"), args, env, ws.dir);
}

/** Run ansible-doc with the workspace's collections path. */
export function runAnsibleDoc(ws: { dir: string; collections: string }, args: string[]): Promise<Run> {
  return run(venvTool("ansible-doc"), args, ansibleEnv(ws, {}), ws.dir);
}

/** A task's result on localhost from the json callback's output, by task name. */
export type TaskResult = Record<string, unknown> & { failed?: boolean; changed?: boolean; msg?: string };

/** Parse the JSON stdout callback's output into `task name → localhost result`. */
export function resultsByTask(stdout: string): Map<string, TaskResult> {
  // With -vvv, display lines precede the callback's JSON document, which starts with its first key.
  const start = stdout.search(/^\{\s*"custom_stats"/m);
  if (start < 0) throw new Error(`no json callback output in: ${stdout.slice(-2000)}`);
  const doc = JSON.parse(stdout.slice(start)) as {
    plays: { tasks: { task: { name: string }; hosts: Record<string, TaskResult> }[] }[];
  };
  const out = new Map<string, TaskResult>();
  for (const play of doc.plays) for (const t of play.tasks) out.set(t.task.name, t.hosts.localhost ?? {});
  return out;
}

/** Read the stub's JSONL call log. */
export function stubCalls(file: string): { argv: string[]; env: Record<string, string>; cwd: string; label: string }[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { argv: string[]; env: Record<string, string>; cwd: string; label: string });
}
