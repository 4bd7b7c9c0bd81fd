import { readSmallFile } from "../../../core/fsx.js";
import net from "node:net";
import path from "node:path";
import { inputError, usageError } from "../../../core/errors.js";
import { parseResolveTarget } from "../../../core/http.js";
import type { Redactor } from "../../../core/redact.js";
import type { ActionInputMapping, EdgeInput, OptionSpec } from "../../types.js";
import type { LiveOptions } from "./types.js";

/** Default deadline of one probe request (connect to last byte). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** CLI options of the live probes; verify-config merges them into its own. */
export const LIVE_OPTION_SPECS: Record<string, OptionSpec> = {
  live: {
    type: "boolean",
    help: "also probe the running stack over HTTPS (well-knowns, MAS, MatrixRTC, upstream OIDC)",
  },
  "server-name": {
    type: "string",
    help: "Matrix server name to probe (default: serverName from the repo's values)",
    arg: "NAME",
  },
  resolve: {
    type: "string",
    multiple: true,
    help: "connect HOST:PORT to ADDR instead of DNS, like curl (ADDR may carry a port, e.g. 127.0.0.1:8443); repeatable",
    arg: "HOST:PORT:ADDR",
  },
  "ca-file": {
    type: "string",
    help: "PEM file of an extra CA to trust (TLS verification is never switched off)",
    arg: "FILE",
  },
  timeout: {
    type: "string",
    help: `deadline of each probe request in ms, connect to last byte (default ${DEFAULT_TIMEOUT_MS})`,
    arg: "MS",
  },
};

/** Action inputs of the live probes (AUTHENTIK_TOKEN travels as a masked env var, never as a flag). */
export const LIVE_ACTION_INPUT_MAPPINGS: ActionInputMapping[] = [
  { input: "live", flag: "live", boolean: true },
  { input: "server-name", flag: "server-name" },
  { input: "resolve", flag: "resolve" },
  { input: "ca-file", flag: "ca-file" },
  { input: "timeout", flag: "timeout" },
  { input: "authentik-token", env: "AUTHENTIK_TOKEN", secret: true },
];

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

/**
 * Parse one `--resolve HOST:PORT:ADDR` entry (IPv6 in brackets, ADDR optionally with a port).
 * Throws MXOPS_USAGE when malformed.
 */
export function parseResolveEntry(entry: string): [key: string, address: string] {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5}):(.+)$/.exec(entry.trim());
  if (!m)
    throw usageError(`--resolve ${JSON.stringify(entry)}: expected HOST:PORT:ADDR, e.g. example.org:443:127.0.0.1`);
  const host = m[1].replace(/^\[|\]$/g, "").toLowerCase();
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw usageError(`--resolve ${JSON.stringify(entry)}: port ${m[2]} is out of range`);
  // curl accepts a comma-separated list; the first address is the one used.
  const addr = m[3].split(",")[0].trim();
  const target = parseResolveTarget(addr)!;
  if (!net.isIP(target.address))
    throw usageError(`--resolve ${JSON.stringify(entry)}: ${target.address} is not an IP address`);
  if (target.port !== undefined && (Number(target.port) < 1 || Number(target.port) > 65535)) {
    throw usageError(`--resolve ${JSON.stringify(entry)}: port ${target.port} is out of range`);
  }
  return [`${host}:${port}`, addr];
}

/** A Matrix server name: a DNS name or IP literal with an optional port. Throws MXOPS_USAGE otherwise. */
export function checkServerName(name: string): string {
  const n = name.trim();
  const ok = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(n) && !n.startsWith(".") && !n.includes("..");
  if (!ok) throw usageError(`--server-name ${JSON.stringify(name)} is not a Matrix server name (host[:port])`);
  return n;
}

/**
 * Read the live-probe options from argv values and env. Undefined when `--live` was not given.
 * AUTHENTIK_TOKEN is registered with the redactor (when given) before anything else can print it.
 * Throws MXOPS_USAGE for malformed options and MXOPS_INPUT for an unreadable or non-PEM --ca-file.
 */
export async function parseLiveOptions(input: EdgeInput, redactor?: Redactor): Promise<LiveOptions | undefined> {
  const v = input.values;
  const token = input.env.AUTHENTIK_TOKEN?.trim();
  if (token) redactor?.add(token);
  if (v.live !== true) {
    for (const flag of ["server-name", "resolve", "ca-file", "timeout"]) {
      if (v[flag] !== undefined) throw usageError(`--${flag} only applies together with --live`);
    }
    return undefined;
  }
  const resolve: Record<string, string> = {};
  for (const entry of strings(v.resolve)) {
    const [key, addr] = parseResolveEntry(entry);
    resolve[key] = addr;
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (typeof v.timeout === "string") {
    if (!/^\d+$/.test(v.timeout.trim()) || Number(v.timeout) < 1 || Number(v.timeout) > 600_000) {
      throw usageError(
        `--timeout must be a number of milliseconds between 1 and 600000, not ${JSON.stringify(v.timeout)}`,
      );
    }
    timeoutMs = Number(v.timeout);
  }
  const options: LiveOptions = { resolve, timeoutMs, verbose: v.verbose === true };
  if (typeof v["server-name"] === "string") options.serverName = checkServerName(v["server-name"]);
  if (typeof v["ca-file"] === "string") {
    const file = path.resolve(input.cwd, v["ca-file"]);
    let pem: string;
    try {
      pem = await readSmallFile(file);
    } catch (e) {
      throw inputError(v["ca-file"], "cannot read the CA file", e);
    }
    if (!pem.includes("-----BEGIN CERTIFICATE-----"))
      throw inputError(v["ca-file"], "is not a PEM certificate (no BEGIN CERTIFICATE block)");
    options.ca = pem;
  }
  if (token) options.authentikToken = token;
  return options;
}
