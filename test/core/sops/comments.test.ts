// Comment-driven crypt rules (encrypted_comment_regex / unencrypted_comment_regex) and comment AADs, on files
// written the way sops writes them.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLeaves, envelopeMetadata, loadEnvelope, verifyWithKey } from "../../../src/core/sops/index.js";
import { encryptEnc } from "../../../src/core/sops/value.js";

const LM = "2026-01-02T03:04:05Z";
function file(
  body: (enc: (v: string, aad: string, type?: "str" | "comment") => string) => string,
  macValues: string[],
  rule: string,
): { text: string; key: Buffer } {
  const key = randomBytes(32);
  const enc = (v: string, aad: string, type: "str" | "comment" = "str") => encryptEnc(v, key, aad, type);
  const mac = createHash("sha512");
  for (const v of macValues) mac.update(v);
  const meta = `sops:\n  age:\n    - recipient: age1x\n      enc: x\n  lastmodified: "${LM}"\n  mac: ${enc(mac.digest("hex").toUpperCase(), LM)}\n  ${rule}\n  version: 3.10.2\n`;
  return { text: `${body(enc)}${meta}`, key };
}
function verify(text: string, key: Buffer) {
  const env = loadEnvelope(text, "yaml");
  const { metadata, problems } = envelopeMetadata(env);
  expect(problems.filter((p) => p.rule !== "metadata-invalid")).toEqual([]);
  return { leaves: checkLeaves(env, metadata!), mac: verifyWithKey(env, metadata!, key) };
}

describe("comment crypt rules", () => {
  it("encrypted_comment_regex: only the value after a matching comment is encrypted; the marker stays clear", () => {
    const { text, key } = file(
      (enc) =>
        `# sops:enc\npassword: ${enc("hunter2-x", "password:")}\nusername: admin\nnested:\n  # sops:enc\n  token: ${enc("t-1", "nested:token:")}\n  plain: p\n`,
      ["hunter2-x", "admin", "t-1", "p"],
      "encrypted_comment_regex: sops:enc",
    );
    const r = verify(text, key);
    expect(r.leaves).toEqual({ plaintext: [], malformed: [], plaintextComments: [] });
    expect(r.mac.status).toBe("ok");
    // the same file with the value after the marker in clear is a plaintext value
    const clear = verify(text.replace(/^password: .*$/m, "password: hunter2-x"), key);
    expect(clear.leaves.plaintext.map((l) => l.path.join("."))).toEqual(["password"]);
  });
  it("unencrypted_comment_regex: values after a matching comment (also inline) stay clear", () => {
    const { text, key } = file(
      (enc) =>
        `# sops:plain\nhost: db.example.org\nport: 5432 # sops:plain\npassword: ${enc("s3cret-value", "password:")}\n`,
      ["db.example.org", "5432", "s3cret-value"],
      "unencrypted_comment_regex: sops:plain",
    );
    const r = verify(text, key);
    expect(r.leaves.plaintext).toEqual([]);
    expect(r.mac.status).toBe("ok");
    expect(
      verify(text.replace(/^password: .*$/m, "password: s3cret-value"), key).leaves.plaintext.map((l) => l.path[0]),
    ).toEqual(["password"]);
  });
  it("encrypted comments in a nested map use the map's path as AAD and are decrypted", () => {
    const { text, key } = file(
      (enc) => `outer:\n  #${enc(" nested note", "outer:", "comment")}\n  inner: ${enc("v-1", "outer:inner:")}\n`,
      ["v-1"],
      "unencrypted_suffix: _unencrypted",
    );
    const r = verify(text, key);
    expect(r.mac.status).toBe("ok");
    expect([...r.mac.plain.entries()].filter(([l]) => l.kind === "comment").map(([, p]) => p.value)).toEqual([
      " nested note",
    ]);
    expect(r.leaves.plaintextComments).toEqual([]);
  });
});
