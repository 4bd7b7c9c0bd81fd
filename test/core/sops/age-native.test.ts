// The fast age v1 reader (src/core/sops/age-native.ts, the speed lever of sops-check) is kept only because it gives
// the same answers as age-encryption: (1) on every C2SP/CCTV age test vector (npm package `cctv-age`, 0BSD/CC0/
// Unlicense) through mxops's own decrypt path, and through the fast reader alone (it may defer, never disagree);
// (2) on generated files of many sizes — 0, chunk boundaries at 64 KiB, several chunks — armored and binary;
// (3) on hand-made STREAM payloads that break the final-chunk rules.
import { createCipheriv, createHash, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { inflateSync } from "node:zlib";
import { armor, Decrypter, Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import * as vectors from "cctv-age";
import { describe, expect, it } from "vitest";
import { ageDecrypt, loadAgeIdentities, NativeX25519Identity } from "../../../src/core/sops/age.js";
import { ageDecryptNative, dearmor } from "../../../src/core/sops/age-native.js";
import { bech32Decode } from "../../../src/core/sops/bech32.js";

interface Vector {
  name: string;
  expect: string;
  payload?: string;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  body: Uint8Array;
}

function parseVector(name: string, raw: Uint8Array): Vector {
  const buf = Buffer.from(raw);
  const end = buf.indexOf("\n\n");
  const v: Vector = { name, expect: "", identities: [], passphrases: [], armored: false, body: new Uint8Array() };
  let compressed = false;
  for (const line of buf.subarray(0, end).toString("utf8").split("\n")) {
    const i = line.indexOf(": ");
    const [k, val] = [line.slice(0, i), line.slice(i + 2)];
    if (k === "expect") v.expect = val;
    else if (k === "payload") v.payload = val;
    else if (k === "identity") v.identities.push(val);
    else if (k === "passphrase") v.passphrases.push(val);
    else if (k === "armored") v.armored = val === "yes";
    else if (k === "compressed") compressed = val === "zlib";
  }
  const body = buf.subarray(end + 2);
  v.body = compressed ? inflateSync(body) : body;
  return v;
}

const ALL = Object.entries(vectors as unknown as Record<string, Uint8Array>).map(([n, b]) => parseVector(n, b));
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("C2SP/CCTV age vectors", () => {
  it("are all there", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(140);
    expect(new Set(ALL.map((v) => v.expect))).toEqual(
      new Set(["success", "no match", "HMAC failure", "header failure", "payload failure", "armor failure"]),
    );
  });

  const withKeys = ALL.filter((v) => v.identities.length > 0);
  it.each(withKeys.map((v) => [v.name, v] as const))("%s: mxops's decrypt gives the expected result", async (_n, v) => {
    const ids = await loadAgeIdentities([{ origin: "vector", text: v.identities.join("\n") }]);
    const text = v.armored ? Buffer.from(v.body).toString("latin1") : v.body;
    const out = await ageDecrypt(text, ids.list);
    if (v.expect === "success") {
      expect(out, "decrypts").toBeDefined();
      expect(sha256(out!)).toBe(v.payload);
    } else expect(out, `must fail (${v.expect})`).toBeUndefined();
  });

  it("the fast reader alone never disagrees: it decrypts a success vector right, or defers; never opens a failure", () => {
    let decided = 0;
    for (const v of withKeys) {
      if (!v.identities.every((i) => i.startsWith("AGE-SECRET-KEY-1"))) continue;
      const ids = v.identities.map((i) => new NativeX25519Identity(bech32Decode(i)!.bytes));
      const file = v.armored ? dearmor(Buffer.from(v.body).toString("latin1")) : Buffer.from(v.body);
      if (!file) continue; // the armor is left to age-encryption
      const r = ageDecryptNative(file, ids);
      if (r === undefined) continue;
      decided++;
      if (v.expect === "success") expect(r && sha256(r), v.name).toBe(v.payload);
      else expect(r, `${v.name} must not decrypt (${v.expect})`).toBeNull();
    }
    expect(decided).toBeGreaterThanOrEqual(20);
  });

  it("scrypt vectors, via age-encryption's passphrase path that mxops uses for protected key files", async () => {
    for (const v of ALL.filter((x) => x.passphrases.length > 0 && x.identities.length === 0)) {
      const d = new Decrypter();
      for (const p of v.passphrases) d.addPassphrase(p);
      const out = await d.decrypt(v.armored ? armor.decode(Buffer.from(v.body).toString("latin1")) : v.body).then(
        (b) => b,
        () => undefined,
      );
      if (v.expect === "success") expect(out && sha256(out), v.name).toBe(v.payload);
      else expect(out, v.name).toBeUndefined();
    }
  });
});

async function x25519Keys() {
  const identity = await generateIdentity();
  const ids = await loadAgeIdentities([{ origin: "test", text: identity }]);
  const native = ids.list.map((i) => i.identity as NativeX25519Identity);
  return { identity, recipient: await identityToRecipient(identity), ids: ids.list, native };
}

async function encrypt(recipient: string, plaintext: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  e.addRecipient(recipient);
  return e.encrypt(plaintext);
}

async function reference(identity: string, file: Uint8Array): Promise<Uint8Array | undefined> {
  const d = new Decrypter();
  d.addIdentity(identity);
  return d.decrypt(file).then(
    (b) => b,
    () => undefined,
  );
}

const CHUNK = 64 * 1024;

describe("differential against age-encryption over generated files", () => {
  it("agrees on sizes 0, around the 64 KiB chunk boundary, several chunks and random sizes, armored and binary", async () => {
    const k = await x25519Keys();
    const sizes = [
      0,
      1,
      15,
      16,
      17,
      1000,
      CHUNK - 1,
      CHUNK,
      CHUNK + 1,
      2 * CHUNK - 1,
      2 * CHUNK,
      2 * CHUNK + 1,
      3 * CHUNK,
    ];
    for (let i = 0; i < 20; i++) sizes.push(randomInt(3 * CHUNK + 2));
    for (const n of sizes) {
      const plain = randomBytes(n);
      const file = await encrypt(k.recipient, plain);
      const want = Buffer.from(plain).toString("hex");
      expect(Buffer.from((await reference(k.identity, file))!).toString("hex"), `age-encryption ${n}`).toBe(want);
      expect(Buffer.from((await ageDecrypt(file, k.ids))!).toString("hex"), `mxops binary ${n}`).toBe(want);
      expect(Buffer.from((await ageDecrypt(armor.encode(file), k.ids))!).toString("hex"), `mxops armored ${n}`).toBe(
        want,
      );
      // The fast reader takes single-chunk files (up to 64 KiB) and defers the rest.
      const fast = ageDecryptNative(Buffer.from(file), k.native);
      if (n <= CHUNK) expect(fast && Buffer.from(fast).toString("hex"), `fast ${n}`).toBe(want);
      else expect(fast, `fast defers ${n}`).toBeUndefined();
    }
  });
});

/** Header (through the MAC line) and file key of a fresh file, to build STREAM payloads by hand. */
async function headerAndKey(k: Awaited<ReturnType<typeof x25519Keys>>) {
  const file = Buffer.from(await encrypt(k.recipient, new Uint8Array(1)));
  const macLine = file.indexOf("\n---");
  const headerEnd = file.indexOf("\n", macLine + 1) + 1;
  const m = /^-> X25519 (\S+)\n(\S+)\n/m.exec(file.subarray(0, headerEnd).toString("latin1"))!;
  const fileKey = k.native[0].unwrapFileKey([{ args: ["X25519", m[1]], body: Buffer.from(m[2], "base64") }])!;
  return { header: file.subarray(0, headerEnd), fileKey };
}

/** A payload of chunks given as [plaintext, last flag], sealed like age's STREAM. */
function stream(fileKey: Uint8Array, chunks: Array<[Uint8Array, boolean]>): Buffer {
  const nonce = randomBytes(16);
  const key = Buffer.from(hkdfSync("sha256", fileKey, nonce, "payload", 32));
  const out: Buffer[] = [nonce];
  chunks.forEach(([p, last], i) => {
    const n = Buffer.alloc(12);
    n.writeUIntBE(i, 5, 6);
    n[11] = last ? 1 : 0;
    const c = createCipheriv("chacha20-poly1305", key, n, { authTagLength: 16 });
    out.push(c.update(p), c.final(), c.getAuthTag());
  });
  return Buffer.concat(out);
}

describe("final-chunk rules (the fast reader's own comment: an empty final chunk only for an empty plaintext)", () => {
  const full = randomBytes(CHUNK);
  const short = randomBytes(100);
  const cases: Array<[string, Array<[Uint8Array, boolean]>, Uint8Array | undefined]> = [
    ["one empty final chunk: the empty plaintext", [[new Uint8Array(0), true]], new Uint8Array(0)],
    ["one full final chunk", [[full, true]], full],
    ["one short final chunk", [[short, true]], short],
    [
      "a full chunk, then a short final one",
      [
        [full, false],
        [short, true],
      ],
      Buffer.concat([full, short]),
    ],
    [
      "a full chunk, then an empty final chunk",
      [
        [full, false],
        [new Uint8Array(0), true],
      ],
      undefined,
    ],
    ["no final chunk", [[short, false]], undefined],
    ["a full chunk and no final chunk", [[full, false]], undefined],
    [
      "a short chunk that is not final",
      [
        [short, false],
        [short, true],
      ],
      undefined,
    ],
    [
      "data after the final chunk",
      [
        [short, true],
        [short, true],
      ],
      undefined,
    ],
    ["no chunk at all", [], undefined],
  ];
  it.each(cases)("%s", async (_name, chunks, want) => {
    const k = await x25519Keys();
    const { header, fileKey } = await headerAndKey(k);
    const file = Buffer.concat([header, stream(fileKey, chunks)]);
    const hex = (b: Uint8Array | undefined | null) => (b ? Buffer.from(b).toString("hex") : b);
    expect(hex(await reference(k.identity, file)), "age-encryption").toBe(hex(want));
    expect(hex(await ageDecrypt(file, k.ids)), "mxops").toBe(hex(want));
    const fast = ageDecryptNative(file, k.native);
    if (fast !== undefined) expect(hex(fast), "fast reader").toBe(want === undefined ? null : hex(want));
  });
});
