import { ageDecrypt, recipientKind, type AgeIdentities, type AgeIdentity } from "./age.js";
import type { KeySource, SopsMetadata } from "./metadata.js";
import { shamirCombine } from "./shamir.js";

/** Why no data key could be recovered. */
export type UnwrapFailure =
  /** No key group has an age recipient (PGP/KMS/Vault only): mxops cannot use any of them. */
  | "no-usable-key"
  /** The only age recipients are types age-encryption cannot open (ssh-ed25519, ssh-rsa, plugins). */
  | "unsupported-recipient"
  /** Age recipients exist, but none of the given identities opens them. */
  | "no-matching-identity"
  /** Key groups decrypted but fewer than the Shamir threshold, or the parts do not combine. */
  | "shamir-failed";

export type UnwrapResult = { ok: true; key: Buffer } | { ok: false; reason: UnwrapFailure; message: string };

function classify(group: readonly KeySource[]): UnwrapFailure {
  const age = group.filter<Extract<KeySource, { type: "age" }>>((k) => k.type === "age");
  if (age.length === 0) return "no-usable-key";
  if (age.every((k) => ["ssh", "plugin", "unknown"].includes(recipientKind(k.recipient))))
    return "unsupported-recipient";
  return "no-matching-identity";
}

async function unwrapGroup(group: readonly KeySource[], ids: AgeIdentities): Promise<Uint8Array | undefined> {
  const age = group.filter<Extract<KeySource, { type: "age" }>>((k) => k.type === "age");
  // Fast path: the identity whose recipient is written next to the enc. Then, like sops (which tries every
  // identity on every stanza), all identities on every age entry, so an edited `recipient` field does not hide
  // a key that still opens the file.
  for (const k of age) {
    const match = ids.list.filter((i) => i.recipient === k.recipient);
    if (match.length === 0) continue;
    const part = await ageDecrypt(k.enc, match);
    if (part) return part;
  }
  const others: AgeIdentity[] = ids.list;
  for (const k of age) {
    if (ids.list.some((i) => i.recipient === k.recipient)) continue;
    const part = await ageDecrypt(k.enc, others);
    if (part) return part;
  }
  return undefined;
}

/**
 * Recover the data key like sops' GetDataKey: one part per key group (any key of the group), and with more
 * than one group a Shamir combination of at least `shamir_threshold` parts. Only age keys are used.
 */
export async function unwrapDataKey(
  meta: Pick<SopsMetadata, "groups" | "shamirThreshold">,
  ids: AgeIdentities,
): Promise<UnwrapResult> {
  const parts: Uint8Array[] = [];
  const failures: UnwrapFailure[] = [];
  for (const g of meta.groups) {
    const part = await unwrapGroup(g, ids);
    if (part) parts.push(part);
    else failures.push(classify(g));
  }
  const worst = (): UnwrapFailure =>
    failures.includes("no-matching-identity")
      ? "no-matching-identity"
      : failures.includes("unsupported-recipient")
        ? "unsupported-recipient"
        : "no-usable-key";
  if (meta.groups.length <= 1) {
    const p = parts[0];
    if (p && p.length === 32) return { ok: true, key: Buffer.from(p) };
    const reason = failures.length > 0 ? worst() : "no-usable-key";
    return { ok: false, reason, message: messageFor(reason) };
  }
  const threshold = meta.shamirThreshold > 0 ? meta.shamirThreshold : meta.groups.length;
  if (parts.length < threshold) {
    const reason = parts.length === 0 ? worst() : "shamir-failed";
    return {
      ok: false,
      reason,
      message: `${parts.length} of ${meta.groups.length} key groups opened, ${threshold} needed (Shamir threshold); ${messageFor(worst())}`,
    };
  }
  const key = await shamirCombine(parts.slice(0, Math.max(threshold, 2)));
  if (!key || key.length !== 32)
    return {
      ok: false,
      reason: "shamir-failed",
      message: "the Shamir parts of the key groups do not combine into a data key",
    };
  return { ok: true, key: Buffer.from(key) };
}

function messageFor(reason: UnwrapFailure): string {
  switch (reason) {
    case "no-usable-key":
      return "the file has no age recipient (only PGP/KMS/Vault keys), so mxops has no usable key for it";
    case "unsupported-recipient":
      return "the file's age recipients are of a type mxops cannot decrypt (ssh-ed25519/ssh-rsa or an age plugin)";
    case "no-matching-identity":
      return "none of the given age identities matches a recipient of the file";
    case "shamir-failed":
      return "the Shamir key groups could not be combined";
  }
}
