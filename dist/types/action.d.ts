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
export declare const COMMON_INPUTS: ActionInputMapping[];
/** Inputs the Action reads itself: which task, and where to notify. */
export declare const ACTION_OWN_INPUTS: readonly ["task", "matrix-homeserver", "matrix-room", "matrix-token"];
/** Outputs every run sets (plus whatever a task puts in `results.outputs`, e.g. `release-id`). */
export declare const ACTION_OUTPUTS: readonly ["findings", "errors", "report", "sarif", "changed", "release-url"];
/**
 * The default `changed` range for a push: `before..sha` from the event payload; undefined (whole tree)
 * for a new branch, a non-push event, or when the payload is unreadable.
 */
export declare function defaultChangedRange(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined>;
/** Build argv and env for the task from Action inputs. Secret inputs go to env and are masked first. */
export declare function mapInputs(mappings: readonly ActionInputMapping[], rt: Pick<ActionRuntime, "getInput" | "setSecret">, options?: Readonly<Record<string, OptionSpec>>): {
    argv: string[];
    env: Record<string, string>;
};
/**
 * Run one task as a GitHub/Gitea Action step: annotations for every finding, a job summary (counts, findings,
 * release link, changed files), outputs `findings`, `errors`, `report` (path of the JSON report), `changed`,
 * `release-url` plus task outputs, an optional Matrix notification, and a failed step when findings reach
 * `fail-on`. Never throws; failures become setFailed with one redacted line.
 */
export declare function runAction(rt: ActionRuntime): Promise<void>;
