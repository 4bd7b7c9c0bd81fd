import { isIP } from "node:net";

/**
 * Format checks that follow how MAS itself parses each value (Rust `url::Url`, lettre `Mailbox`,
 * `std::net::IpAddr`, its `Hostname` type), instead of a generic validator's stricter defaults.
 * Integer formats (uint16, …) only carry bounds, which the schema also states with minimum/maximum.
 */

/** An absolute URL with a scheme, as `url::Url::parse` accepts. */
export function isMasUrl(s: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

const ADDR = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;

/**
 * A mailbox as lettre parses it: `user@example.org`, `Name <user@example.org>` or
 * `"Quoted, Name" <user@example.org>`.
 */
export function isMailbox(s: string): boolean {
  const v = s.trim();
  if (ADDR.test(v)) return true;
  const m = /^(?:"(?:[^"\\]|\\.)*"|[^<>"]*)\s*<([^<>]+)>$/.exec(v);
  return m !== null && ADDR.test(m[1].trim());
}

/** A DNS name (labels of letters, digits, hyphens; optional trailing dot) or an IP literal. */
export function isHostname(s: string): boolean {
  if (isIP(s) !== 0) return true;
  if (s.length === 0 || s.length > 253) return false;
  return s
    .replace(/\.$/, "")
    .split(".")
    .every((l) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l) || /^[A-Za-z0-9_]$/.test(l));
}

/** Format name → validator, registered with ajv for the MAS schema. */
export const MAS_FORMATS: Record<string, { type: "string" | "number"; validate: (v: never) => boolean }> = {
  uri: { type: "string", validate: (v: string) => isMasUrl(v) },
  email: { type: "string", validate: (v: string) => isMailbox(v) },
  ip: { type: "string", validate: (v: string) => isIP(v) !== 0 },
  hostname: { type: "string", validate: (v: string) => isHostname(v) },
  uint: { type: "number", validate: () => true },
  uint8: { type: "number", validate: () => true },
  uint16: { type: "number", validate: () => true },
  uint32: { type: "number", validate: () => true },
  uint64: { type: "number", validate: () => true },
  double: { type: "number", validate: () => true },
  float: { type: "number", validate: () => true },
};
