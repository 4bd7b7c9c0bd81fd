#!/usr/bin/env node
// invite batch at scale: N recipients (default 1000) against the local stack — a real oidc-provider as MAS's
// authorization server, the spec-validated MAS Admin API fake, a real SMTP server — then a real kill (SIGKILL of a
// CLI child process) at about row N/2 and a rerun. Prints wall time, peak concurrency, a same-run baseline (raw
// token POSTs at the same concurrency, no audit, no mail) and the end state: live invites = N, duplicates = 0.
// Usage: node bench/invite-batch.mjs [N] [concurrency] [mas|authentik]   (bundles src/ on the fly; no dist/ needed)
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const N = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const BACKEND = process.argv[4] ?? "mas";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

// Bundles live inside the project so their bare imports (oidc-provider, nodemailer, …) resolve from node_modules.
const tmp = mkdtempSync(path.join(root, "bench", ".invite-bench-"));
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  logLevel: "error",
  banner,
};
await build({
  ...common,
  stdin: {
    contents: [
      'export { startStack } from "./test/tasks/invite/harness.ts";',
      'export { runInvite } from "./src/tasks/invite/index.ts";',
    ].join("\n"),
    resolveDir: root,
    loader: "ts",
  },
  outfile: path.join(tmp, "stack.mjs"),
});
await build({ ...common, entryPoints: [path.join(root, "src", "bin.ts")], outfile: path.join(tmp, "cli.mjs") });
const { startStack, runInvite } = await import(path.join(tmp, "stack.mjs"));

// oidc-provider prints development warnings; they are noise here.
const warn = console.warn;
console.warn = () => undefined;
const stack = await startStack();
console.warn = warn;
const { default: YAML } = await import("yaml");

const listFile = path.join(stack.dir, "invites.csv");
writeFileSync(
  listFile,
  ["email,name", ...Array.from({ length: N }, (_, i) => `user${i}@example.org,User ${i}`)].join("\n"),
);
stack.raw.audit_log = "audit.jsonl";
stack.raw.backend = BACKEND;
const config = path.join(stack.dir, "mxops.yaml");
writeFileSync(config, YAML.stringify({ invite: stack.raw }));
const env = {
  ...process.env,
  MXOPS_MAS_CLIENT_SECRET: "mas-client-secret-Zq8v2KkP3xY7",
  MXOPS_SMTP_PASSWORD: "smtp-password-Hh4nN9wQ",
  AUTHENTIK_TOKEN: "ak-test-token-0123456789",
};
/** Live invites at the backend as { secret, created }: MAS valid tokens or unexpired Authentik invitations. */
function liveInvites() {
  if (BACKEND === "mas") return stack.mas.validTokens().map((t) => t.token);
  const now = Date.now();
  return [...stack.authentik.invitations.values()]
    .filter((i) => !i.expires || Date.parse(i.expires) > now)
    .map((i) => i.pk);
}
const createdCount = () =>
  BACKEND === "mas"
    ? stack.mas.tokens.size
    : stack.authentik.requests.filter((r) => r.operationId === "stages_invitation_invitations_create").length;
// The fixed clock of the test stack is not wanted here: real time for the whole bench.
stack.deps.now = () => new Date();
stack.clock.now = new Date();
Object.defineProperty(stack.clock, "now", { get: () => new Date(), set: () => {} });

function fmt(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

// 1. Baseline: the same number of creations as bare HTTP POSTs (MAS with a pre-fetched admin token), no audit, no mail.
async function baselineAuthentik() {
  const flow = stack.authentik.flows.get("matrix-invitation").pk;
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const r = await fetch(`${stack.authentik.baseUrl}/api/v3/stages/invitation/invitations/`, {
          method: "POST",
          headers: { authorization: "Bearer ak-test-token-0123456789", "content-type": "application/json" },
          body: JSON.stringify({ name: `bench-${i}`, flow, single_use: true, expires: "2099-01-01T00:00:00Z" }),
        });
        await r.arrayBuffer();
      }
    }),
  );
  return performance.now() - t;
}

