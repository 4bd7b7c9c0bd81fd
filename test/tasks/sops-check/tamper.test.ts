// Tampered copies of real sops files: each must be rejected with the right rule, or, where sops itself cannot
// notice the change (what the MAC does not cover), the test says so.
import { describe, expect, it } from "vitest";
import { Redactor } from "../../../src/core/redact.js";
import { decryptEnc, encryptEnc, loadAgeIdentities, type AgeIdentities } from "../../../src/core/sops/index.js";
import { checkFile } from "../../../src/tasks/sops-check/check-file.js";
import { readVector } from "../../core/sops/helpers.js";

const YAML_FILE = "sops-age/secret.enc.yaml";
const ENV_FILE = "sops-age/secret.enc.env";
const DATA_KEY_FILE = "getsops-sops/format.enc.yaml";

let ids: AgeIdentities;
async function rules(rel: string, text: string): Promise<string[]> {
  ids ??= await loadAgeIdentities([{ origin: "key.txt", text: readVector("sops-age/key.txt") }]);
  const out = await checkFile({ rel, text, identities: ids, redactor: new Redactor() });
  return [...new Set(out.findings.map((f) => f.ruleId))].sort();
}
const lineOf = (text: string, start: string) => text.split("\n").find((l) => l.startsWith(start))!;

