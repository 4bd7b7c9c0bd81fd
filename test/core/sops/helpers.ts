// Test helper: builds sops YAML files like sops does (values, AAD paths, MAC, metadata), with any key groups,
// so tests can cover post-quantum identities, Shamir groups and unsupported recipients that no vector has.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { armor, Encrypter } from "age-encryption";
import { stringify } from "yaml";
import { encryptEnc } from "../../../src/core/sops/value.js";
import { refSplit } from "../../helpers/shamir-vault.js";
import { MAC_ONLY_ENCRYPTED_INIT } from "../../../src/core/sops/engine.js";

export const VECTORS = path.resolve("test/fixtures/sops-vectors");
export const readVector = (p: string) => readFileSync(path.join(VECTORS, p), "utf8");

export interface MakeOptions {
  /** Age recipients per key group (one group unless several are given). Entries may be raw `{recipient, enc}`. */
  groups: Array<Array<string | { recipient: string; enc: string }>>;
  encryptedRegex?: string;
  macOnlyEncrypted?: boolean;
  lastmodified?: string;
  shamirThreshold?: number;
  key?: Buffer;
}

/** Encrypt plain documents into sops YAML text. Returns the text and the data key. */
export async function makeSopsYaml(
  docs: Array<Record<string, unknown>>,
  o: MakeOptions,
): Promise<{ text: string; key: Buffer }> {
  const key = o.key ?? randomBytes(32);
  const lm = o.lastmodified ?? "2026-01-02T03:04:05Z";
  const mac = createHash("sha512");
  if (o.macOnlyEncrypted) mac.update(MAC_ONLY_ENCRYPTED_INIT);
  const re = o.encryptedRegex ? new RegExp(o.encryptedRegex) : undefined;
  const should = (p: string[]) => (re ? p.some((x) => re.test(x)) : !p.some((x) => x.endsWith("_unencrypted")));
  const walk = (v: unknown, p: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, p));
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...p, k])]));
    if (v === null || v === undefined) return v;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only scalars (string, number) get here; sops encrypts their text
    const bytes = typeof v === "boolean" ? (v ? "True" : "False") : String(v);
    const type =
      typeof v === "boolean" ? "bool" : typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : "str";
    const e = should(p);
    if (!o.macOnlyEncrypted || e) mac.update(bytes);
    return e && bytes !== "" ? encryptEnc(bytes, key, `${p.join(":")}:`, type) : v;
  };
  const out = docs.map((d) => walk(d, []) as Record<string, unknown>);
  const parts =
    o.groups.length > 1
      ? refSplit(key, o.groups.length, o.shamirThreshold ?? o.groups.length, (n) => randomBytes(n))
      : [key];
  const groups = await Promise.all(
    o.groups.map(async (g, i) =>
      Promise.all(
        g.map(async (r) => {
          if (typeof r !== "string") return r;
          const e = new Encrypter();
          e.addRecipient(r);
          return { recipient: r, enc: armor.encode(await e.encrypt(parts[i])) };
        }),
      ),
    ),
  );
  const meta: Record<string, unknown> = {};
  if (groups.length === 1) meta.age = groups[0];
  else {
    meta.key_groups = groups.map((g) => ({ age: g }));
    meta.shamir_threshold = o.shamirThreshold ?? groups.length;
  }
  meta.lastmodified = lm;
  meta.mac = encryptEnc(mac.digest("hex").toUpperCase(), key, lm, "str");
  if (o.encryptedRegex) meta.encrypted_regex = o.encryptedRegex;
  if (o.macOnlyEncrypted) meta.mac_only_encrypted = true;
  meta.version = "3.10.2";
  return { text: out.map((d) => stringify({ ...d, sops: meta }, { lineWidth: 0 })).join("---\n"), key };
}