async function baseline() {
  if (BACKEND === "authentik") return baselineAuthentik();
  const o = stack.options("preflight");
  const tokenRes = await fetch(`${stack.oidc.issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(o.config.mas.clientId)}:${encodeURIComponent(o.secrets.masClientSecret)}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials&scope=urn%3Amas%3Aadmin",
  });
  const { access_token: bearer } = await tokenRes.json();
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        next++;
        const r = await fetch(`${stack.mas.url}/api/admin/v1/user-registration-tokens`, {
          method: "POST",
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
          body: JSON.stringify({ usage_limit: 1, expires_at: "2099-01-01T00:00:00Z" }),
        });
        await r.arrayBuffer();
      }
    }),
  );
  return performance.now() - t;
}

const baseMs = await baseline();
stack.reset();
stack.raw.backend = BACKEND;
stack.deps.now = () => new Date();
writeFileSync(
  listFile,
  ["email,name", ...Array.from({ length: N }, (_, i) => `user${i}@example.org,User ${i}`)].join("\n"),
);
writeFileSync(config, YAML.stringify({ invite: stack.raw }));

// 2. A clean batch in-process (for wall time and peak concurrency).
let t = performance.now();
const clean = await runInvite(
  stack.options("batch", { listFile, concurrency: CONCURRENCY, runtime: { timeoutMs: 15_000 } }),
  stack.deps,
);
const cleanMs = performance.now() - t;
const summary = clean.results.summary;
const cleanLive = liveInvites().length;

// 3. Kill at ~N/2: the CLI in a child process, SIGKILLed once MAS has created N/2 tokens; then rerun.
stack.reset();
stack.raw.backend = BACKEND;
stack.deps.now = () => new Date();
writeFileSync(
  listFile,
  ["email,name", ...Array.from({ length: N }, (_, i) => `user${i}@example.org,User ${i}`)].join("\n"),
);
writeFileSync(config, YAML.stringify({ invite: stack.raw }));
const cliArgs = [
  path.join(tmp, "cli.mjs"),
  "invite",
  "batch",
  listFile,
  "--config",
  config,
  "--concurrency",
  String(CONCURRENCY),
  "--format",
  "json",
];
t = performance.now();
const child = spawn(process.execPath, cliArgs, { env, stdio: ["ignore", "ignore", "ignore"] });
const killAt = Math.floor(N / 2);
await new Promise((resolve) => {
  const timer = setInterval(() => {
    if (createdCount() >= killAt) {
      child.kill("SIGKILL");
      clearInterval(timer);
    }
  }, 1);
  child.on("exit", () => {
    clearInterval(timer);
    resolve();
  });
});
const killedMs = performance.now() - t;
const atKill = { tokens: createdCount(), mails: stack.smtp.mails.length };
const auditLines = readFileSync(path.join(stack.dir, "audit.jsonl"), "utf8").trim().split("\n");
const pendingAtKill = new Set();
for (const l of auditLines) {
  const r = JSON.parse(l);
  if (r.status === "pending" || r.status === "created") pendingAtKill.add(r.attempt);
  else pendingAtKill.delete(r.attempt);
}
t = performance.now();
const rerun = await new Promise((resolve) => {
  const c = spawn(process.execPath, cliArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  c.stdout.on("data", (d) => (out += d));
  c.on("exit", (code) => resolve({ code, report: JSON.parse(out) }));
});
const rerunMs = performance.now() - t;

// End state: every valid token must have been mailed to exactly one recipient, one per recipient.
const valid = liveInvites();
const owner = new Map();
const bySecret = new Set(valid);
for (const m of stack.smtp.mails) {
  const found = BACKEND === "mas" ? /^\s{4}(\S+)$/m.exec(m.text)?.[1] : /itoken=([0-9a-f-]{36})/.exec(m.text)?.[1];
  if (found && bySecret.has(found)) owner.set(found, m.to[0]);
}
const perRecipient = new Map();
for (const secret of valid) {
  const who = owner.get(secret) ?? "(unmailed)";
  perRecipient.set(who, (perRecipient.get(who) ?? 0) + 1);
}
const duplicates = [...perRecipient.entries()].reduce((n, [who, c]) => n + (who === "(unmailed)" ? c : c - 1), 0);
const rs = rerun.report.results.summary;
const leftovers = rerun.report.findings.filter((f) => f.ruleId === "invite/leftover-revoked").length;

console.log(
  `invite batch bench: ${N} recipients, concurrency ${CONCURRENCY}, backend ${BACKEND}; ${BACKEND === "mas" ? "MAS fake + oidc-provider" : "Authentik fake"} (spec-validated) + smtp-server`,
);
console.log(`baseline: ${N} bare create POSTs       ${fmt(baseMs)}  1.00x`);
console.log(
  `batch (in-process, clean)             ${fmt(cleanMs)}  ${(cleanMs / baseMs).toFixed(2)}x  (${(N / (cleanMs / 1000)).toFixed(0)} invites/s, peak concurrency ${summary.peakConcurrency}, sent ${summary.sent}, live ${cleanLive})`,
);
console.log(
  `batch (CLI) killed at ${atKill.tokens} creates    ${fmt(killedMs)}  (${atKill.mails} mails out, ${pendingAtKill.size} invites created/pending but not mailed)`,
);
console.log(
  `rerun (CLI)                           ${fmt(rerunMs)}  exit ${rerun.code}; sent ${rs.sent}, skipped ${rs.skipped}, failed ${rs.failed}, leftovers revoked ${leftovers}`,
);
console.log(
  `end state: live invites = ${valid.length} (expected ${N}), recipients with a live invite = ${perRecipient.size - (perRecipient.has("(unmailed)") ? 1 : 0)}, duplicates = ${duplicates}`,
);
console.log(`spec violations: MAS ${stack.mas.violations.length}, Authentik ${stack.authentik.violations.length}`);
const ok =
  valid.length === N &&
  duplicates === 0 &&
  stack.mas.violations.length === 0 &&
  stack.authentik.violations.length === 0 &&
  rerun.code === 0;
await stack.stop();
rmSync(tmp, { recursive: true, force: true });
console.log(ok ? "OK" : "FAILED");
process.exit(ok ? 0 : 1);
