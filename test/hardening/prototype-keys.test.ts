// Repository content names keys `__proto__`, `constructor` and `prototype` everywhere content becomes object keys:
// they must stay plain keys (never reach Object.prototype, never hide a value in a prototype chain), and the
// report must be the same findings as without them, plus whatever the odd keys themselves deserve.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateIdentity, identityToRecipient } from "age-encryption";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultDeps } from "../../src/core/deps.js";
import type { Finding } from "../../src/core/finding.js";
import { Redactor } from "../../src/core/redact.js";
import { decryptSopsYaml } from "../../src/core/sops/decrypt.js";
import { unflatten } from "../../src/core/sops/stores/dotenv.js";
import { checkGitopsMas } from "../../src/tasks/invite/commands/gitops.js";
import { renderTemplate } from "../../src/tasks/invite/mail/render.js";
import { mergeMaps } from "../../src/tasks/verify-config/flux/merge.js";
import { parseTargetPath, setAtPath } from "../../src/tasks/verify-config/flux/target-path.js";
import { verifyOffline } from "../../src/tasks/verify-config/index.js";
import { makeSopsYaml } from "../core/sops/helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// A failing (unfixed) run must not poison the other tests of this worker: remove whatever landed on Object.prototype.
const CLEAN = new Set(Object.getOwnPropertyNames(Object.prototype));
function pollution(): string[] {
  const extra = Object.getOwnPropertyNames(Object.prototype).filter((k) => !CLEAN.has(k));
  for (const k of extra) delete (Object.prototype as Record<string, unknown>)[k];
  return extra;
}
afterEach(() => {
  pollution();
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-proto-"));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const PROTO_NAMES = ["__proto__", "constructor", "prototype"];
const indent = (s: string, n: number) =>
  s
    .split("\n")
    .map((l) => (l ? " ".repeat(n) + l : l))
    .join("\n");

/** matrix-stack values with one invented key per component (the findings that must survive). */
function values(hostile: boolean): string {
  const odd = (n: number) =>
    hostile ? indent(PROTO_NAMES.map((k) => `${k}: {polluted: yes, x: 1}`).join("\n"), n) + "\n" : "";
  return `serverName: example.org
${odd(0)}synapse:
  ingress:
    host: matrix.example.org
${odd(2)}  additional:
    extra:
      config: |
        url_preview_enabled: true
        not_a_synapse_option: 1
${odd(8)}    ${hostile ? "__proto__" : "plain"}:
      config: |
        constructor: {prototype: {polluted: 1}}
matrixAuthenticationService:
  ingress:
    host: account.example.org
  additional:
    extra:
      config: |
        invented_mas_section: {a: 1}
${odd(8)}matrixRTC:
  enabled: true
  ingress:
    host: mrtc.example.org
elementWeb:
  ingress:
    host: chat.example.org
  additional:
    settings: '{"disable_guests": true, "not_an_element_option": 1${hostile ? ', "__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "prototype": 1' : ""}}'
elementAdmin:
  ingress:
    host: admin.example.org
`;
}

function files(hostile: boolean): Record<string, string> {
  const targetPaths = hostile
    ? ["__proto__.polluted", "constructor.prototype.polluted", "synapse.__proto__.polluted", "prototype.polluted"]
    : [];
  return {
    "apps/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata: {name: ess-values, namespace: matrix}
data:
  values.yaml: |
${indent(values(hostile), 4)}
  flag: "yes"
`,
    "apps/helmrelease.yaml": `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ess, namespace: matrix}
spec:
  interval: 1h
  chart:
    spec: {chart: matrix-stack, version: 26.4.0, sourceRef: {kind: HelmRepository, name: ess}}
  valuesFrom:
    - {kind: ConfigMap, name: ess-values}
${targetPaths.map((t) => `    - {kind: ConfigMap, name: ess-values, valuesKey: flag, targetPath: "${t}"}`).join("\n")}
  values:
    wellKnownDelegation:
      enabled: true
${hostile ? indent(PROTO_NAMES.map((k) => `${k}: {polluted: yes}`).join("\n"), 4) : ""}
`,
    "apps/helmrepository.yaml": `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: ess, namespace: matrix}
spec: {type: oci, url: "oci://ghcr.io/element-hq/ess-helm"}
`,
  };
}

const key = (f: Finding) => `${f.ruleId} ${f.file ?? ""} ${f.message}`;

describe("prototype-named keys in repository content", () => {
  it("verify-config: Object.prototype stays clean and every finding of the plain repository is still reported", async () => {
    const plainRoot = repo(files(false));
    const plain = (await verifyOffline({ root: plainRoot }, defaultDeps({ cwd: plainRoot, redactor: new Redactor() })))
      .findings;
    const root = repo(files(true));
    const hostile = (await verifyOffline({ root }, defaultDeps({ cwd: root, redactor: new Redactor() }))).findings;
    expect(pollution()).toEqual([]);
    expect(hostile.filter((f) => /internal/i.test(f.ruleId))).toEqual([]);
    const got = new Set(hostile.map(key));
    for (const f of plain) expect(got, key(f)).toContain(key(f));
    // The odd keys are reported like any other unknown key, wherever they stand — none is silently accepted.
    const about = (rule: string, k: string) =>
      hostile.filter((f) => f.ruleId === rule && f.message.includes(`"${k}"`)).length;
    const ess = hostile.filter((f) => f.ruleId === "ess/unknown-key").map((f) => `${f.file} ${f.message}`);
    for (const k of PROTO_NAMES) {
      expect(ess).toContain(`apps/helmrelease.yaml HelmRelease matrix/ess: ${k} is not a key the chart accepts here`);
      expect(ess).toContain(
        `apps/configmap.yaml HelmRelease matrix/ess: synapse.${k} is not a key the chart accepts here`,
      );
      expect(about("synapse/unknown-key", k)).toBeGreaterThanOrEqual(1);
      expect(about("mas/unknown-key", k)).toBe(1);
      expect(about("element/unknown-key", k)).toBe(1);
    }
    expect(hostile.filter((f) => f.ruleId === "element/legacy-key")).toEqual([]);
  });

  it("targetPath segments and value merges keep the keys as own data", () => {
    const out: Record<string, unknown> = {};
    for (const p of ["__proto__.polluted", "constructor.prototype.polluted", "a.__proto__.b"])
      expect(setAtPath(out, parseTargetPath(p)!, "yes")).toBe(true);
    expect(pollution()).toEqual([]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "constructor", "a"]);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: "yes" });
    const merged = mergeMaps(
      JSON.parse('{"__proto__": {"a": 1}, "constructor": {"b": 1}}') as Record<string, unknown>,
      JSON.parse('{"__proto__": {"c": 2}, "prototype": 3}') as Record<string, unknown>,
    );
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value).toEqual({ a: 1, c: 2 });
  });

  it("sops: decrypted documents and dotenv metadata keep prototype-named keys as keys", async () => {
    const doc = JSON.parse(
      '{"__proto__": {"polluted": "s1"}, "constructor": {"prototype": {"polluted": "s2"}}, "prototype": "s3"}',
    ) as Record<string, unknown>;
    const recipient = await identityToRecipient(await generateIdentity());
    const { text, key } = await makeSopsYaml([doc], { groups: [[recipient]] });
    const r = await decryptSopsYaml(text, undefined, { dataKey: key });
    expect(r.ok).toBe(true);
    const plain = (r as { docs: Array<Record<string, unknown>> }).docs[0];
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(plain, "__proto__")?.value).toEqual({ polluted: "s1" });
    expect(Object.getOwnPropertyDescriptor(plain, "constructor")?.value).toEqual({ prototype: { polluted: "s2" } });
    const meta = unflatten([
      ["__proto____map_polluted", "1"],
      ["constructor__map_prototype__map_polluted", "2"],
    ]);
    expect(pollution()).toEqual([]);
    expect(Object.keys(meta)).toEqual(["__proto__", "constructor"]);
  });

  it("invite: mail templates and the GitOps MAS check treat the keys as unknown data", async () => {
    const ctx = { link: "https://x/", site_name: "S" } as unknown as Parameters<typeof renderTemplate>[1];
    expect(renderTemplate("a{{constructor}}b{{#__proto__}}x{{/__proto__}}c", ctx, true)).toBe("abc");
    const root = repo({
      "mas.yaml": `matrixAuthenticationService:
  additional:
    a:
      config: |
        account:
          __proto__: {password_registration_enabled: true, password_registration_token_required: true}
        email:
          transport: smtp
`,
    });
    const checks = await checkGitopsMas(root, defaultDeps({ cwd: root }));
    expect(checks.find((c) => c.check === "gitops-mas-registration")).toMatchObject({ ok: false });
  });
});
