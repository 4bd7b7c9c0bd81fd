import {
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
} from "node:crypto";
import { armor, Decrypter, identityToRecipient, type Identity, type Stanza } from "age-encryption";
import { MxopsError } from "../errors.js";
import { ageDecryptNative, canonicalBase64, dearmor } from "./age-native.js";
import { bech32Decode, bech32Encode } from "./bech32.js";

const PKCS8_X25519 = Buffer.from("302e020100300506032b656e04220420", "hex");
const SPKI_X25519 = Buffer.from("302a300506032b656e032100", "hex");
const X25519_LABEL = Buffer.from("age-encryption.org/v1/X25519", "utf8");
const ZERO_NONCE = Buffer.alloc(12);

/**
 * An age X25519 identity that unwraps with Node's native X25519, HKDF and ChaCha20-Poly1305 (OpenSSL), plugged
 * into age-encryption through its `Identity` interface. Same contract as age-encryption's own X25519 identity:
 * returns null for stanzas of other keys, throws only for malformed X25519 stanzas.
 */
export class NativeX25519Identity implements Identity {
  readonly recipient: string;
  private readonly priv: KeyObject;
  private readonly pub: Buffer;

  constructor(scalar: Uint8Array) {
    this.priv = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, scalar]), format: "der", type: "pkcs8" });
    this.pub = (createPublicKey(this.priv).export({ format: "der", type: "spki" }) as Buffer).subarray(-32);
    this.recipient = bech32Encode("age", this.pub);
  }

  unwrapFileKey(stanzas: Stanza[]): Uint8Array | null {
    for (const s of stanzas) {
      if (s.args[0] !== "X25519") continue;
      const shareB64 = s.args[1] ?? "";
      if (s.args.length !== 2 || !/^[A-Za-z0-9+/]{43}$/.test(shareB64)) throw new Error("invalid X25519 stanza");
      const share = canonicalBase64(shareB64);
      if (!share) throw new Error("invalid X25519 stanza");
      if (s.body.length !== 32) throw new Error("invalid X25519 stanza");
      const peer = createPublicKey({ key: Buffer.concat([SPKI_X25519, share]), format: "der", type: "spki" });
      const secret = diffieHellman({ privateKey: this.priv, publicKey: peer });
      if (secret.every((b) => b === 0)) throw new Error("invalid X25519 stanza");
      const key = Buffer.from(hkdfSync("sha256", secret, Buffer.concat([share, this.pub]), X25519_LABEL, 32));
      try {
        const d = createDecipheriv("chacha20-poly1305", key, ZERO_NONCE, { authTagLength: 16 });
        d.setAuthTag(s.body.subarray(16));
        return Buffer.concat([d.update(s.body.subarray(0, 16)), d.final()]);
      } catch {
        continue;
      }
    }
    return null;
  }
}

/** One usable identity and the recipient it answers to. */
export interface AgeIdentity {
  recipient: string;
  kind: "x25519" | "pq";
  /** The identity object (or the identity string for post-quantum keys, parsed by age-encryption). */
  identity: Identity | string;
}

/** The identities mxops can decrypt with; never serialised, never logged. */
export interface AgeIdentities {
  list: AgeIdentity[];
}

/** Where identities come from: a label for messages (env var name or file path) and the text. */
export interface AgeKeySource {
  origin: string;
  text: string;
  /** SOPS_AGE_KEY allows several whitespace-separated identities per line; files do not. */
  multiplePerLine?: boolean;
}

async function parseIdentityLine(word: string, origin: string, lineNo: number): Promise<AgeIdentity> {
  if (word.startsWith("AGE-SECRET-KEY-PQ-1")) {
    const d = bech32Decode(word);
    if (!d || d.prefix !== "age-secret-key-pq-" || d.bytes.length !== 32)
      throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not a valid age post-quantum identity`);
    return { recipient: await identityToRecipient(word), kind: "pq", identity: word };
  }
  if (word.startsWith("AGE-SECRET-KEY-1")) {
    const d = bech32Decode(word);
    if (!d || d.prefix !== "age-secret-key-" || d.bytes.length !== 32)
      throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not a valid age identity`);
    const id = new NativeX25519Identity(d.bytes);
    return { recipient: id.recipient, kind: "x25519", identity: id };
  }
  if (word.startsWith("AGE-PLUGIN-"))
    throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo}: age plugin identities are not supported`);
  throw new MxopsError("MXOPS_INPUT", `${origin}: line ${lineNo} is not an age identity (unknown identity type)`);
}

/**
 * Parse age identities like sops does: one identity per line (`#` comments and empty lines skipped; several per
 * line only for SOPS_AGE_KEY); X25519 `AGE-SECRET-KEY-1…` and post-quantum `AGE-SECRET-KEY-PQ-1…`. A source that
 * is itself an age file (binary or armored, e.g. a passphrase-protected key file) is decrypted with
 * `options.passphrase` first. Every identity string is passed to `options.onSecret` before anything else.
 * Throws MxopsError MXOPS_INPUT naming the source (never its content) for malformed keys, a missing or wrong
 * passphrase, or an OpenSSH private key (age-encryption has no ssh-ed25519/ssh-rsa support).
 */
