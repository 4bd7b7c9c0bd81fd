import type { TaskSpec } from "./types.js";
/** Task names in help order. Each spec is loaded only when its task runs (fast cold start). */
export declare const TASK_NAMES: readonly ["sops-check", "verify-config", "invite", "milestone-release"];
export type TaskName = (typeof TASK_NAMES)[number];
/** One-line summaries for `mxops --help`, kept here so help does not load every task. */
export declare const TASK_SUMMARIES: Record<TaskName, string>;
/** Load a task's spec. */
export declare function loadTask(name: TaskName): Promise<TaskSpec>;
/** True when `name` is a task. */
export declare function isTaskName(name: string): name is TaskName;
