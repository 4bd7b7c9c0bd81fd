import { generateHybridIdentity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { NativeX25519Identity } from "../../../src/core/sops/age.js";
import { bech32Decode, bech32Encode } from "../../../src/core/sops/bech32.js";
import { readVector } from "./helpers.js";

describe("bech32 for age keys (@scure/base)", () => {
  it("decodes sops' vendored identity into the key whose recipient sops wrote", () => {
    const id = readVector("getsops-sops/age-keysource/x25519.identity.txt").trim();
    const recipient = readVector("getsops-sops/age-keysource/x25519.recipient.txt").trim();
    const d = bech32Decode(id);
    expect(d?.prefix).toBe("age-secret-key-");
    expect(d?.bytes).toHaveLength(32);
    expect(new NativeX25519Identity(d!.bytes).recipient).toBe(recipient);
    expect(bech32Encode("age-secret-key-", d!.bytes).toUpperCase()).toBe(id);
  });

  it("reads post-quantum keys, whose recipients are longer than BIP 173's 90 characters", async () => {
    const pq = await generateHybridIdentity();
    const d = bech32Decode(pq);
    expect(d?.prefix).toBe("age-secret-key-pq-");
    expect(bech32Encode(d!.prefix, d!.bytes).toUpperCase()).toBe(pq);
    const r = await identityToRecipient(pq);
    expect(r.length).toBeGreaterThan(90);
    const rd = bech32Decode(r);
    expect(rd?.prefix).toBe("age1pq");
    expect(bech32Encode("age1pq", rd!.bytes)).toBe(r);
  });

  it("rejects a wrong checksum, mixed case, bad characters and a missing separator", () => {
    const id = readVector("getsops-sops/age-keysource/x25519.identity.txt").trim();
    const flip = id.slice(0, -1) + (id.endsWith("7") ? "8" : "7");
    expect(bech32Decode(flip)).toBeUndefined();
    expect(bech32Decode(id.slice(0, 20) + id.slice(20).toLowerCase())).toBeUndefined();
    expect(bech32Decode(id.replace(/.$/, "B"))).toBeUndefined();
    expect(bech32Decode("agesecretkey")).toBeUndefined();
    expect(bech32Decode("")).toBeUndefined();
  });
});
