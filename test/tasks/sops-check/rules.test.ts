import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import type { Finding } from "../../../src/core/finding.js";
import { runSopsCheck, type SopsCheckOptions } from "../../../src/tasks/sops-check/index.js";
import { makeSopsYaml, readVector } from "../../core/sops/helpers.js";
import { tempDir } from "../../helpers/tmp.js";

const DEMO_KEY = path.resolve("examples/demo-age-key.txt");
const DEMO_RCP = /# public key: (\S+)/.exec(readFileSync(DEMO_KEY, "utf8"))![1];

function repo(files: Record<string, string>): string {
  const dir = tempDir("sops");
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
async function check(root: string, o: Partial<SopsCheckOptions> = {}): Promise<Finding[]> {
  return (await runSopsCheck({ root, ...o }, defaultDeps({ cwd: root }))).findings;
}
const ids = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.ruleId}`).sort();
const RULES = `creation_rules:\n  - path_regex: .*\\.sops\\.ya?ml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${DEMO_RCP}\n`;
const SECRET = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  password: hunter2-plain\n";

describe("examples", () => {
  it("examples/gitops is clean with the demo key (npm start)", async () => {
    expect(await check(path.resolve("examples/gitops"), { ageKeyFile: DEMO_KEY })).toEqual([]);
  });
  it("examples/gitops-faults shows each fault with its own rule", async () => {
    const fs = await check(path.resolve("examples/gitops-faults"), { ageKeyFile: DEMO_KEY });
    const got = new Set(fs.map((f) => `${path.basename(f.file ?? "")}:${f.ruleId}`));
    for (const want of [
      "plaintext-secret-any-name.yaml:sops/plaintext-secret",
      "half-encrypted.sops.yaml:sops/plaintext-value",
      "recipient-drift.sops.yaml:sops/recipient-drift",
      "recipient-drift.sops.yaml:sops/no-matching-identity",
      "tampered-mac.sops.yaml:sops/mac-mismatch",
      "rule-mismatch.sops.yaml:sops/rule-mismatch",
      "missing-mac.sops.yaml:sops/metadata-missing-mac",
      "lastmodified-invalid.sops.yaml:sops/lastmodified-invalid",
      "not-encrypted.sops.yaml:sops/not-encrypted",
      "apps-without-decryption.yaml:sops/flux-no-decryption",
    ])
      expect(got).toContain(want);
    const half = fs.find((f) => f.ruleId === "sops/plaintext-value")!;
    expect(half).toMatchObject({ keyPath: "stringData.password", line: 8, column: 13 });
    // without a key: structure only, no MAC verdicts
    const noKey = await check(path.resolve("examples/gitops-faults"));
    expect(noKey.some((f) => f.ruleId === "sops/mac-mismatch" || f.ruleId === "sops/no-matching-identity")).toBe(false);
  });
});

describe("which files must be encrypted", () => {
  it("a Secret with data/stringData under any name and in any document; not ConfigMaps, not data-less Secrets", async () => {
    const root = repo({
      "a/multi.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n---\n${SECRET}`,
      "b/empty-secret.yaml":
        "apiVersion: v1\nkind: Secret\nmetadata: {name: e}\ntype: kubernetes.io/tls\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: f}\ndata: {}\nstringData:\n",
      "c/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {password: x}\n",
    });
    const fs = await check(root);
    expect(ids(fs)).toEqual(["a/multi.yaml:sops/plaintext-secret"]);
    expect(fs[0]).toMatchObject({ line: 10, column: 1, keyPath: "stringData" });
  });
  it("creation rule match → sops/not-encrypted; the path_regexp typo is reported and does not flag every file", async () => {
    const root = repo({ ".sops.yaml": RULES, "x.sops.yaml": "a: b\n", "readme.md": "hello\n" });
    expect(ids(await check(root))).toEqual(["x.sops.yaml:sops/not-encrypted"]);
    const typo = repo({
      ".sops.yaml": `creation_rules:\n  - path_regexp: secret\n    age: ${DEMO_RCP}\n`,
      "plain.yaml": "a: b\n",
    });
    expect(ids(await check(typo))).toEqual([".sops.yaml:sops/config-unknown-key"]);
  });
  it("nearest .sops.yaml per directory; --config overrides; .sops.yml is reported as ignored", async () => {
    const root = repo({
      ".sops.yaml": RULES,
      "sub/.sops.yaml": "creation_rules:\n  - path_regex: ^other$\n    age: age1x\n",
      "sub/x.sops.yaml": "a: b\n",
      "top.sops.yaml": "a: b\n",
      "alt/.sops.yml": RULES,
      "alt/plain.yaml": "a: b\n",
    });
    expect(ids(await check(root))).toEqual([
      "alt/.sops.yml:sops/config-wrong-name",
      "top.sops.yaml:sops/not-encrypted",
    ]);
    expect(ids(await check(root, { config: path.join(root, ".sops.yaml") }))).toEqual([
      "sub/x.sops.yaml:sops/not-encrypted",
      "top.sops.yaml:sops/not-encrypted",
    ]);
  });
  it("path_regex runs with RE2 semantics in linear time; invalid ones are sops/config-invalid", async () => {
    // (a+)+ backtracks exponentially in a backtracking engine on a long run of "a" that finally fails
    const dir = Array.from({ length: 5 }, () => "a".repeat(200)).join("/");
    const root = repo({
      ".sops.yaml":
        "creation_rules:\n  - path_regex: '(?<=x)'\n    age: age1x\n  - path_regex: (a+)+b\\.yaml$\n    age: age1x\n",
      [`${dir}/${"a".repeat(200)}b.yaml`]: "a: b\n",
      [`${dir}/${"a".repeat(200)}c.yaml`]: "a: b\n",
    });
    const fs = await check(root);
    expect(ids(fs)).toEqual([".sops.yaml:sops/config-invalid", `${dir}/${"a".repeat(200)}b.yaml:sops/not-encrypted`]);
  });
});

