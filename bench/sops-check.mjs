#!/usr/bin/env node
// Benchmark of sops-check against a same-run floor. Generates a synthetic GitOps repo of 10,000 files
// (2,000 SOPS-encrypted Secrets for a bench age key, 8,000 plain manifests, a quarter of them HelmReleases that
// mention `kind: Secret` in valuesFrom and so must be parsed) in a temp dir, then measures:
//   floor      walk + read + YAML-parse every file with the `yaml` package
//   no key     mxops sops-check (structure, crypt rules, recipients, Flux) without identities
//   with MAC   mxops sops-check with the bench identity: data keys unwrapped, every value decrypted, MACs verified
//   sops-age   npm sops-age decrypting the 2,000 encrypted files (no MAC check)
// Prints medians of several rounds and ratios to the floor (targets: no key ≤ 1.5×, with MAC ≤ 2.0×), plus
// the peak RSS. Usage: node bench/sops-check.mjs [--files 10000] [--encrypted 2000] [--rounds 5]
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { arg, importLibrary } from "./lib.mjs";

const TOTAL = arg("--files", 10_000);
const ENCRYPTED = arg("--encrypted", 2_000);
const ROUNDS = arg("--rounds", 5);

const tmp = mkdtempSync(path.join(os.tmpdir(), "mxops-bench-"));
const lib = await importLibrary(tmp);
const YAML = (await import("yaml")).default;
const age = await import("age-encryption");
const { decryptSops } = await import("sops-age");

// --- generate the repo -------------------------------------------------------------------------------
const identity = await age.generateX25519Identity();
const recipient = await age.identityToRecipient(identity);
const repo = path.join(tmp, "repo");
mkdirSync(repo);
writeFileSync(path.join(tmp, "bench-key.txt"), `# bench key\n${identity}\n`);
writeFileSync(
  path.join(repo, ".sops.yaml"),
  `creation_rules:\n  - path_regex: .*\\.sops\\.ya?ml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipient}\n`,
);

const encryptor = new age.Encrypter();
encryptor.addRecipient(recipient);
function enc(key, plain, aad) {
  const iv = randomBytes(32);
  const c = createCipheriv("aes-256-gcm", key, iv);
  c.setAAD(Buffer.from(aad));
  const d = Buffer.concat([c.update(Buffer.from(plain)), c.final()]);
  return `ENC[AES256_GCM,data:${d.toString("base64")},iv:${iv.toString("base64")},tag:${c.getAuthTag().toString("base64")},type:str]`;
}
async function encryptedSecret(i) {
  const key = randomBytes(32);
  const mac = createHash("sha512");
  const meta = { apiVersion: "v1", kind: "Secret", name: `app-${i}`, namespace: `team-${i % 40}`, type: "Opaque" };
  for (const v of Object.values(meta)) mac.update(v);
  const data = {
    username: `svc-${i}`,
    password: randomBytes(18).toString("base64"),
    "config.yaml": `db:\n  host: db-${i}.internal\n  port: 5432\n  password: ${randomBytes(12).toString("hex")}\n`,
  };
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    mac.update(v);
    out[k] = enc(key, v, `stringData:${k}:`);
  }
  const lm = "2026-01-15T10:00:00Z";
  const doc = {
    apiVersion: meta.apiVersion,
    kind: meta.kind,
    metadata: { name: meta.name, namespace: meta.namespace },
    type: meta.type,
    stringData: out,
    sops: {
      age: [{ recipient, enc: age.armor.encode(await encryptor.encrypt(key)) }],
      lastmodified: lm,
      mac: enc(key, mac.digest("hex").toUpperCase(), lm),
      encrypted_regex: "^(data|stringData)$",
      version: "3.10.2",
    },
  };
  return YAML.stringify(doc, { lineWidth: 0 });
}
function manifest(i) {
  const kind = ["Deployment", "Service", "ConfigMap", "HelmRelease"][i % 4];
  const base = {
    apiVersion: kind === "HelmRelease" ? "helm.toolkit.fluxcd.io/v2" : kind === "Deployment" ? "apps/v1" : "v1",
    kind,
    metadata: { name: `svc-${i}`, namespace: `team-${i % 40}`, labels: { app: `svc-${i}`, tier: "backend" } },
  };
  if (kind === "Deployment")
    base.spec = {
      replicas: 2,
      selector: { matchLabels: { app: `svc-${i}` } },
      template: {
        metadata: { labels: { app: `svc-${i}` } },
        spec: {
          containers: [
            {
              name: "app",
              image: `registry.example.org/app:${i}`,
              ports: [{ containerPort: 8080 }],
              env: [
                { name: "LOG_LEVEL", value: "info" },
                { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: `app-${i}`, key: "password" } } },
              ],
              resources: { limits: { cpu: "500m", memory: "256Mi" } },
            },
          ],
        },
      },
    };
  if (kind === "Service") base.spec = { selector: { app: `svc-${i}` }, ports: [{ port: 80, targetPort: 8080 }] };
  if (kind === "ConfigMap") base.data = { "app.conf": `listen = 8080\nworkers = ${i % 8}\n`.repeat(8) };
  if (kind === "HelmRelease")
    base.spec = {
      interval: "10m",
      chart: { spec: { chart: "app", version: "1.2.3", sourceRef: { kind: "HelmRepository", name: "charts" } } },
      values: { replicaCount: 2, ingress: { enabled: true, hosts: [`svc-${i}.example.org`] } },
      valuesFrom: [{ kind: "Secret", name: `app-${i}`, valuesKey: "config.yaml" }],
    };
  return YAML.stringify(base);
}
const encFiles = [];
for (let i = 0; i < TOTAL; i++) {
  const dir = path.join(repo, `apps/team-${i % 40}`);
  mkdirSync(dir, { recursive: true });
  if (i < ENCRYPTED) {
    const f = path.join(dir, `app-${i}.sops.yaml`);
    writeFileSync(f, await encryptedSecret(i));
    encFiles.push(f);
  } else writeFileSync(path.join(dir, `svc-${i}.yaml`), manifest(i));
}

