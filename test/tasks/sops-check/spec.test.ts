import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import { spec } from "../../../src/tasks/sops-check/spec.js";
import { defaultAgeKeyFile } from "../../../src/tasks/sops-check/keys.js";

describe("sops-check options at the edge", () => {
  it("finds sops' default keys.txt like sops (XDG_CONFIG_HOME, ~/.config, macOS Application Support)", () => {
    expect(defaultAgeKeyFile({ XDG_CONFIG_HOME: "/x" }, "linux", "/home/u")).toBe(path.join("/x", "sops/age/keys.txt"));
    expect(defaultAgeKeyFile({}, "linux", "/home/u")).toBe(path.join("/home/u", ".config/sops/age/keys.txt"));
    expect(defaultAgeKeyFile({}, "darwin", "/Users/u")).toBe(
      path.join("/Users/u", "Library/Application Support/sops/age/keys.txt"),
    );
    expect(defaultAgeKeyFile({ XDG_CONFIG_HOME: "/x" }, "darwin", "/Users/u")).toBe(
      path.join("/x", "sops/age/keys.txt"),
    );
  });
  it("maps flags and env: one directory becomes the root, --age-key-file wins over SOPS_AGE_KEY_FILE, secrets only from env", async () => {
    const deps = defaultDeps();
    const o = await spec.toOptions(
      {
        values: { "age-key-file": "k.txt", changed: "origin/main...HEAD", "max-file-size": "512k" },
        positionals: ["examples/gitops"],
        env: {
          SOPS_AGE_KEY_FILE: "other.txt",
          SOPS_AGE_KEY: "AGE-SECRET-KEY-1X",
          MXOPS_AGE_KEY_PASSPHRASE: "pw",
          HOME: "/h",
        },
        cwd: process.cwd(),
      },
      deps,
    );
    expect(o).toMatchObject({
      root: "examples/gitops",
      ageKeyFile: "k.txt",
      ageKey: "AGE-SECRET-KEY-1X",
      passphrase: "pw",
      changed: "origin/main...HEAD",
      maxFileSize: 512 * 1024,
    });
    const two = await spec.toOptions(
      {
        values: {},
        positionals: ["examples/gitops", "README.md"],
        env: { SOPS_AGE_KEY_FILE: "other.txt" },
        cwd: process.cwd(),
      },
      deps,
    );
    expect(two).toMatchObject({ root: ".", paths: ["examples/gitops", "README.md"], ageKeyFile: "other.txt" });
    expect(spec.actionInputs).toContainEqual({ input: "age-key", env: "SOPS_AGE_KEY", secret: true });
  });
});