describe("metadata and values without a key", () => {
  it("malformed ENC → value-corrupt; Secret data left clear by the file's crypt rule → plaintext-value; unparsable → yaml-invalid", async () => {
    const id = await generateX25519Identity();
    const rcp = await identityToRecipient(id);
    const made = await makeSopsYaml(
      [
        {
          apiVersion: "v1",
          kind: "Secret",
          metadata: { name: "s" },
          stringData: { password: "p-123456", username: "u" },
        },
      ],
      { groups: [[rcp]], encryptedRegex: "^password$" },
    );
    const good = await makeSopsYaml([{ kind: "Secret", stringData: { password: "p-123456" } }], {
      groups: [[rcp]],
      encryptedRegex: "^(data|stringData)$",
    });
    const root = repo({
      "weak.yaml": made.text,
      "corrupt.yaml": good.text.replace(/password: ENC\[AES256_GCM,data:/, "password: ENC[AES256_GCM,dta:"),
      "broken.sops.yaml": "a: [b\n",
      ".sops.yaml": `creation_rules:\n  - path_regex: broken\n    age: ${rcp}\n`,
    });
    const fs = await check(root);
    expect(ids(fs)).toEqual([
      "broken.sops.yaml:sops/yaml-invalid",
      "corrupt.yaml:sops/value-corrupt",
      "weak.yaml:sops/plaintext-value",
    ]);
    expect(fs.find((f) => f.file === "weak.yaml")!.keyPath).toBe("stringData.username");
  });
  it("recipient drift and rule mismatch against the matching creation rule; none when they agree", async () => {
    const id = await generateX25519Identity();
    const rcp = await identityToRecipient(id);
    const rules = `creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${rcp}\n`;
    const ok = await makeSopsYaml([{ kind: "Secret", stringData: { a: "b" } }], {
      groups: [[rcp]],
      encryptedRegex: "^(data|stringData)$",
    });
    const extra = await makeSopsYaml([{ kind: "Secret", stringData: { a: "b" } }], {
      groups: [[rcp, DEMO_RCP]],
      encryptedRegex: "^(data|stringData)$",
    });
    const root = repo({ ".sops.yaml": rules, "ok.sops.yaml": ok.text, "extra.sops.yaml": extra.text });
    const fs = await check(root, { ageKey: id });
    expect(ids(fs)).toEqual(["extra.sops.yaml:sops/recipient-drift"]);
    expect(fs[0].data).toEqual({ extra: [`age:${DEMO_RCP}`], config: ".sops.yaml rule #1" });
  });
});

describe("with identities", () => {
  it("unsupported recipient types and PGP-only files are reported as such, never as MAC failures", async () => {
    const id = await generateX25519Identity();
    const ssh = await makeSopsYaml([{ kind: "Secret", stringData: { a: "b" } }], {
      groups: [
        [
          {
            recipient: readVector("getsops-sops/age-keysource/ssh-ed25519.recipient.txt").trim(),
            enc: readVector("getsops-sops/age-keysource/ssh-ed25519.enc.age"),
          },
        ],
      ],
    });
    const root = repo({
      "ssh.yaml": ssh.text,
      "pgp.enc.json": readVector("getsops-sops/format.enc.json"),
      "pgp.env": readVector("getsops-sops/format.enc.env"),
    });
    const fs = await check(root, { ageKey: id });
    expect(ids(fs)).toEqual([
      "pgp.enc.json:sops/no-usable-key",
      "pgp.env:sops/no-usable-key",
      "ssh.yaml:sops/unsupported-recipient",
    ]);
    expect(fs.every((f) => f.severity === "warning")).toBe(true);
  });
  it("file-too-large is reported for files that could matter; an explicit missing key file is an input error", async () => {
    const ini = repo({ "a.ini": "[sops]\nmac = x\n", "b.ini": "[main]\nx = sops\n" });
    expect(ids(await check(ini))).toEqual(["a.ini:sops/unsupported-format"]);
    const root = repo({ "big.yaml": `a: ${"x".repeat(2000)}\n`, "big.bin": "x".repeat(2000) });
    expect(ids(await check(root, { maxFileSize: 1000 }))).toEqual(["big.yaml:sops/file-too-large"]);
    await expect(check(root, { ageKeyFile: path.join(root, "nope.txt") })).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
  });
});

describe("--changed", () => {
  it("checks only files changed in the range; Flux Kustomizations still come from the whole tree", async () => {
    const root = repo({
      ".sops.yaml": RULES,
      "old.sops.yaml": "a: b\n",
      "clusters/ks.yaml":
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\nspec: {path: ./apps}\n",
    });
    const git = (...a: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", ...a], { cwd: root });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "one");
    mkdirSync(path.join(root, "apps"));
    writeFileSync(
      path.join(root, "apps/new.sops.yaml"),
      readFileSync(path.resolve("examples/gitops/apps/matrix/ess-secret-values.sops.yaml")),
    );
    git("add", "-A");
    git("commit", "-q", "-m", "two");
    const changed = await check(root, { changed: "HEAD~1..HEAD" });
    expect(ids(changed)).toEqual(["clusters/ks.yaml:sops/flux-no-decryption"]);
    expect(changed[0].related).toEqual([expect.objectContaining({ file: "apps/new.sops.yaml" })]);
    expect(ids(await check(root))).toEqual([
      "clusters/ks.yaml:sops/flux-no-decryption",
      "old.sops.yaml:sops/not-encrypted",
    ]);
  });
});
