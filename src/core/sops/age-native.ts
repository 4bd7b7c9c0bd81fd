import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { Stanza } from "age-encryption";

// A small age v1 reader for sops data keys, entirely on node:crypto (OpenSSL). age-encryption parses headers
// through Web streams and runs HMAC/ChaCha20 in pure JS, which costs about 1 ms per file; a sops `enc` is a tiny
// armored message, so parsing it directly is both simple and ~5× faster. Anything unusual (scrypt, other stanza
// types, several chunks) returns undefined and the caller falls back to age-encryption. It is kept only while it
// agrees with age-encryption on every C2SP/CCTV age vector and on generated files (test/core/sops/age-native.test.ts).

const INTRO = "age-encryption.org/v1\n";

/**
 * Decode unpadded standard base64 as the age header uses it, only in its canonical form (the form a re-encode gives:
 * no padding, no stray bits in the last character); undefined otherwise. Lenient decoding would let two different
 * header texts carry the same bytes, which the age spec forbids.
 */
export function canonicalBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64").replace(/=+$/, "") === text ? bytes : undefined;
}

/**
 * Decode an armored age file (the strict PEM subset of the age spec); undefined when malformed. Whitespace around
 * the armor and CRLF line ends are accepted; inside it, every line but the last holds exactly 64 characters, the last
 * 1 to 64, and the base64 must be canonical (padded, no stray bits).
 */
export function dearmor(text: string): Buffer | undefined {
  const lines = text.trim().split(/\r?\n/);
  if (
    lines.length < 3 ||
    lines[0] !== "-----BEGIN AGE ENCRYPTED FILE-----" ||
    lines[lines.length - 1] !== "-----END AGE ENCRYPTED FILE-----"
  )
    return undefined;
  const body = lines.slice(1, -1);
  const last = body.length - 1;
  if (body.some((l, i) => (i < last ? l.length !== 64 : l.length === 0 || l.length > 64))) return undefined;
  const joined = body.join("");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(joined) || joined.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(joined, "base64");
  return bytes.toString("base64") === joined ? bytes : undefined;
}

interface Header {
  stanzas: Array<{ args: string[]; body: Buffer }>;
  /** Bytes covered by the header MAC (up to and including "---"). */
  macInput: Buffer;
  mac: Buffer;
  payloadStart: number;
}

function parseHeader(file: Buffer): Header | undefined {
  const nl = (from: number) => file.indexOf(0x0a, from);
  if (file.subarray(0, INTRO.length).toString("latin1") !== INTRO) return undefined;
  let pos = INTRO.length;
  const stanzas: Header["stanzas"] = [];
  for (;;) {
    const end = nl(pos);
    if (end === -1) return undefined;
    const line = file.subarray(pos, end).toString("latin1");
    if (line.startsWith("--- ")) {
      const mac = canonicalBase64(line.slice(4));
      if (!mac || mac.length !== 32) return undefined;
      return { stanzas, macInput: file.subarray(0, pos + 3), mac, payloadStart: end + 1 };
    }
    if (!line.startsWith("-> ")) return undefined;
    const args = line.slice(3).split(" ");
    pos = end + 1;
    const chunks: Buffer[] = [];
    for (;;) {
      const e = nl(pos);
      if (e === -1) return undefined;
      const l = file.subarray(pos, e).toString("latin1");
      const bytes = l.length > 64 ? undefined : canonicalBase64(l);
      if (!bytes) return undefined;
      chunks.push(bytes);
      pos = e + 1;
      if (l.length < 64) break;
    }
    stanzas.push({ args, body: Buffer.concat(chunks) });
  }
}

/** Something that can unwrap a file key from stanzas synchronously (the native X25519 identity). */
export interface SyncIdentity {
  unwrapFileKey(stanzas: Stanza[]): Uint8Array | null;
}

/**
 * Decrypt a small single-chunk age file (such as a sops data key) with node:crypto. Returns the plaintext, null
 * when no identity matches or authentication fails, or undefined when the file needs the general decrypter
 * (unknown layout, several chunks).
 */
export function ageDecryptNative(file: Buffer, identities: readonly SyncIdentity[]): Uint8Array | null | undefined {
  const h = parseHeader(file);
  if (!h) return undefined;
  if (h.stanzas.some((s) => s.args[0] !== "X25519")) return undefined;
  let fileKey: Uint8Array | null = null;
  for (const id of identities) {
    try {
      fileKey = id.unwrapFileKey(h.stanzas);
    } catch {
      return null;
    }
    if (fileKey) break;
  }
  if (!fileKey) return null;
  const hmacKey = Buffer.from(hkdfSync("sha256", fileKey, Buffer.alloc(0), "header", 32));
  const mac = createHmac("sha256", hmacKey).update(h.macInput).digest();
  if (!timingSafeEqual(mac, h.mac)) return null;
  const nonce = file.subarray(h.payloadStart, h.payloadStart + 16);
  const payload = file.subarray(h.payloadStart + 16);
  if (nonce.length !== 16 || payload.length < 16 || payload.length > 64 * 1024 + 16) return undefined;
  const key = Buffer.from(hkdfSync("sha256", fileKey, nonce, "payload", 32));
  const chunkNonce = Buffer.alloc(12);
  chunkNonce[11] = 1; // first and last chunk
  try {
    const d = createDecipheriv("chacha20-poly1305", key, chunkNonce, { authTagLength: 16 });
    d.setAuthTag(payload.subarray(payload.length - 16));
    const out = Buffer.concat([d.update(payload.subarray(0, payload.length - 16)), d.final()]);
    // The one chunk read here is the final chunk (nonce flag 1), so the rule that only an empty payload may end in
    // an empty chunk holds by construction; multi-chunk payloads were deferred above.
    return out;
  } catch {
    return null;
  }
}
