// Hostile input for the sops engine and sops-check: mutated real sops files never throw and never put
// plaintext into findings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Redactor } from "../../../src/core/redact.js";
import { decryptSopsFile, formatForPath, loadAgeIdentities } from "../../../src/core/sops/index.js";
import { checkFile } from "../../../src/tasks/sops-check/check-file.js";
import { FUZZ_TIMEOUT, fuzzParams, mutatedText } from "../../helpers/fuzz.js";
import { readVector } from "./helpers.js";

const files = ["sops-age/secret.enc.yaml", "sops-age/secret.enc.json", "sops-age/secret.enc.env"];
const secrets = ["this is a secret", "gotta match go"];

describe("sops engine under hostile input", { timeout: FUZZ_TIMEOUT }, () => {
  for (const file of files) {
    it(`mutated ${file}: checkFile and decryptSopsFile never throw, findings never hold plaintext`, async () => {
      const ids = await loadAgeIdentities([{ origin: "k", text: readVector("sops-age/key.txt") }]);
      await fc.assert(
        fc.asyncProperty(mutatedText([readVector(file)]), async (text) => {
          const out = await checkFile({ rel: file, text, identities: ids, redactor: new Redactor() });
          const r = await decryptSopsFile(text, formatForPath(file), ids);
          const shown = JSON.stringify(out.findings) + (r.ok ? "" : r.message);
          for (const s of secrets) expect(shown).not.toContain(s);
          for (const f of out.findings) expect(f.line ?? 1).toBeGreaterThanOrEqual(1);
        }),
        { ...fuzzParams, numRuns: Math.min(fuzzParams.numRuns, 400) },
      );
    });
  }
});
