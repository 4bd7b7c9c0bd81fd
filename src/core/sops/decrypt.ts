import { getOwn, setOwn } from "../own.js";
import type { Document } from "yaml";
import type { AgeIdentities } from "./age.js";
import { envelopeMetadata, loadEnvelope, verifyWithKey } from "./engine.js";
import { unwrapDataKey, type UnwrapFailure } from "./keys.js";
import { parseSopsYamlDocs } from "./stores/yaml.js";
import type { Envelope, SopsFormat } from "./tree.js";
import type { Plain } from "./value.js";

/** Why a file could not be decrypted and verified (never carries plaintext). */
export type DecryptFailureReason =
  | "parse-error"
  | "not-encrypted"
  | "metadata-invalid"
  | UnwrapFailure
  | "value-corrupt"
  | "mac-mismatch"
  | "plaintext-value";

export type DecryptResult =
  { ok: true; docs: unknown[] } | { ok: false; reason: DecryptFailureReason; message: string };

function plainValue(p: Plain): unknown {
  const v = p.value;
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Buffer.isBuffer(v)) return v.toString("utf8");
  if (v instanceof Date) return p.macBytes.toString("utf8");
  return v;
}

function normalise(v: unknown): unknown {
  if (typeof v === "bigint")
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(o, k, normalise(x));
    return o;
  }
  return v;
}

function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) cur = getOwn(cur, path[i]) as Record<string | number, unknown>;
  if (cur && typeof cur === "object" && path.length > 0) setOwn(cur, String(path[path.length - 1]), value);
}

function buildDocs(env: Envelope, docs: readonly Document.Parsed[] | undefined, plain: Map<unknown, Plain>): unknown[] {
  if (env.format === "dotenv") {
    const o: Record<string, unknown> = {};
    for (const l of env.leaves)
      if (l.kind !== "comment") setOwn(o, String(l.path[0]), plain.has(l) ? plainValue(plain.get(l)!) : l.value);
    return [o];
  }
  const out = (docs ?? []).map((d) => {
    const js = normalise(d.toJS({ maxAliasCount: 1000 })) as Record<string, unknown> | null;
    if (js && typeof js === "object") delete js.sops;
    return js;
  });
  for (const [leaf, p] of plain) {
    const l = leaf as Envelope["leaves"][number];
    if (l.kind === "comment") continue;
    setAt(out[l.doc], l.keyPath, plainValue(p));
  }
  return out;
}

/**
 * Decrypt a sops file in memory and verify it exactly as `sops decrypt` would (data key from the age identities
 * or `options.dataKey`, every value, the MAC). On success returns the plaintext documents (YAML: one per
 * document, without the `sops` key). Plaintext is only ever returned to the caller, never logged, never put in
 * `message`. Never throws for bad input.
 */
export async function decryptSopsFile(
  text: string,
  format: SopsFormat,
  identities: AgeIdentities | undefined,
  options: { dataKey?: Buffer; docs?: readonly Document.Parsed[] } = {},
): Promise<DecryptResult> {
  let docs = options.docs;
  if (!docs && (format === "yaml" || format === "json" || format === "binary")) docs = parseSopsYamlDocs(text);
  const env = loadEnvelope(text, format, docs);
  if (env.errors.length > 0)
    return { ok: false, reason: "parse-error", message: `cannot parse the file: ${env.errors[0].message}` };
  const { metadata, problems } = envelopeMetadata(env);
  if (!metadata) return { ok: false, reason: "not-encrypted", message: "the file has no sops metadata" };
  const fatal = problems.find((p) => p.rule !== "metadata-invalid" || !p.message.startsWith("unknown"));
  if (fatal) return { ok: false, reason: "metadata-invalid", message: fatal.message };
  let key = options.dataKey;
  if (!key) {
    const r = await unwrapDataKey(metadata, identities ?? { list: [] });
    if (!r.ok) return { ok: false, reason: r.reason, message: r.message };
    key = r.key;
  }
  const v = verifyWithKey(env, metadata, key);
  if (v.corrupt.length > 0)
    return {
      ok: false,
      reason: "value-corrupt",
      message: `${v.corrupt.length} value(s) do not decrypt with the file's data key`,
    };
  if (v.status === "incomplete")
    return { ok: false, reason: "plaintext-value", message: "a value that must be encrypted is in plaintext" };
  if (v.status !== "ok")
    return {
      ok: false,
      reason: "mac-mismatch",
      message: v.status === "no-mac" ? "the file has no MAC" : "the MAC does not match the file's content",
    };
  return { ok: true, docs: buildDocs(env, docs, v.plain) };
}

/** {@link decryptSopsFile} for YAML text (multi-document). */
export function decryptSopsYaml(
  text: string,
  identities: AgeIdentities | undefined,
  options: { dataKey?: Buffer } = {},
): Promise<DecryptResult> {
  return decryptSopsFile(text, "yaml", identities, options);
}