describe("tampered copies of sops-age/secret.enc.yaml", () => {
  const orig = readVector(YAML_FILE);

  it("the original verifies", async () => {
    expect(await rules("a.enc.yaml", orig)).toEqual([]);
  });
  it("flipped ciphertext byte → sops/value-corrupt", async () => {
    const line = lineOf(orig, "string: ");
    const m = /data:([^,]+),/.exec(line)!;
    const bytes = Buffer.from(m[1], "base64");
    bytes[0] ^= 0x01;
    const text = orig.replace(line, line.replace(m[1], bytes.toString("base64")));
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/value-corrupt"]);
  });
  it("altered lastmodified (still valid RFC 3339) → sops/mac-mismatch (it is the MAC's AAD)", async () => {
    const text = orig.replace(/lastmodified: "?(\d{4})/, (_m, y: string) => `lastmodified: "${Number(y) + 1}`);
    expect(text).not.toBe(orig);
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/mac-mismatch"]);
  });
  it("unparsable lastmodified → sops/lastmodified-invalid", async () => {
    const text = orig.replace(/lastmodified: .*/, 'lastmodified: "tomorrow"');
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/lastmodified-invalid"]);
  });
  it("lower-cased MAC text → sops/mac-mismatch", async () => {
    const macLine = lineOf(orig, "  mac: ");
    const text = orig.replace(macLine, macLine.toLowerCase().replace("  mac: enc[aes256_gcm", "  mac: ENC[AES256_GCM"));
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/mac-mismatch"]);
  });
  it("MAC re-encrypted with lower-case hex → sops/mac-mismatch (sops compares the hex exactly)", async () => {
    const key = (await import("../../../src/core/sops/index.js")).unwrapDataKey;
    const { loadEnvelope, envelopeMetadata } = await import("../../../src/core/sops/index.js");
    const env = loadEnvelope(orig, "yaml");
    const meta = envelopeMetadata(env).metadata!;
    const dk = await key(meta, ids);
    if (!dk.ok) throw new Error("no key");
    const mac = decryptEnc(meta.mac!, dk.key, meta.macAad!);
    if (typeof mac === "string") throw new Error("mac");
    const lower = encryptEnc(String(mac.value).toLowerCase(), dk.key, meta.macAad!, "str");
    const text = orig.replace(meta.mac!, lower);
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/mac-mismatch"]);
  });
  it("the MAC of another file → sops/mac-mismatch", async () => {
    const other = lineOf(readVector("sops-nix/secrets.yaml"), "    mac: ").trim().slice(5);
    const text = orig.replace(/^ {2}mac: .*/m, `  mac: ${other}`);
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/mac-mismatch"]);
  });
  it("MAC removed → sops/metadata-missing-mac", async () => {
    const text = orig.replace(/^ {2}mac: .*\n/m, "");
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/metadata-missing-mac"]);
  });
  it("an ENC value replaced by its own plaintext → sops/plaintext-value", async () => {
    const text = orig.replace(lineOf(orig, "string: "), "string: string");
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/plaintext-value"]);
  });
  it("renamed key → sops/value-corrupt (the key path is the value's AAD)", async () => {
    const text = orig.replace(/^string: /m, "strung: ");
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/value-corrupt"]);
  });
  it("value moved to another key → sops/value-corrupt", async () => {
    const a = lineOf(orig, "secret: ").slice("secret: ".length);
    const b = lineOf(orig, "string: ").slice("string: ".length);
    const text = orig.replace(`secret: ${a}`, `secret: ${b}`).replace(`string: ${b}`, `string: ${a}`);
    expect(await rules("a.enc.yaml", text)).toEqual(["sops/value-corrupt"]);
  });
  it("two crypt rules → sops/multiple-crypt-rules; no keys → sops/no-key-groups", async () => {
    expect(
      await rules(
        "a.enc.yaml",
        orig.replace(
          "  unencrypted_suffix: _unencrypted",
          "  unencrypted_suffix: _unencrypted\n  encrypted_regex: ^x$",
        ),
      ),
    ).toEqual(["sops/multiple-crypt-rules"]);
    const noKeys = orig.replace(/^ {2}age:\n(?: {4}.*\n)+/m, "  age: []\n");
    expect(noKeys).not.toBe(orig);
    expect(await rules("a.enc.yaml", noKeys)).toEqual(["sops/no-key-groups"]);
  });
  it("wrong metadata shapes → sops/metadata-invalid", async () => {
    expect(await rules("a.enc.yaml", orig.replace("  kms: []", "  kms: not-a-list"))).toEqual([
      "sops/metadata-invalid",
    ]);
  });
});

describe("tampering sops cannot detect either (not covered by the MAC)", () => {
  it("renaming an unencrypted key, adding a key with a null value or editing a comment passes, as in sops", async () => {
    const id = await loadAgeIdentities([{ origin: "k", text: readVector("sops-age/key.txt") }]);
    const orig = readVector(YAML_FILE).replace("secret: ENC", "note_unencrypted: keep\nsecret: ENC");
    // The edit above changes MAC input, so this copy is expected to fail; it only builds a base for the real cases.
    const base = await checkFile({ rel: "a.yaml", text: orig, identities: id, redactor: new Redactor() });
    expect(base.findings.map((f) => f.ruleId)).toEqual(["sops/mac-mismatch"]);
    // Key names are not MAC input: only values (and their order) are.
    const src = readVector(YAML_FILE);
    const nullAdded = src.replace("secret: ENC", "added: null\nsecret: ENC");
    expect(
      (await checkFile({ rel: "a.yaml", text: nullAdded, identities: id, redactor: new Redactor() })).findings,
    ).toEqual([]);
    const comment = src.replace("secret: ENC", "# an added plaintext comment\nsecret: ENC");
    const r = await checkFile({ rel: "a.yaml", text: comment, identities: id, redactor: new Redactor() });
    // sops decrypts this file happily; mxops only warns that the comment is not encrypted.
    expect(r.findings.map((f) => f.ruleId)).toEqual(["sops/plaintext-comment"]);
  });
  it("changing an unencrypted value under mac_only_encrypted is not detected (the MAC only covers encrypted values)", async () => {
    const { generateX25519Identity, identityToRecipient } = await import("age-encryption");
    const id = await generateX25519Identity();
    const { makeSopsYaml } = await import("../../core/sops/helpers.js");
    const base = { kind: "Secret", metadata: { namespace: "matrix" }, stringData: { a: "value-1" } };
    const made = await makeSopsYaml([base], {
      groups: [[await identityToRecipient(id)]],
      encryptedRegex: "^stringData$",
      macOnlyEncrypted: true,
    });
    const ctx = {
      rel: "m.yaml",
      identities: await loadAgeIdentities([{ origin: "k", text: id }]),
      redactor: new Redactor(),
    };
    const edited = made.text.replace("namespace: matrix", "namespace: kube-system");
    expect(edited).not.toBe(made.text);
    expect((await checkFile({ ...ctx, text: edited })).findings).toEqual([]);
    // without mac_only_encrypted the same edit is caught
    const full = await makeSopsYaml([base], {
      groups: [[await identityToRecipient(id)]],
      encryptedRegex: "^stringData$",
    });
    const r = await checkFile({ ...ctx, text: full.text.replace("namespace: matrix", "namespace: kube-system") });
    expect(r.findings.map((f) => f.ruleId)).toEqual(["sops/mac-mismatch"]);
  });
});

describe("dotenv and data-key vectors", () => {
  it("changed unencrypted dotenv value is caught by the MAC; sops metadata keys are not data", async () => {
    const orig = readVector(ENV_FILE);
    expect(await rules("s.env", orig)).toEqual([]);
    const text = orig.replace("secret=ENC", "note_unencrypted=hello\nsecret=ENC");
    expect(await rules("s.env", text)).toEqual(["sops/mac-mismatch"]);
    expect(await rules("s.env", orig.replace(/^secret=ENC.*$/m, "secret=this is a secret"))).toEqual([
      "sops/plaintext-value",
    ]);
  });
  it("PGP-only vector: no usable age key (warning) — and it verifies through the data key in engine tests", async () => {
    expect(await rules("f.enc.yaml", readVector(DATA_KEY_FILE))).toEqual(["sops/no-usable-key"]);
  });
});
