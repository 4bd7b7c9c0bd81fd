import { MxopsError } from "../../core/errors.js";
import type { TaskSpec } from "../types.js";

/** Placeholder until the task lands. */
export const spec: TaskSpec<Record<string, never>> = {
  name: "milestone-release",
  summary: "not implemented yet",
  usage: "milestone-release",
  options: {},
  async toOptions() {
    throw new MxopsError("MXOPS_USAGE", "milestone-release is not implemented yet");
  },
  async run() {
    throw new MxopsError("MXOPS_USAGE", "milestone-release is not implemented yet");
  },
};