export async function loadAgeIdentities(
  sources: readonly AgeKeySource[],
  options: { passphrase?: string; onSecret?: (s: string) => void } = {},
): Promise<AgeIdentities> {
  const list: AgeIdentity[] = [];
  for (const src of sources) {
    let text = src.text;
    const head = text.trimStart();
    if (head.startsWith("age-encryption.org/") || head.startsWith("-----BEGIN AGE ENCRYPTED FILE-----")) {
      if (options.passphrase === undefined || options.passphrase === "") {
        throw new MxopsError(
          "MXOPS_INPUT",
          `${src.origin}: the age key file is passphrase-protected; set MXOPS_AGE_KEY_PASSPHRASE`,
        );
      }
      options.onSecret?.(options.passphrase);
      try {
        const bytes = head.startsWith("-----BEGIN") ? armor.decode(text) : Buffer.from(text, "latin1");
        const d = new Decrypter();
        d.addPassphrase(options.passphrase);
        text = await d.decrypt(bytes, "text");
      } catch {
        throw new MxopsError(
          "MXOPS_INPUT",
          `${src.origin}: cannot decrypt the passphrase-protected age key file (wrong passphrase or damaged file)`,
        );
      }
    }
    if (/-----BEGIN (OPENSSH|RSA|EC) PRIVATE KEY-----/.test(text)) {
      throw new MxopsError(
        "MXOPS_INPUT",
        `${src.origin}: SSH private keys cannot be used as age identities by mxops (unsupported key type)`,
      );
    }
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === "" || line.startsWith("#")) continue;
      const words = src.multiplePerLine ? line.split(/\s+/).filter((w) => w !== "") : [line.trim()];
      for (const w of words) {
        options.onSecret?.(w);
        list.push(await parseIdentityLine(w, src.origin, i + 1));
      }
    }
  }
  return { list };
}

/** Kinds of age recipients as sops reads them. */
export function recipientKind(r: string): "x25519" | "pq" | "ssh" | "plugin" | "unknown" {
  if (r.startsWith("age1pq1")) return "pq";
  if (r.startsWith("age1") && r.split("1").length - 1 > 1) return "plugin";
  if (r.startsWith("age1")) return "x25519";
  if (r.startsWith("ssh-")) return "ssh";
  return "unknown";
}

/**
 * Decrypt an age message with the given identities: armored text (a sops `enc`) or binary bytes. Returns the
 * plaintext (the data key or its Shamir part) or undefined when no identity opens it or the message is malformed.
 * With X25519 identities only, the fast reader in age-native.ts goes first; whatever it does not handle (another
 * armor layout, other stanzas, several chunks) goes to age-encryption. Both are held to the C2SP/CCTV age vectors
 * and to a differential test in test/core/sops/age-native.test.ts.
 */
export async function ageDecrypt(
  enc: string | Uint8Array,
  identities: readonly AgeIdentity[],
): Promise<Uint8Array | undefined> {
  if (identities.length === 0) return undefined;
  const native = identities
    .filter((i) => i.identity instanceof NativeX25519Identity)
    .map((i) => i.identity as NativeX25519Identity);
  if (native.length === identities.length) {
    const file = typeof enc === "string" ? dearmor(enc) : Buffer.from(enc);
    if (file) {
      const r = ageDecryptNative(file, native);
      if (r !== undefined) return r ?? undefined;
    }
  }
  try {
    const bytes = typeof enc === "string" ? armor.decode(enc) : enc;
    const d = new Decrypter();
    for (const id of identities) d.addIdentity(id.identity);
    return await d.decrypt(bytes);
  } catch {
    return undefined;
  }
}
