import type { TaskSpec } from "../types.js";
import { type InviteOptions } from "./options.js";
/** The `invite` task as the CLI, the Action and Ansible see it. */
export declare const spec: TaskSpec<InviteOptions>;
