// Precision on real GitOps repositories: .sops.yaml as sops reads it (aliases, nested configs), what must be
// encrypted (evidence, not path_regex alone), rule-mismatch severity and Flux ${VAR} substitution. Fixtures in
// test/fixtures/corpus/ are shaped after findings of the corpus in bench/corpus/.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../../src/core/deps.js";
import type { Finding } from "../../../src/core/finding.js";
import { runSopsCheck } from "../../../src/tasks/sops-check/index.js";
import { parseSopsConfig } from "../../../src/tasks/sops-check/config.js";
import { isPlaceholder, isSopsMarkedName } from "../../../src/tasks/sops-check/evidence.js";
import { classifySecretValue } from "../../../src/tasks/verify-config/components/util/credentials.js";
import { checkRepoCredentials } from "../../../src/tasks/verify-config/components/creds.js";
import { makeSopsYaml } from "../../core/sops/helpers.js";
import { repoFrom } from "../verify-config/components/context.js";

const FIXTURES = path.resolve("test/fixtures/corpus");
const ADMIN = "age1ecpw9yjemp2yqyfxluvauk8lqk0dxhkscxv5d4xn9jnrlytgw44s9cmdl5";
const FLUX = "age1hthhtc0mgjyk2h7nhm0w2zgk932u9pgh9v5fwgt4w2vhvjz5r5hqwum57q";
const HOST = "age1zsake6ltrqlj3s5t0xcjyv68u324mqh3jhmu3a50ztvnut9t6pws6hrf5j";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temp copy of a fixture directory plus extra files. */
function repo(fixture: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-prec-"));
  dirs.push(dir);
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
async function check(root: string): Promise<Finding[]> {
  return (await runSopsCheck({ root }, defaultDeps({ cwd: root }))).findings;
}
const ids = (fs: Finding[]) => fs.map((f) => `${f.file}:${f.ruleId}:${f.severity}`).sort();
const secret = (o: { groups: string[][]; encryptedRegex?: string; macOnlyEncrypted?: boolean }) =>
  makeSopsYaml([{ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { token: "t-1234567" } }], o);

describe(".sops.yaml as sops reads it (class 2)", () => {
  it("resolves anchors and aliases in key_groups and age, and splits comma lists", () => {
    const text = readFileSync(path.join(FIXTURES, "aliases/infra/.sops.yaml"), "utf8");
    const cfg = parseSopsConfig("/r/infra/.sops.yaml", text);
    expect(cfg.problems).toEqual([]);
    expect([...cfg.rules[0].keys].sort()).toEqual([`age:${ADMIN}`, `age:${HOST}`].sort());
    expect([...cfg.rules[1].keys].sort()).toEqual([`age:${ADMIN}`, `age:${HOST}`].sort());
    const merged = parseSopsConfig(
      "/r/.sops.yaml",
      `base: &base\n  encrypted_regex: ^(data|stringData)$\n  age: ${ADMIN}\ncreation_rules:\n  - <<: *base\n    path_regex: a\n`,
    );
    expect(merged.problems).toEqual([]);
    expect(merged.rules[0]).toMatchObject({ crypt: { key: "encrypted_regex", value: "^(data|stringData)$" } });
    expect([...merged.rules[0].keys]).toEqual([`age:${ADMIN}`]);
    expect(
      parseSopsConfig("/r/.sops.yaml", `creation_rules:\n  - key_groups:\n      - age: ["${ADMIN}, ${HOST}"]\n`)
        .rules[0].keys.size,
    ).toBe(2);
  });

  it("alias bombs are refused as sops/config-invalid, not expanded", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const p = String.fromCharCode(96 + i);
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${p}`).join(", ")}]`,
      );
    }
    const cfg = parseSopsConfig("/r/.sops.yaml", `${lines.join("\n")}\ncreation_rules:\n  - age: x\n`);
    expect(cfg.problems.map((p) => p.ruleId)).toEqual(["sops/config-invalid"]);
  });

  it("no recipient-drift when aliases resolve to the file's recipients; the nearest config governs; messages name config and rule", async () => {
    const both = await secret({ groups: [[ADMIN, FLUX]], encryptedRegex: "^(data|stringData)$" });
    const adminOnly = await secret({ groups: [[ADMIN]], encryptedRegex: "^(data|stringData)$" });
    const hostAdmin = await secret({ groups: [[HOST, ADMIN]] });
    const stale = await secret({ groups: [[ADMIN]] });
    const root = repo("aliases", {
      "kubernetes/apps/ok/secret.sops.yaml": both.text,
      "kubernetes/apps/drift/secret.sops.yaml": adminOnly.text,
      "infra/secrets/host.sops.yaml": hostAdmin.text,
      "infra/secrets/stale.sops.yaml": stale.text,
    });
    const fs = await check(root);
    expect(ids(fs)).toEqual([
      "infra/secrets/stale.sops.yaml:sops/recipient-drift:error",
      "kubernetes/apps/drift/secret.sops.yaml:sops/recipient-drift:error",
    ]);
    expect(fs.find((f) => f.file?.startsWith("infra/"))!.message).toContain("infra/.sops.yaml rule #1");
    const k = fs.find((f) => f.file?.startsWith("kubernetes/"))!;
    expect(k.message).toContain(".sops.yaml rule #2");
    expect(k.data).toEqual({ missing: [`age:${FLUX}`], config: ".sops.yaml rule #2" });
  });
});

