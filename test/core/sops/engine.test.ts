import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import {
  decryptSopsFile,
  decryptSopsYaml,
  envelopeMetadata,
  formatForPath,
  loadAgeIdentities,
  loadEnvelope,
  unwrapDataKey,
  verifyWithKey,
} from "../../../src/core/sops/index.js";
import { ageDecrypt } from "../../../src/core/sops/age.js";
import { goFormatFloat, parseRfc3339 } from "../../../src/core/sops/value.js";
import { makeSopsYaml, readVector } from "./helpers.js";
import { tempDir } from "../../helpers/tmp.js";
import { ageCli } from "../../helpers/tools.js";

const keyOf = (p: string) => loadAgeIdentities([{ origin: p, text: readVector(p) }]);

describe("MAC as sops computes it", () => {
  const cases: Array<[string, string, string]> = [
    ["sops-age/secret.enc.yaml", "sops-age/key.txt", "3B83FDE1D6E139C4"],
    ["sops-age/secret.enc.json", "sops-age/key.txt", "936A6F75CF6284A6"],
    ["sops-age/secret.enc.env", "sops-age/key.txt", "08A4466C2219DC0D"],
    ["sops-nix/secrets.yaml", "sops-nix/age-keys.txt", "AF7CB2C2E1745855"],
  ];
  for (const [file, key, prefix] of cases) {
    it(`${file}: computed MAC starts with the recorded ${prefix}`, async () => {
      const env = loadEnvelope(readVector(file), formatForPath(file));
      const { metadata } = envelopeMetadata(env);
      const r = await unwrapDataKey(metadata!, await keyOf(key));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const v = verifyWithKey(env, metadata!, r.key);
      expect(v.status).toBe("ok");
      expect(v.computed?.startsWith(prefix)).toBe(true);
    });
  }
  it("format.enc.yaml and format.enc.json share a MAC (values only, not format)", () => {
    const macs = ["getsops-sops/format.enc.yaml", "getsops-sops/format.enc.json"].map((f) => {
      const env = loadEnvelope(readVector(f), formatForPath(f));
      const key = Buffer.from(readVector(`${f}.datakey.hex`).trim(), "hex");
      return verifyWithKey(env, envelopeMetadata(env).metadata!, key).computed;
    });
    expect(macs[0]).toMatch(/^D82C4EB5261CB9C8/);
    expect(macs[1]).toBe(macs[0]);
  });
  it("decrypts the encrypted YAML comments with AAD ':' like the recorded plaintexts (not part of the MAC)", () => {
    const f = "getsops-sops/comments.enc.yaml";
    const env = loadEnvelope(readVector(f), "yaml");
    const key = Buffer.from(readVector(`${f}.datakey.hex`).trim(), "hex");
    const v = verifyWithKey(env, envelopeMetadata(env).metadata!, key);
    expect(v.status).toBe("ok");
    const comments = [...v.plain.entries()]
      .filter(([l]) => l.kind === "comment")
      .map(([l, p]) => ({ aad: `${l.path.join(":")}:`, type: p.type, plaintext: p.value }));
    expect(comments).toEqual(JSON.parse(readVector(`${f}.comments.json`)));
  });
});

