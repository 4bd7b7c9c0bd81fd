import { existsSync, statSync } from "node:fs";
import { readSmallFile } from "../../core/fsx.js";
import os from "node:os";
import path from "node:path";
import { inputError, usageError } from "../../core/errors.js";
import { parseByteSize } from "../../core/size.js";
import type { AgeKeySource } from "../../core/sops/index.js";
import { defaultAgeKeyFile } from "../sops-check/keys.js";
import type { EdgeInput, OptionSpec, TaskSpec } from "../types.js";
import { LIVE_ACTION_INPUT_MAPPINGS, LIVE_OPTIONS, liveOptionsFrom } from "./live/index.js";
import type { VerifyConfigOptions } from "./options.js";

const OWN_OPTIONS: Record<string, OptionSpec> = {
  changed: {
    type: "string",
    help: "only report files changed in this git range (e.g. origin/main...HEAD)",
    arg: "RANGE",
  },
  "age-key-file": {
    type: "string",
    help: "age identity file to decrypt SOPS values Secrets in memory (else SOPS_AGE_KEY_FILE / SOPS_AGE_KEY)",
    arg: "FILE",
  },
  "chart-version": {
    type: "string",
    help: "matrix-stack chart version for plain values files (default: newest known schema)",
    arg: "V",
  },
  "max-file-size": { type: "string", help: "skip (and report) YAML files larger than this (default 4M)", arg: "SIZE" },
  values: {
    type: "string",
    multiple: true,
    help: "a plain matrix-stack values file passed to helm install (repeatable, merged in order)",
    arg: "FILE",
  },
};

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function strList(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x !== "");
  return typeof v === "string" && v !== "" ? [v] : [];
}

async function readKeyFile(file: string, cwd: string): Promise<string> {
  try {
    return await readSmallFile(path.resolve(cwd, file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EFBIG")
      throw inputError(file, "larger than 1 MiB, so not an age key file");
    throw inputError(file, "cannot read the age identity file", e);
  }
}

/** `mxops verify-config`: offline repository checks, plus live probes with --live. */
export const spec: TaskSpec<VerifyConfigOptions> = {
  name: "verify-config",
  summary:
    "lint the GitOps repo (YAML, Kubernetes, Flux, ESS matrix-stack values, Synapse/MAS/Element config); with --live probe the running stack",
  usage: "verify-config [options] [path...]",
  details: [
    "A single directory argument is the repository root (Flux paths resolve from it); files or several paths",
    "restrict the report within the current directory. SOPS-encrypted values Secrets are decrypted in memory only with an age identity.",
    "",
    "Environment:",
    "  SOPS_AGE_KEY_FILE, SOPS_AGE_KEY   age identities (--age-key-file wins over SOPS_AGE_KEY_FILE); sops'",
    "                                   default keys.txt is also used when it exists",
    "  MXOPS_AGE_KEY_PASSPHRASE         passphrase of a passphrase-protected age key file",
    "",
    "Examples:",
    "  mxops verify-config",
    "  mxops verify-config clusters/ --age-key-file ~/.config/sops/age/keys.txt",
    "  mxops verify-config --values ess-values.yaml --chart-version 26.4.0",
  ].join("\n"),
  options: { ...OWN_OPTIONS, ...LIVE_OPTIONS },
  async toOptions(input: EdgeInput, deps): Promise<VerifyConfigOptions> {
    const v = input.values;
    const options: VerifyConfigOptions = { verbose: v.verbose === true };
    const positionals = input.positionals.filter((p) => p !== "");
    const only = positionals.length === 1 ? path.resolve(input.cwd, positionals[0]) : undefined;
    if (only !== undefined && isDir(only)) options.root = only;
    else {
      options.root = input.cwd;
      if (positionals.length > 0) options.paths = positionals;
    }
    if (typeof v["max-file-size"] === "string")
      options.maxFileSize = parseByteSize(v["max-file-size"], "--max-file-size");
    const changed = str(v.changed);
    if (changed !== undefined) {
      if (changed.startsWith("-")) throw usageError(`--changed takes a git range, not ${JSON.stringify(changed)}`);
      options.changed = changed;
    }
    // Like sops (and sops-check): the key file, SOPS_AGE_KEY and sops' default keys.txt all contribute.
    const keys: AgeKeySource[] = [];
    const keyFile = str(v["age-key-file"]) ?? str(input.env.SOPS_AGE_KEY_FILE);
    if (keyFile !== undefined) keys.push({ origin: keyFile, text: await readKeyFile(keyFile, input.cwd) });
    if (str(input.env.SOPS_AGE_KEY))
      keys.push({ origin: "SOPS_AGE_KEY", text: input.env.SOPS_AGE_KEY as string, multiplePerLine: true });
    const def = defaultAgeKeyFile(input.env, process.platform, input.env.HOME ?? os.homedir());
    if (def && existsSync(def) && (keyFile === undefined || path.resolve(input.cwd, keyFile) !== def))
      keys.push({ origin: def, text: await readKeyFile(def, input.cwd) });
    if (keys.length > 0) options.ageKeys = keys;
    const passphrase = str(input.env.MXOPS_AGE_KEY_PASSPHRASE);
    if (passphrase !== undefined) options.agePassphrase = passphrase;
    const chartVersion = str(v["chart-version"]);
    if (chartVersion !== undefined) {
      if (!/^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(chartVersion))
        throw usageError(`--chart-version must be a version like 26.4.0, not ${JSON.stringify(chartVersion)}`);
      options.chartVersion = chartVersion.replace(/^v/, "");
    }
    // The Action passes a list input as one newline/comma separated value.
    const values = strList(v.values)
      .flatMap((x) => x.split(/\r?\n|,/))
      .map((x) => x.trim())
      .filter((x) => x !== "");
    if (values.length > 0) options.values = values;
    const live = await liveOptionsFrom(input, deps.redactor);
    if (live) options.live = live;
    return options;
  },
  async run(options, deps) {
    const { verifyConfig } = await import("./index.js");
    return verifyConfig(options, deps);
  },
  actionInputs: [
    { input: "paths", positional: true },
    { input: "changed", flag: "changed" },
    { input: "age-key", env: "SOPS_AGE_KEY", secret: true },
    { input: "chart-version", flag: "chart-version" },
    { input: "values", flag: "values" },
    ...LIVE_ACTION_INPUT_MAPPINGS,
  ],
};