describe("what must be encrypted (class 3, 5): one fixture per row of the table in docs/rules/sops.md", () => {
  it("flags only files with evidence of secrets", async () => {
    const fs = await check(repo("class3"));
    expect(ids(fs)).toEqual([
      // row 1: a Secret with a literal value, no rule needed
      "apps/awx-admin.yaml:sops/plaintext-secret:error",
      // row 4: an encrypt-everything rule, a structured non-template file with literal data
      "config/hub/enc-secret.values.yaml:sops/not-encrypted:error",
      // row 3: the rule's encrypted_regex selects a key holding a literal value
      "kubernetes/apps/db/app/helmrelease.yaml:sops/not-encrypted:error",
      // row 2: a sops-marked name covered by a rule
      "kubernetes/apps/db/app/secret.sops.yaml:sops/not-encrypted:error",
    ]);
    const hr = fs.find((f) => f.file === "kubernetes/apps/db/app/helmrelease.yaml")!;
    expect(hr).toMatchObject({ keyPath: "spec.values.auth.password", line: 10 });
    expect(hr.message).toContain(".sops.yaml rule #1");
    expect(JSON.stringify(fs)).not.toContain("correct-horse-battery");
    expect(JSON.stringify(fs)).not.toContain("s3cr3t-literal-value");
  });

  it("a Secret with only ${VAR} substitutions is not plaintext, also with a rule; a literal beside them is", async () => {
    const root = repo("class3", {
      "kubernetes/apps/x/secret.sops.yaml":
        "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  a: ${A}\n  b: plain-value-here\n",
    });
    const fs = await check(root);
    expect(ids(fs)).toContain("kubernetes/apps/x/secret.sops.yaml:sops/plaintext-secret:error");
    expect(fs.some((f) => f.file === "apps/cloudflare-issuer.yaml")).toBe(false);
  });

  it("placeholders and sops-marked names", () => {
    for (const s of [
      "${VAR}",
      "${VAR:=default}",
      "${VAR:-default}",
      "postgres://u:${PW}@db/x",
      "{{ .Values.x }}",
      "<token>",
      "",
      "ENC[AES256_GCM,data:x]",
    ])
      expect(isPlaceholder(s)).toBe(true);
    for (const s of ["hunter2", "$VAR", "${", "0123"]) expect(isPlaceholder(s)).toBe(false);
    expect(isSopsMarkedName("a/secret.sops.yaml")).toBe(true);
    expect(isSopsMarkedName("a/secrets.enc.json")).toBe(true);
    expect(isSopsMarkedName("a/x.sops.env")).toBe(true);
    expect(isSopsMarkedName("a/sopsy.yaml")).toBe(false);
    expect(isSopsMarkedName("a/encoder.yaml")).toBe(false);
  });

  it("verify-config's credential rules treat Flux substitutions as placeholders, not credentials", () => {
    for (const s of ["${DB_PASSWORD}", "${DB_PASSWORD:=changeme-not}", "${DB_PASSWORD:-x}"])
      expect(classifySecretValue(s)).toBe("none");
    expect(classifySecretValue("hunter2-literal")).toBe("literal");
    const hr = [
      "apiVersion: helm.toolkit.fluxcd.io/v2",
      "kind: HelmRelease",
      "metadata: {name: app, namespace: apps}",
      "spec:",
      "  values:",
      "    auth:",
      "      password: ${APP_PASSWORD:=}",
      "      token: ${APP_TOKEN}",
      "    database:",
      "      url: postgres://app:${DB_PASSWORD}@db:5432/app",
      "---",
      "apiVersion: kustomize.toolkit.fluxcd.io/v1",
      "kind: Kustomization",
      "metadata: {name: app, namespace: flux-system}",
      "spec:",
      "  postBuild:",
      "    substitute:",
      "      ADMIN_PASSWORD: ${ADMIN_PASSWORD:-}",
      "",
    ].join("\n");
    expect(checkRepoCredentials(repoFrom({ "apps/app.yaml": hr }))).toEqual([]);
    const leak = hr.replace("${APP_TOKEN}", "literal-token-123");
    expect(checkRepoCredentials(repoFrom({ "apps/app.yaml": leak })).map((f) => f.keyPath)).toEqual([
      "spec.values.auth.token",
    ]);
  });
});

describe("rule-mismatch severity (class 4)", () => {
  it("a warning when the file exposes nothing the rule would encrypt, an error at the first exposed value", async () => {
    const older = await secret({ groups: [[ADMIN]], encryptedRegex: "^(data|stringData)$" });
    const narrow = await makeSopsYaml([{ op_service_account_token: "t-123456789" }], {
      groups: [[ADMIN]],
      encryptedRegex: "^(op_service_account_token)$",
    });
    const leaky = await makeSopsYaml([{ api_token: "t-123456789", password: "clear-password-1" }], {
      groups: [[ADMIN]],
      encryptedRegex: "^(api_token)$",
    });
    const root = repo("class4", {
      "kubernetes/flux/deploy-key.sops.yaml": older.text,
      "ansible/k8s/1password-token.sops.yaml": narrow.text,
      "ansible/k8s/leaky.sops.yaml": leaky.text,
      // an encrypt-everything fallback rule: apiVersion/kind/metadata in clear expose nothing
      "apps/cred.json-secret.sops.yaml": older.text,
    });
    const fs = await check(root);
    expect(ids(fs)).toEqual([
      "ansible/k8s/1password-token.sops.yaml:sops/rule-mismatch:warning",
      "ansible/k8s/leaky.sops.yaml:sops/rule-mismatch:error",
      "apps/cred.json-secret.sops.yaml:sops/rule-mismatch:warning",
      "kubernetes/flux/deploy-key.sops.yaml:sops/rule-mismatch:warning",
    ]);
    const leak = fs.find((f) => f.file === "ansible/k8s/leaky.sops.yaml")!;
    expect(leak).toMatchObject({ keyPath: "password", line: 2 });
    expect(leak.message).toContain(".sops.yaml rule #2");
    expect(JSON.stringify(fs)).not.toContain("clear-password-1");
  });
});