describe("age identities", () => {
  it("unwraps the same data key as the real age CLI (age -d -i KEY)", async () => {
    const dir = tempDir("age");
    for (const [file, key] of [
      ["sops-age/secret.enc.yaml", "sops-age/key.txt"],
      ["sops-nix/secrets.yaml", "sops-nix/age-keys.txt"],
    ] as const) {
      const env = loadEnvelope(readVector(file), "yaml");
      const { metadata } = envelopeMetadata(env);
      const r = await unwrapDataKey(metadata!, await keyOf(key));
      expect(r.ok).toBe(true);
      const entry = metadata!.groups[0].find((k) => k.type === "age") as { enc: string };
      writeFileSync(path.join(dir, "enc.age"), entry.enc);
      const viaCli = execFileSync(ageCli(), [
        "-d",
        "-i",
        path.join("test/fixtures/sops-vectors", key),
        path.join(dir, "enc.age"),
      ]);
      expect(r.ok && Buffer.compare(r.key, viaCli)).toBe(0);
    }
  });
  it("decrypts the age key-source vectors: X25519 and a passphrase-protected (scrypt) identity file", async () => {
    const x = await keyOf("getsops-sops/age-keysource/x25519.identity.txt");
    expect(
      Buffer.from((await ageDecrypt(readVector("getsops-sops/age-keysource/x25519.enc.age"), x.list))!).toString(),
    ).toBe("data");
    const secrets: string[] = [];
    const p = await loadAgeIdentities(
      [{ origin: "protected.age", text: readVector("getsops-sops/age-keysource/scrypt-protected-identity.age") }],
      { passphrase: "passphrase", onSecret: (s) => secrets.push(s) },
    );
    expect(p.list[0].recipient).toBe(readVector("getsops-sops/age-keysource/x25519.recipient.txt").trim());
    expect(
      Buffer.from((await ageDecrypt(readVector("getsops-sops/age-keysource/x25519.enc.age"), p.list))!).toString(),
    ).toBe("data");
    expect(secrets).toContain("passphrase");
  });
  it("refuses a protected identity file without or with a wrong passphrase, and SSH keys, without echoing key material", async () => {
    const text = readVector("getsops-sops/age-keysource/scrypt-protected-identity.age");
    await expect(loadAgeIdentities([{ origin: "k.age", text }])).rejects.toMatchObject({
      code: "MXOPS_INPUT",
      message: expect.stringContaining("MXOPS_AGE_KEY_PASSPHRASE") as string,
    });
    await expect(loadAgeIdentities([{ origin: "k.age", text }], { passphrase: "nope" })).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
    const ssh = readVector("getsops-sops/age-keysource/ssh-ed25519.identity");
    await expect(loadAgeIdentities([{ origin: "id_ed25519", text: ssh }])).rejects.toMatchObject({
      code: "MXOPS_INPUT",
      message: expect.stringContaining("unsupported") as string,
    });
    const bad = "AGE-SECRET-KEY-1NOTAKEY";
    const err = await loadAgeIdentities([{ origin: "keys.txt", text: `# c\n${bad}\n` }]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain(bad);
  });
  it("SOPS_AGE_KEY allows several identities per line", async () => {
    const a = await generateX25519Identity();
    const b = await generateX25519Identity();
    const ids = await loadAgeIdentities([{ origin: "SOPS_AGE_KEY", text: `${a} ${b}`, multiplePerLine: true }]);
    expect(ids.list.map((i) => i.recipient)).toEqual([await identityToRecipient(a), await identityToRecipient(b)]);
  });
  it("decrypts a file for a post-quantum (ML-KEM-768 + X25519) recipient", async () => {
    const pq = await generateHybridIdentity();
    const { text } = await makeSopsYaml([{ password: "pq-secret-value" }], {
      groups: [[await identityToRecipient(pq)]],
    });
    const r = await decryptSopsYaml(text, await loadAgeIdentities([{ origin: "pq", text: pq }]));
    expect(r).toEqual({ ok: true, docs: [{ password: "pq-secret-value" }] });
  });
  it("skips recipients without an identity and reports unsupported or missing keys by reason", async () => {
    const mine = await generateX25519Identity();
    const other = await identityToRecipient(await generateX25519Identity());
    const ids = await loadAgeIdentities([{ origin: "k", text: mine }]);
    const ok = await makeSopsYaml([{ a: "x" }], { groups: [[other, await identityToRecipient(mine)]] });
    expect((await decryptSopsYaml(ok.text, ids)).ok).toBe(true);
    const none = await makeSopsYaml([{ a: "x" }], { groups: [[other]] });
    expect(await decryptSopsYaml(none.text, ids)).toMatchObject({ ok: false, reason: "no-matching-identity" });
    const ssh = await makeSopsYaml([{ a: "x" }], {
      groups: [
        [
          {
            recipient: readVector("getsops-sops/age-keysource/ssh-ed25519.recipient.txt").trim(),
            enc: readVector("getsops-sops/age-keysource/ssh-ed25519.enc.age"),
          },
        ],
      ],
    });
    expect(await decryptSopsYaml(ssh.text, ids)).toMatchObject({ ok: false, reason: "unsupported-recipient" });
  });
  it("combines Shamir key groups (threshold 2 of 3) and fails clearly below the threshold", async () => {
    const ids = await Promise.all([0, 1, 2].map(() => generateX25519Identity()));
    const rcp = await Promise.all(ids.map((i) => identityToRecipient(i)));
    const { text } = await makeSopsYaml([{ token: "shamir-protected" }], {
      groups: rcp.map((r) => [r]),
      shamirThreshold: 2,
    });
    const two = await loadAgeIdentities([{ origin: "k", text: `${ids[0]}\n${ids[2]}` }]);
    expect(await decryptSopsYaml(text, two)).toEqual({ ok: true, docs: [{ token: "shamir-protected" }] });
    const one = await loadAgeIdentities([{ origin: "k", text: ids[1] }]);
    expect(await decryptSopsYaml(text, one)).toMatchObject({ ok: false, reason: "shamir-failed" });
  });
  it("multi-document YAML: one MAC over all documents", async () => {
    const id = await generateX25519Identity();
    const { text } = await makeSopsYaml(
      [
        { kind: "Secret", stringData: { a: "one-value" } },
        { kind: "Secret", stringData: { b: "two-value" } },
      ],
      { groups: [[await identityToRecipient(id)]], encryptedRegex: "^(data|stringData)$" },
    );
    const r = await decryptSopsYaml(text, await loadAgeIdentities([{ origin: "k", text: id }]));
    expect(r).toEqual({
      ok: true,
      docs: [
        { kind: "Secret", stringData: { a: "one-value" } },
        { kind: "Secret", stringData: { b: "two-value" } },
      ],
    });
  });
  it("mac_only_encrypted: the MAC starts with sops' prefix and skips unencrypted values", async () => {
    const id = await generateX25519Identity();
    const { text } = await makeSopsYaml([{ name: "n", stringData: { a: "v" } }], {
      groups: [[await identityToRecipient(id)]],
      encryptedRegex: "^stringData$",
      macOnlyEncrypted: true,
    });
    const ids = await loadAgeIdentities([{ origin: "k", text: id }]);
    expect((await decryptSopsYaml(text, ids)).ok).toBe(true);
    expect((await decryptSopsYaml(text.replace("name: n", "name: changed"), ids)).ok).toBe(true);
  });
});

describe("value formatting like Go", () => {
  it("formats floats as strconv.FormatFloat(f, 'f', -1, 64)", () => {
    expect([3.14, 7, 1e21, 1.5e-7, -2.5, Infinity, -Infinity, NaN].map(goFormatFloat)).toEqual([
      "3.14",
      "7",
      "1000000000000000000000",
      "0.00000015",
      "-2.5",
      "+Inf",
      "-Inf",
      "NaN",
    ]);
  });
  it("parses lastmodified like time.Parse(time.RFC3339) and re-formats it for the MAC AAD", () => {
    expect(parseRfc3339("2024-03-26T00:43:54Z")?.seconds).toBe("2024-03-26T00:43:54Z");
    expect(parseRfc3339("2024-03-26T00:43:54.123+00:00")?.seconds).toBe("2024-03-26T00:43:54Z");
    expect(parseRfc3339("2024-03-26T02:43:54+02:00")?.seconds).toBe("2024-03-26T02:43:54+02:00");
    expect(parseRfc3339("2024-02-30T00:00:00Z")).toBeUndefined();
    expect(parseRfc3339("yesterday")).toBeUndefined();
  });
  it("binary store (JSON envelope with a data key) decrypts like JSON", async () => {
    const id = await generateX25519Identity();
    const { text } = await makeSopsYaml([{ data: "blob-content" }], { groups: [[await identityToRecipient(id)]] });
    const json = JSON.stringify((await import("yaml")).parse(text));
    const r = await decryptSopsFile(json, "binary", await loadAgeIdentities([{ origin: "k", text: id }]));
    expect(r).toEqual({ ok: true, docs: [{ data: "blob-content" }] });
  });
});
