import { MxopsError } from "../../core/errors.js";
import type { TaskSpec } from "../types.js";

/** Placeholder until the task lands. */
export const spec: TaskSpec<Record<string, never>> = {
  name: "verify-config",
  summary: "not implemented yet",
  usage: "verify-config",
  options: {},
  async toOptions() {
    throw new MxopsError("MXOPS_USAGE", "verify-config is not implemented yet");
  },
  async run() {
    throw new MxopsError("MXOPS_USAGE", "verify-config is not implemented yet");
  },
};
