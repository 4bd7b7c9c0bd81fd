import { usageError } from "./errors.js";

/**
 * Parse a byte size such as `4194304`, `512k`, `8M`, `1GiB` (binary units). Throws MXOPS_USAGE naming `option`.
 */
export function parseByteSize(s: string, option: string): number {
  const m = /^(\d+)\s*([kKmMgG]i?[bB]?|[bB])?$/.exec(s.trim());
  if (!m) throw usageError(`${option} must be a size like 4194304, 512k or 8M, not ${JSON.stringify(s)}`);
  const unit = (m[2] ?? "").toLowerCase()[0];
  const mult = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  return Number(m[1]) * mult;
}
