// The runner's pure helpers (argv/env building, msg summary, would-change detection) under Python's unittest,
// on the test venv's Python (the interpreter the playbook tests run the modules on); those cover the same code end
// to end.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { venvPython } from "../helpers/tools.js";
import { ROOT } from "./harness.js";

it("module_utils/mxops.py unit tests pass", () => {
  const r = spawnSync(venvPython(), [path.join(ROOT, "test", "ansible", "test_module_utils.py")], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    encoding: "utf8",
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/Ran [1-9]\d* tests[\s\S]*\nOK\n?$/);
});
