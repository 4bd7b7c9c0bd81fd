import type { TaskSpec } from "../types.js";
import { type MilestoneReleaseOptions } from "./options.js";
/** milestone-release as the CLI, the Action and Ansible see it. */
export declare const spec: TaskSpec<MilestoneReleaseOptions>;
