import { MxopsError } from "../../core/errors.js";
import type { TaskSpec } from "../types.js";

/** Placeholder until the task lands. */
export const spec: TaskSpec<Record<string, never>> = {
  name: "sops-check",
  summary: "not implemented yet",
  usage: "sops-check",
  options: {},
  async toOptions() {
    throw new MxopsError("MXOPS_USAGE", "sops-check is not implemented yet");
  },
  async run() {
    throw new MxopsError("MXOPS_USAGE", "sops-check is not implemented yet");
  },
};
