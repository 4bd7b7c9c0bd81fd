import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Value types sops writes in the `type:` field of an ENC[...] value. */
export type SopsValueType = "str" | "int" | "float" | "bytes" | "bool" | "time" | "comment";

/** The parts of a well-formed `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` value. */
export interface EncValue {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: SopsValueType;
}

// Stricter than sops' own parse regex (which is unanchored at the end and accepts any text per field):
// a value mxops calls well-formed is one sops can parse and one that can only come from sops.
const B64 = "[A-Za-z0-9+/]*={0,2}";
const ENC_RE = new RegExp(
  `^ENC\\[AES256_GCM,data:(${B64}),iv:(${B64}),tag:(${B64}),type:(str|int|float|bytes|bool|time|comment)\\]$`,
);

/** True when the string starts like an ENC value (so a malformed one is "corrupt", not "plaintext"). */
export function looksEncrypted(s: string): boolean {
  return s.startsWith("ENC[");
}

/** Parse an ENC value; undefined when it is not well-formed (bad shape, empty data/iv, 16-byte tag missing). */
export function parseEnc(s: string): EncValue | undefined {
  const m = ENC_RE.exec(s);
  if (!m) return undefined;
  const [, data = "", iv = "", tag = "", type = "str"] = m;
  if (data.length === 0 || iv.length === 0 || data.length % 4 !== 0 || iv.length % 4 !== 0 || tag.length % 4 !== 0)
    return undefined;
  const out = {
    data: Buffer.from(data, "base64"),
    iv: Buffer.from(iv, "base64"),
    tag: Buffer.from(tag, "base64"),
    type: type as SopsValueType,
  };
  if (out.tag.length !== 16 || out.iv.length === 0) return undefined;
  return out;
}

/** A decrypted leaf: the typed value and the bytes sops feeds into the MAC for it. */
export interface Plain {
  value: string | number | bigint | boolean | Date | Buffer;
  type: SopsValueType;
  /** `sops.ToBytes` of the decrypted value. */
  macBytes: Buffer;
}

/** Why a value could not be decrypted (never contains plaintext). */
export type DecryptFailure = "malformed" | "auth" | "type";

/**
 * Decrypt one ENC value with the data key and AAD (`path.join(":") + ":"`, or the RFC 3339 lastmodified for the
 * MAC). Returns the typed value like sops' aes cipher (int → Atoi, float → ParseFloat, bool → ParseBool), or a
 * failure kind. Plaintext stays in the returned object only.
 */
export function decryptEnc(s: string, key: Buffer, aad: string): Plain | DecryptFailure {
  const enc = parseEnc(s);
  if (!enc) return "malformed";
  let bytes: Buffer;
  try {
    const d = createDecipheriv("aes-256-gcm", key, enc.iv);
    d.setAAD(Buffer.from(aad, "utf8"));
    d.setAuthTag(enc.tag);
    bytes = Buffer.concat([d.update(enc.data), d.final()]);
  } catch {
    return "auth";
  }
  const text = bytes.toString("utf8");
  switch (enc.type) {
    case "str":
    case "comment":
      return { value: text, type: enc.type, macBytes: bytes };
    case "bytes":
      return { value: bytes, type: "bytes", macBytes: bytes };
    case "int": {
      // Go strconv.Atoi: optional sign, decimal digits, 64-bit range.
      if (!/^[+-]?[0-9]+$/.test(text)) return "type";
      const n = BigInt(text);
      if (n > 9223372036854775807n || n < -9223372036854775808n) return "type";
      return { value: n, type: "int", macBytes: Buffer.from(n.toString(), "utf8") };
    }
    case "float": {
      const f = parseGoFloat(text);
      if (f === undefined) return "type";
      return { value: f, type: "float", macBytes: Buffer.from(goFormatFloat(f), "utf8") };
    }
    case "bool": {
      const b = parseGoBool(text);
      if (b === undefined) return "type";
      return { value: b, type: "bool", macBytes: Buffer.from(b ? "True" : "False", "utf8") };
    }
    case "time": {
      const t = parseRfc3339(text);
      if (!t) return "type";
      return { value: new Date(t.ms), type: "time", macBytes: Buffer.from(t.nano, "utf8") };
    }
  }
}

/** Encrypt like sops (32-byte IV). Used for tests and fixtures; mxops itself never writes sops files. */
export function encryptEnc(plain: string | Buffer, key: Buffer, aad: string, type: SopsValueType): string {
  const iv = randomBytes(32);
  const c = createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([c.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain), c.final()]);
  return `ENC[AES256_GCM,data:${data.toString("base64")},iv:${iv.toString("base64")},tag:${c.getAuthTag().toString("base64")},type:${type}]`;
}

function parseGoBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

function parseGoFloat(s: string): number | undefined {
  const t = s.replace(/_/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Go `strconv.FormatFloat(f, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (Object.is(f, -0)) return "-0";
  const s = String(f);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = "", int = "", frac = "", expS = "0"] = m;
  const digits = int + frac;
  const point = int.length + Number(expS);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A parsed RFC 3339 time: epoch ms, and Go's `Format(time.RFC3339)` / `MarshalText` renderings. */
export interface Rfc3339 {
  ms: number;
  /** `time.RFC3339` (seconds, no fraction; `Z` for a zero offset). */
  seconds: string;
  /** `time.RFC3339Nano` as MarshalText writes it (fraction without trailing zeros). */
  nano: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Parse like Go `time.Parse(time.RFC3339, s)`; undefined when Go would reject it. */
export function parseRfc3339(s: string): Rfc3339 | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac = "", zone = "Z"] = m;
  const Y = Number(y),
    M = Number(mo),
    D = Number(d),
    H = Number(h),
    MI = Number(mi),
    S = Number(se);
  const dim = new Date(Date.UTC(Y, M, 0)).getUTCDate();
  if (M < 1 || M > 12 || D < 1 || D > dim || H > 23 || MI > 59 || S > 59) return undefined;
  let off = 0;
  let zoneOut = "Z";
  if (zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    off = (zone.startsWith("-") ? -1 : 1) * (zh * 60 + zm);
    if (off !== 0) zoneOut = zone;
  }
  const ms = Date.UTC(Y, M - 1, D, H, MI, S) - off * 60_000 + Math.floor(Number(`0${frac || ".0"}`) * 1000);
  const base = `${y}-${mo}-${d}T${h}:${mi}:${se}`;
  const fracOut = frac.replace(/0+$/, "");
  return { ms, seconds: `${base}${zoneOut}`, nano: `${base}${fracOut === "." ? "" : fracOut}${zoneOut}` };
}
