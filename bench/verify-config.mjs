#!/usr/bin/env node
// Benchmark of verify-config (offline) against a same-run floor. Generates a synthetic GitOps repo of
// 5,000 manifests in a temp dir — Deployments, Services, plain ConfigMaps, HelmReleases that take values from
// a ConfigMap with a `values.yaml: |` block (1 in 4 files), and ESS matrix-stack HelmReleases whose values
// also embed Synapse/MAS/Element configs — then measures medians of several rounds:
//   floor          walk + read + YAML-parse every file with the `yaml` package (parseAllDocuments)
//   verify-config  the whole offline pass (YAML, Kubernetes, kustomize, Flux valuesFrom + merge, ESS schema,
//                  component rules), from the library bundle built from src/
// and prints the ratio (target ≤ 2×) and peak RSS. Usage: node bench/verify-config.mjs [--files 5000] [--rounds 5]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { arg, importLibrary } from "./lib.mjs";

const TOTAL = arg("--files", 5_000);
const ROUNDS = arg("--rounds", 5);

const tmp = mkdtempSync(path.join(os.tmpdir(), "mxops-bench-vc-"));
const lib = await importLibrary(tmp);
const YAML = (await import("yaml")).default;

// --- generate the repo -------------------------------------------------------------------------------
const repo = path.join(tmp, "repo");
const essValues = (i) => `serverName: ex${i}.org
synapse:
  ingress: {host: matrix.ex${i}.org}
  additional:
    extra:
      config: |
        url_preview_enabled: true
        allow_public_rooms_over_federation: false
matrixAuthenticationService:
  ingress: {host: account.ex${i}.org}
  additional:
    accounts:
      config: |
        account:
          password_registration_enabled: false
matrixRTC:
  ingress: {host: mrtc.ex${i}.org}
elementWeb:
  ingress: {host: chat.ex${i}.org}
  additional:
    look: '{"brand": "Chat ${i}"}'
elementAdmin:
  ingress: {host: admin.ex${i}.org}
`;
function files(i) {
  const ns = `team-${i % 40}`;
  const kind = i % 4;
  if (kind === 0) {
    const ess = i % 100 === 0;
    const hr = {
      apiVersion: "helm.toolkit.fluxcd.io/v2",
      kind: "HelmRelease",
      metadata: { name: `app-${i}`, namespace: ns },
      spec: {
        interval: "10m",
        chart: {
          spec: {
            chart: ess ? "matrix-stack" : "app",
            version: ess ? "26.4.0" : "1.2.3",
            sourceRef: { kind: "HelmRepository", name: "charts" },
          },
        },
        valuesFrom: [{ kind: "ConfigMap", name: `app-${i}-values` }],
        values: { replicaCount: 2 },
      },
    };
    if (ess) delete hr.spec.values;
    const values = ess
      ? essValues(i)
      : `image:\n  repository: registry.example.org/app\n  tag: "${i}"\ningress:\n  enabled: true\n  hosts:\n    - host: svc-${i}.example.org\n      paths: [{path: /, pathType: Prefix}]\nresources:\n  limits: {cpu: 500m, memory: 256Mi}\n`;
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `app-${i}-values`, namespace: ns },
      data: { "values.yaml": values },
    };
    return `${YAML.stringify(hr)}---\n${YAML.stringify(cm, { blockQuote: "literal" })}`;
  }
  const base = {
    apiVersion: kind === 1 ? "apps/v1" : "v1",
    kind: ["", "Deployment", "Service", "ConfigMap"][kind],
    metadata: { name: `svc-${i}`, namespace: ns, labels: { app: `svc-${i}` } },
  };
  if (kind === 1)
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
              env: [{ name: "LOG_LEVEL", value: "info" }],
              resources: { limits: { cpu: "500m", memory: "256Mi" } },
            },
          ],
        },
      },
    };
  if (kind === 2) base.spec = { selector: { app: `svc-${i}` }, ports: [{ port: 80, targetPort: 8080 }] };
  if (kind === 3) base.data = { "app.conf": `listen = 8080\nworkers = ${i % 8}\n` };
  return YAML.stringify(base);
}
for (let i = 0; i < TOTAL; i++) {
  const dir = path.join(repo, `apps/team-${i % 40}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `m-${i}.yaml`), files(i));
}

// --- measure -----------------------------------------------------------------------------------------
async function walk(dir, out) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out;
}
async function floor() {
  const list = await walk(repo, []);
  const texts = await Promise.all(list.map((f) => readFile(f, "utf8")));
  let docs = 0;
  for (const t of texts) docs += YAML.parseAllDocuments(t).length;
  return docs;
}
let findingCount = 0;
async function verify() {
  const r = await lib.verifyConfig({ root: repo }, lib.defaultDeps({ cwd: repo }));
  findingCount = r.findings.length;
  return r;
}
const cases = { floor, "verify-config": verify };
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const fn of Object.values(cases)) await fn(); // warm-up: file cache, JIT
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(cases)) {
    const t = performance.now();
    await fn();
    times[name].push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = median(times.floor);
console.log(
  `verify-config bench: ${TOTAL} files (${TOTAL / 4} HelmReleases with values ConfigMaps, ${Math.ceil(TOTAL / 100)} of them ESS), ${ROUNDS} rounds, medians`,
);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(
    `  ${name.padEnd(16)} ${m.toFixed(0).padStart(6)} ms   ${(m / f0).toFixed(2)}× floor${name === "verify-config" ? "   (target ≤ 2×)" : ""}`,
  );
}
console.log(`  findings: ${findingCount}   peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (!process.env.MXOPS_BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });
else console.log(`kept ${tmp}`);
