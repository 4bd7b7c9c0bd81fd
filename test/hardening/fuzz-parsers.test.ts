// Hostile repository content, per parser: at least 10,000 mutated inputs each (MXOPS_FUZZ_RUNS raises it).
// Contract: every bad input becomes a finding, a returned failure, or an MxopsError whose message is one line
// naming the file — never another exception, never plaintext of a secret in what is shown.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMxopsError } from "../../src/core/errors.js";
import { Redactor } from "../../src/core/redact.js";
import { decryptSopsFile, formatForPath } from "../../src/core/sops/index.js";
import { checkFile } from "../../src/tasks/sops-check/check-file.js";
import { matchRule, parseSopsConfig } from "../../src/tasks/sops-check/config.js";
import { parseInviteList } from "../../src/tasks/invite/recipients.js";
import { analyzeRepo } from "../../src/tasks/verify-config/index.js";
import { loadRepoFromTexts } from "../../src/tasks/verify-config/repo/load.js";
import { defaultDeps } from "../../src/core/deps.js";
import type { Finding } from "../../src/core/finding.js";
import { FUZZ_TIMEOUT, fuzzParams, mutatedText } from "../helpers/fuzz.js";

const V = "test/fixtures/sops-vectors";
const read = (p: string) => readFileSync(path.join(V, p), "utf8");
const PLAIN = ["this is a secret", "gotta match go", "bar"];

/** MxopsError with a one-line message naming `file`; anything else is a crash. */
function expectCleanError(e: unknown, file: string): void {
  if (!isMxopsError(e)) throw e;
  expect(e.message).not.toContain("\n");
  expect(e.message.startsWith(`${file}: `)).toBe(true);
}

describe("parsers under hostile input", { timeout: FUZZ_TIMEOUT }, () => {
  for (const [file, store] of [
    ["sops-age/secret.enc.yaml", "YAML store"],
    ["sops-age/secret.enc.json", "JSON store"],
    ["sops-age/secret.enc.env", "dotenv store"],
  ] as const) {
    it(`sops ${store}: envelope, metadata and value checks never throw (${file})`, async () => {
      const seed = read(file);
      await fc.assert(
        fc.asyncProperty(mutatedText([seed]), async (text) => {
          const out = await checkFile({ rel: path.basename(file), text, redactor: new Redactor() });
          for (const f of out.findings) {
            expect(f.ruleId).toMatch(/^sops\//);
            expect(f.message).not.toContain("\n");
          }
        }),
        fuzzParams,
      );
    });
  }

  it("sops envelopes with a known data key: decrypt and MAC verification never throw or show plaintext", async () => {
    const files = ["format.enc.yaml", "format.enc.json", "format.enc.env", "comments.enc.yaml"].map((f) => ({
      f,
      text: read(`getsops-sops/${f}`),
      key: Buffer.from(read(`getsops-sops/${f}.datakey.hex`).trim(), "hex"),
    }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.nat(), async (pick, salt) => {
        const [text] = fc.sample(mutatedText([pick.text]), { numRuns: 1, seed: salt });
        const r = await decryptSopsFile(text, formatForPath(pick.f), undefined, { dataKey: pick.key });
        if (!r.ok) for (const p of PLAIN) expect(r.message).not.toContain(p);
      }),
      fuzzParams,
    );
  });

  it(".sops.yaml: parsing and rule matching never throw; problems are reported", () => {
    const seeds = [
      "creation_rules:\n  - path_regex: .*\\.sops\\.ya?ml$\n    encrypted_regex: ^(data|stringData)$\n    age: age1abc,age1def\n  - path_regexp: typo\n    key_groups:\n      - age: [age1x]\n",
      "creation_rules:\n  - path_regex: (a+)+$\n    age: >-\n      age1x,\n      age1y\nstores:\n  yaml:\n    indent: 2\n",
    ];
    fc.assert(
      fc.property(mutatedText(seeds), fc.string({ maxLength: 40 }), (text, name) => {
        const cfg = parseSopsConfig("/repo/.sops.yaml", text);
        matchRule(cfg, `/repo/${name.replace(/\0/g, "")}.sops.yaml`);
        for (const p of cfg.problems) expect(JSON.stringify(p)).not.toContain("\n  ");
      }),
      fuzzParams,
    );
  });

  it("invite lists (CSV and YAML): rows or one-line input errors naming the file", () => {
    const seeds = {
      "list.csv": 'email,name,lang\nada@example.org,"Ada ""AL""",en\nbob@example.org;Bob\n# comment\n',
      "list.yaml":
        "invites:\n  - ada@example.org\n  - {email: bob@example.org, name: Bob, lang: de}\n  - &x {email: c@example.org}\n  - *x\n",
    };
    for (const [file, seed] of Object.entries(seeds)) {
      fc.assert(
        fc.property(mutatedText([seed]), (text) => {
          try {
            for (const row of parseInviteList(file, text)) {
              expect(row.line).toBeGreaterThanOrEqual(0);
              if (row.recipient) expect(row.recipient.email).not.toMatch(/[\s<>]/);
            }
          } catch (e) {
            expectCleanError(e, file);
          }
        }),
        fuzzParams,
      );
    }
  });

  it("HelmRelease values in block scalars: every rule runs, none fails, positions stay in the file", async () => {
    const hr = readFileSync("examples/gitops/apps/matrix/helmrelease.yaml", "utf8");
    const cm = readFileSync("examples/gitops/apps/matrix/ess-values.yaml", "utf8");
    const deps = defaultDeps();
    await fc.assert(
      fc.asyncProperty(mutatedText([cm]), async (text) => {
        const findings: Finding[] = [];
        const repo = loadRepoFromTexts("/repo", { "apps/hr.yaml": hr, "apps/cm.yaml": text }, findings);
        const r = await analyzeRepo(repo, () => true, {}, deps, findings);
        expect(r.findings.filter((f) => f.ruleId === "verify-config/rule-failed")).toEqual([]);
        const lines = text.split("\n").length;
        for (const f of r.findings)
          if (f.file === "apps/cm.yaml" && f.line !== undefined) expect(f.line).toBeLessThanOrEqual(lines + 1);
      }),
      fuzzParams,
    );
  });
});
