import { createHash } from "node:crypto";
import type { Document } from "yaml";
import { shouldBeEncrypted } from "./crypt.js";
import { parseMetadata, type MetadataProblem, type SopsMetadata } from "./metadata.js";
import { dotenvEnvelope } from "./stores/dotenv.js";
import { parseSopsYamlDocs, yamlEnvelope } from "./stores/yaml.js";
import type { Envelope, Leaf, SopsFormat } from "./tree.js";
import { decryptEnc, goFormatFloat, looksEncrypted, parseEnc, type Plain } from "./value.js";

/** sops' MACOnlyEncryptedInitialization: hashed first when `mac_only_encrypted` is set. */
export const MAC_ONLY_ENCRYPTED_INIT = Buffer.from(
  "8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69",
  "hex",
);

/**
 * Load a file as the sops store for `format` reads it. `docs` lets a caller that already parsed the YAML
 * (with SOPS_YAML_OPTIONS) avoid a second parse. JSON and the binary store are parsed as YAML (a JSON
 * superset) to keep key order and positions. INI is not supported (returns an envelope with an error).
 */
export function loadEnvelope(text: string, format: SopsFormat, docs?: readonly Document.Parsed[]): Envelope {
  if (format === "dotenv") return dotenvEnvelope(text);
  if (format === "ini") {
    const env = yamlEnvelope("", []);
    env.format = "ini";
    env.errors.push({ message: "the INI store is not supported by mxops", offset: 0 });
    return env;
  }
  const env = yamlEnvelope(text, docs ?? parseSopsYamlDocs(text));
  env.format = format;
  return env;
}

/** Leaves the crypt rule says must be encrypted but are not well-formed ENC values. */
export interface LeafCheck {
  /** Plaintext where sops would have written ENC[…] (strings, numbers, booleans). */
  plaintext: Leaf[];
  /** Starts like ENC[ but is not a well-formed sops value. */
  malformed: Leaf[];
  /** Comments sops would have encrypted but are in clear (sops tolerates these; not covered by the MAC). */
  plaintextComments: Leaf[];
}

/** Check every leaf against the file's crypt rule, without any key. */
export function checkLeaves(env: Envelope, meta: Pick<SopsMetadata, "crypt">): LeafCheck {
  const out: LeafCheck = { plaintext: [], malformed: [], plaintextComments: [] };
  for (const leaf of env.leaves) {
    if (leaf.kind === "null") continue;
    const isComment = leaf.kind === "comment";
    if (!shouldBeEncrypted(meta, leaf.path, leaf.comments, isComment)) continue;
    if (leaf.kind === "str" || isComment) {
      const s = leaf.value as string;
      if (s === "") continue; // sops leaves empty strings as they are
      if (parseEnc(s) && (isComment || !s.endsWith("type:comment]"))) continue;
      if (looksEncrypted(s)) out.malformed.push(leaf);
      else if (isComment) out.plaintextComments.push(leaf);
      else out.plaintext.push(leaf);
    } else {
      out.plaintext.push(leaf);
    }
  }
  return out;
}

function rawBytes(leaf: Leaf): Buffer {
  const v = leaf.value;
  if (typeof v === "string") return Buffer.from(v, "utf8");
  if (typeof v === "bigint") return Buffer.from(v.toString(), "utf8");
  if (typeof v === "number") return Buffer.from(goFormatFloat(v), "utf8");
  if (typeof v === "boolean") return Buffer.from(v ? "True" : "False", "utf8");
  return Buffer.alloc(0);
}

/** Outcome of decrypting a file with its data key and checking the MAC. */
export interface MacResult {
  /** "ok", "mismatch" (computed ≠ stored), "mac-undecryptable" (stored MAC does not open with the data key
   * and lastmodified as AAD), "incomplete" (a value could not be decrypted, so no MAC could be computed). */
  status: "ok" | "mismatch" | "mac-undecryptable" | "incomplete" | "no-mac";
  /** Leaves whose ENC value does not decrypt (wrong key, edited ciphertext, wrong path, bad type). */
  corrupt: Leaf[];
  /** Decrypted values by leaf (memory only). */
  plain: Map<Leaf, Plain>;
  /** The MAC computed over the content (uppercase hex SHA-512), when every value decrypted. */
  computed?: string;
}

/**
 * Decrypt every encrypted leaf with the data key and recompute the MAC exactly like sops' Tree.Decrypt:
 * SHA-512 over the bytes of every non-comment, non-null leaf in walk order (only encrypted ones with
 * `mac_only_encrypted`, after the fixed prefix), uppercase hex, compared with the stored MAC decrypted with
 * AAD = lastmodified in RFC 3339. Encrypted comments are decrypted too (a failure is tolerated, as in sops).
 */
export function verifyWithKey(env: Envelope, meta: SopsMetadata, key: Buffer): MacResult {
  const result: MacResult = { status: "ok", corrupt: [], plain: new Map() };
  const hash = createHash("sha512");
  if (meta.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_INIT);
  let complete = true;
  for (const leaf of env.leaves) {
    if (leaf.kind === "null") continue;
    const isComment = leaf.kind === "comment";
    const encrypted = shouldBeEncrypted(meta, leaf.path, leaf.comments, isComment);
    let bytes: Buffer;
    if (encrypted) {
      const s = leaf.value;
      if (typeof s !== "string") {
        complete = false; // sops: "Expected encrypted value as string" (reported as plaintext)
        continue;
      }
      if (s === "") bytes = Buffer.alloc(0);
      else {
        const p = decryptEnc(s, key, `${leaf.path.join(":")}:`);
        if (typeof p === "string") {
          if (isComment) continue; // sops assumes such a comment was never encrypted
          if (looksEncrypted(s)) result.corrupt.push(leaf);
          complete = false;
          continue;
        }
        result.plain.set(leaf, p);
        bytes = p.macBytes;
      }
    } else bytes = rawBytes(leaf);
    if (isComment) continue;
    if (!meta.macOnlyEncrypted || encrypted) hash.update(bytes);
  }
  if (!complete) {
    result.status = "incomplete";
    return result;
  }
  if (!meta.mac) {
    result.status = "no-mac";
    result.computed = hash.digest("hex").toUpperCase();
    return result;
  }
  const computed = hash.digest("hex").toUpperCase();
  result.computed = computed;
  const stored = meta.macAad === undefined ? "auth" : decryptEnc(meta.mac, key, meta.macAad);
  if (typeof stored === "string") result.status = "mac-undecryptable";
  else if (typeof stored.value !== "string" || stored.value !== computed) result.status = "mismatch";
  return result;
}

/** Parse and validate the metadata of an envelope; problems include "sops metadata not found". */
export function envelopeMetadata(env: Envelope): { metadata?: SopsMetadata; problems: MetadataProblem[] } {
  if (env.metadata === undefined) return { problems: [] };
  return parseMetadata(env.metadata);
}
