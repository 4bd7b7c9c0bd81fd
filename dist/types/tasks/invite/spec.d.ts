import type { TaskSpec } from "../types.js";
/** Placeholder until the task lands. */
export declare const spec: TaskSpec<Record<string, never>>;
