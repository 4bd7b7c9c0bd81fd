import { describe, expect, it } from "vitest";
import { TASK_NAMES } from "../../src/tasks/registry.js";
import { cli } from "../helpers/cli.js";

describe("cli", () => {
  it("prints the version", async () => {
    const r = await cli(["--version"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("prints help with every task; no arguments is a usage error", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    for (const t of TASK_NAMES) expect(help.stdout).toContain(t);
    expect((await cli([])).code).toBe(2);
  });

  it("rejects an unknown task with one line and exit 2", async () => {
    const r = await cli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'mxops: error: unknown task "frobnicate"; tasks: sops-check, verify-config, invite, milestone-release\n',
    );
  });

  it.each(TASK_NAMES)("%s: --help works and bad options are one-line usage errors", async (task) => {
    const help = await cli([task, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`mxops ${task}`);
    expect(help.stdout).toContain("--format");
    for (const bad of [["--no-such-option"], ["--format", "xml"], ["--fail-on", "sometimes"]]) {
      const r = await cli([task, ...bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toMatch(/^mxops: error: /);
    }
  });

  it("offers no option that takes a secret on the command line", async () => {
    for (const task of TASK_NAMES) {
      const help = (await cli([task, "--help"])).stdout;
      const flags = [...help.matchAll(/--([a-z0-9-]+)/g)].map((m) => m[1]);
      const secretish = flags.filter(
        (f) => /(password|secret|token|passphrase|api-key)$/.test(f) || /^age-key$/.test(f),
      );
      expect(secretish, `${task} offers ${secretish.join(", ")}`).toEqual([]);
    }
  });
});

describe("text output colour", () => {
  it("colours only on a TTY, never with NO_COLOR, never in other formats or --output files", async () => {
    const args = ["sops-check", "examples/gitops-faults", "--fail-on", "never"];
    expect((await cli(args, {}, true)).stdout).toContain("\u001b[31m");
    expect((await cli(args, {}, false)).stdout).not.toContain("\u001b[");
    expect((await cli(args, { NO_COLOR: "1" }, true)).stdout).not.toContain("\u001b[");
    expect((await cli([...args, "--format", "json"], {}, true)).stdout).not.toContain("\u001b[");
  });
});
