import { MxopsError } from "../../core/errors.js";
import type { TaskSpec } from "../types.js";

/** Placeholder until the task lands. */
export const spec: TaskSpec<Record<string, never>> = {
  name: "invite",
  summary: "not implemented yet",
  usage: "invite",
  options: {},
  async toOptions() {
    throw new MxopsError("MXOPS_USAGE", "invite is not implemented yet");
  },
  async run() {
    throw new MxopsError("MXOPS_USAGE", "invite is not implemented yet");
  },
};
