import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSopsFile, formatForPath, loadAgeIdentities } from "../../../src/core/sops/index.js";

const V = path.resolve("test/fixtures/sops-vectors");
const read = (p: string) => readFileSync(path.join(V, p), "utf8");
const plainOf = (p: string) => JSON.parse(read(`${p}.plain.json`)) as unknown;

describe("sops vectors", () => {
  const ageCases: Array<[string, string]> = [
    ["sops-age/secret.enc.yaml", "sops-age/key.txt"],
    ["sops-age/secret.enc.json", "sops-age/key.txt"],
    ["sops-age/secret.enc.env", "sops-age/key.txt"],
    ["sops-nix/secrets.yaml", "sops-nix/age-keys.txt"],
  ];
  for (const [file, keyFile] of ageCases) {
    it(`${file} decrypts with its age key, MAC verified, plaintext as recorded`, async () => {
      const ids = await loadAgeIdentities([{ origin: keyFile, text: read(keyFile) }]);
      const r = await decryptSopsFile(read(file), formatForPath(file), ids);
      expect(r.ok ? "ok" : r.reason + ": " + r.message).toBe("ok");
      if (r.ok) expect(r.docs[0]).toEqual(plainOf(file));
    });
  }
  const pgpCases = [
    "getsops-sops/comments.enc.yaml",
    "getsops-sops/format.enc.yaml",
    "getsops-sops/format.enc.json",
    "getsops-sops/format.enc.env",
  ];
  for (const file of pgpCases) {
    it(`${file} (PGP only) verifies through the data key and has no usable key for age`, async () => {
      const dataKey = Buffer.from(read(`${file}.datakey.hex`).trim(), "hex");
      const r = await decryptSopsFile(read(file), formatForPath(file), undefined, { dataKey });
      expect(r.ok ? "ok" : r.reason + ": " + r.message).toBe("ok");
      if (r.ok) expect(r.docs[0]).toEqual(plainOf(file));
      const ids = await loadAgeIdentities([{ origin: "k", text: read("sops-age/key.txt") }]);
      const r2 = await decryptSopsFile(read(file), formatForPath(file), ids);
      expect(r2.ok ? "ok" : r2.reason).toBe("no-usable-key");
    });
  }
});
