// action.yml must document exactly the inputs the edge reads: the union of every task's actionInputs,
// the common ones, and the Action's own (task, Matrix). A task adding an input without documenting it fails here.
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { ACTION_OUTPUTS, ACTION_OWN_INPUTS, COMMON_INPUTS } from "../../src/action.js";
import { loadTask, TASK_NAMES } from "../../src/tasks/registry.js";
import type { ActionInputMapping } from "../../src/tasks/types.js";

interface ActionYml {
  inputs: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}
const doc = YAML.parse(readFileSync("action.yml", "utf8")) as ActionYml;

async function allMappings(): Promise<Map<string, ActionInputMapping[]>> {
  const byInput = new Map<string, ActionInputMapping[]>();
  for (const m of COMMON_INPUTS) byInput.set(m.input, [m]);
  for (const t of TASK_NAMES) {
    for (const m of (await loadTask(t)).actionInputs ?? []) byInput.set(m.input, [...(byInput.get(m.input) ?? []), m]);
  }
  return byInput;
}

describe("action.yml", () => {
  it("lists every input the tasks and the edge read, and nothing else", async () => {
    const expected = new Set([...(await allMappings()).keys(), ...ACTION_OWN_INPUTS]);
    expect(Object.keys(doc.inputs).sort()).toEqual([...expected].sort());
  });

  it("documents each input with a meaning and (except task) a default", () => {
    for (const [name, i] of Object.entries(doc.inputs)) {
      expect(i.description, name).toMatch(/.{10,}/);
      if (name === "task") expect(i.required).toBe(true);
      else expect(i.default, name).not.toBeUndefined();
    }
  });

  it("maps an input shared by tasks the same way everywhere, and secrets only through env", async () => {
    for (const [name, list] of await allMappings()) {
      const shapes = new Set(
        list.map((m) =>
          JSON.stringify({
            flag: m.flag,
            env: m.env,
            secret: m.secret ?? false,
            positional: m.positional ?? false,
            boolean: m.boolean ?? false,
          }),
        ),
      );
      expect(shapes.size, name).toBe(1);
      for (const m of list) {
        if (m.secret) expect(m.env, name).toBeTruthy();
        if (m.flag) expect(m.flag.startsWith("-"), name).toBe(false);
        if (m.boolean) expect(doc.inputs[name]?.default, name).toBe("false");
      }
    }
  });

  it("declares the outputs every run sets and runs the committed bundle on node20", () => {
    for (const o of [...ACTION_OUTPUTS, "release-id"]) expect(doc.outputs[o]?.description, o).toBeTruthy();
    expect(doc.runs).toEqual({ using: "node20", main: "dist/action.js" });
  });
});
