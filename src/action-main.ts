import * as core from "@actions/core";
import { runAction } from "./action.js";

// Entry point of dist/action.js: binds the Action runtime to @actions/core.
await runAction({
  getInput: (name) => core.getInput(name),
  setSecret: (s) => core.setSecret(s),
  setOutput: (name, value) => core.setOutput(name, value),
  write: (line) => process.stdout.write(`${line}\n`),
  appendSummary: async (md) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md).write();
  },
  setFailed: (m) => core.setFailed(m),
  env: process.env,
});
