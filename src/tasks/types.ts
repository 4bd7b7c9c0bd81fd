import type { Deps } from "../core/deps.js";
import type { Report } from "../core/finding.js";

/** One option of a task's command line, in node:util parseArgs form. */
export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
  /** One line for --help. */
  help: string;
  /** Placeholder for the value in --help, e.g. FILE. */
  arg?: string;
}

/** How an Action input reaches the task: as a CLI flag, a positional list, or an environment variable. */
export interface ActionInputMapping {
  /** Input name in action.yml. */
  input: string;
  /** `--flag` it becomes (string inputs pass their value; boolean inputs pass the flag when true). */
  flag?: string;
  /** Whitespace/newline separated values become positionals. */
  positional?: boolean;
  /** Environment variable it is passed in (secrets always go this way). */
  env?: string;
  /** Register with core.setSecret before anything else runs. */
  secret?: boolean;
  boolean?: boolean;
}

/** What the CLI and the Action hand to a task's `toOptions`. */
export interface EdgeInput {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** Environment (process.env at the edge). Secrets come from here or from files, never argv. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * A task as the edges (CLI, Action, Ansible via CLI) see it: its options, how to turn parsed argv and env
 * into typed options, and `run`. `toOptions` throws MxopsError MXOPS_USAGE/MXOPS_INPUT for bad input.
 */
export interface TaskSpec<O = unknown> {
  name: string;
  summary: string;
  /** Usage line(s) after `mxops `, e.g. `sops-check [options] [path...]`. */
  usage: string;
  /** Extra help text (examples, environment variables). */
  details?: string;
  options: Record<string, OptionSpec>;
  toOptions(input: EdgeInput, deps: Deps): Promise<O>;
  run(options: O, deps: Deps): Promise<Report>;
  /** Action inputs this task reads, beyond the common ones (format, fail-on, paths, changed). */
  actionInputs?: ActionInputMapping[];
}
