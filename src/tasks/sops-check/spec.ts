import os from "node:os";
import { statSync } from "node:fs";
import path from "node:path";
import { parseByteSize } from "../../core/size.js";
import type { EdgeInput, TaskSpec } from "../types.js";
import { runSopsCheck, type SopsCheckOptions } from "./index.js";
import { defaultAgeKeyFile } from "./keys.js";

/** Environment variable holding the passphrase of a passphrase-protected age identity file (sops itself prompts). */
export const PASSPHRASE_ENV = "MXOPS_AGE_KEY_PASSPHRASE";

export const spec: TaskSpec<SopsCheckOptions> = {
  name: "sops-check",
  summary:
    "Check that every file that must be SOPS-encrypted is, value by value; with an age identity also decrypt in memory and verify each MAC like sops.",
  usage: "sops-check [options] [path...]",
  details: [
    "Files with sops metadata are checked against their own crypt rule and the nearest .sops.yaml (or --config).",
    "A plaintext file is reported on evidence: a Kubernetes Secret with a literal (not ${VAR}) value, a",
    "*.sops.*/*.enc.* name a creation rule covers, or a value the rule would encrypt holding literal data.",
    "A single directory argument becomes the scanned root (findings and Flux spec.path are relative to it).",
    "",
    "Environment:",
    "  SOPS_AGE_KEY_FILE          age identity file (like sops; --age-key-file wins)",
    "  SOPS_AGE_KEY               age identities as text",
    `  ${PASSPHRASE_ENV}   passphrase of a passphrase-protected identity file`,
    "  sops' default identity file is used when it exists: $XDG_CONFIG_HOME/sops/age/keys.txt or",
    "  ~/.config/sops/age/keys.txt (macOS: ~/Library/Application Support/sops/age/keys.txt).",
    "",
    "Examples:",
    "  mxops sops-check examples/gitops --age-key-file examples/demo-age-key.txt",
    "  SOPS_AGE_KEY_FILE=~/.config/sops/age/keys.txt mxops sops-check --changed origin/main...HEAD",
  ].join("\n"),
  options: {
    "age-key-file": {
      type: "string",
      help: "age identity file (X25519 or post-quantum; passphrase-protected allowed)",
      arg: "FILE",
    },
    config: { type: "string", help: "use this .sops.yaml for every file instead of the nearest one", arg: "FILE" },
    changed: { type: "string", help: "only files changed in this git range (e.g. origin/main...HEAD)", arg: "RANGE" },
    "max-file-size": { type: "string", help: "skip (and report) files larger than this (default 4M)", arg: "SIZE" },
  },
  actionInputs: [
    { input: "paths", positional: true },
    { input: "age-key", env: "SOPS_AGE_KEY", secret: true },
    { input: "changed", flag: "changed" },
  ],
  toOptions(input) {
    // Through the executor, so bad input rejects (as from an async function) rather than throwing.
    return new Promise((resolve) => resolve(toSopsCheckOptions(input)));
  },
  run: runSopsCheck,
};

function toSopsCheckOptions(input: EdgeInput): SopsCheckOptions {
  const v = input.values;
  const positionals = input.positionals.length > 0 ? input.positionals : ["."];
  const options: SopsCheckOptions = { root: "." };
  const only = positionals.length === 1 ? positionals[0] : undefined;
  if (only !== undefined && isDir(path.resolve(input.cwd, only))) options.root = only;
  else options.paths = positionals;
  if (typeof v.changed === "string") options.changed = v.changed;
  if (typeof v.config === "string") options.config = v.config;
  if (typeof v["max-file-size"] === "string")
    options.maxFileSize = parseByteSize(v["max-file-size"], "--max-file-size");
  const keyFile = typeof v["age-key-file"] === "string" ? v["age-key-file"] : input.env.SOPS_AGE_KEY_FILE;
  if (keyFile) options.ageKeyFile = keyFile;
  if (input.env.SOPS_AGE_KEY) options.ageKey = input.env.SOPS_AGE_KEY;
  if (input.env[PASSPHRASE_ENV] !== undefined) options.passphrase = input.env[PASSPHRASE_ENV];
  const def = defaultAgeKeyFile(input.env, process.platform, input.env.HOME ?? os.homedir());
  if (def) options.defaultAgeKeyFile = def;
  return options;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