// --- measure -------------------------------------------------------------------------------------------
async function walk(dir, out = []) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out;
}
async function pool(items, n, fn) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
}
async function floor() {
  const files = await walk(repo);
  let docs = 0;
  await pool(files, 16, async (f) => {
    docs += YAML.parseAllDocuments(await readFile(f, "utf8")).length;
  });
  return docs;
}
const deps = lib.defaultDeps();
async function noKey() {
  const r = await lib.sopsCheck({ root: repo }, deps);
  if (r.findings.length) throw new Error(`unexpected findings: ${r.findings[0].ruleId}`);
}
async function withMac() {
  const r = await lib.sopsCheck({ root: repo, ageKeyFile: path.join(tmp, "bench-key.txt") }, deps);
  if (r.findings.length) throw new Error(`unexpected findings: ${r.findings[0].ruleId} ${r.findings[0].message}`);
}
async function sopsAge() {
  await pool(encFiles, 16, async (f) => {
    await decryptSops(await readFile(f, "utf8"), { fileType: "yaml", secretKey: identity });
  });
}

const cases = { floor, "no key": noKey, "with MAC": withMac, "sops-age (2,000 files)": sopsAge };
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const fn of Object.values(cases)) await fn(); // warm-up (JIT, page cache)
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    await fn();
    times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = median(times.floor);
console.log(
  `sops-check bench: ${TOTAL} files (${ENCRYPTED} encrypted), ${ROUNDS} rounds, node ${process.version}, ${os.cpus().length} CPU(s)`,
);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`  ${name.padEnd(24)} ${m.toFixed(0).padStart(6)} ms   ${(m / f0).toFixed(2)}× floor`);
}
const noKeyR = median(times["no key"]) / f0;
const macR = median(times["with MAC"]) / f0;
console.log(
  `  targets: no key ≤ 1.5× (${noKeyR <= 1.5 ? "met" : "MISSED"}), with MAC ≤ 2.0× (${macR <= 2.0 ? "met" : "MISSED"}), whole-repo verify < sops-age on its 2,000 files (${median(times["with MAC"]) < median(times["sops-age (2,000 files)"]) ? "met" : "MISSED"})`,
);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(tmp, { recursive: true, force: true });
