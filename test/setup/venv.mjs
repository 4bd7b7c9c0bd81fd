// Makes the Python tools the suite needs (test/requirements.txt) available in .venv/ before the tests run.
// Idempotent: it reinstalls only when the requirements file changed (a hash stamp inside the venv). Needs
// python3 with the venv module on PATH and the Python package index (or a pip configuration that serves it).
// MXOPS_TEST_VENV points at another venv folder.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const venv = path.resolve(root, process.env.MXOPS_TEST_VENV ?? ".venv");
const requirements = path.join(root, "test", "requirements.txt");
const stamp = path.join(venv, ".mxops-requirements.sha256");
const want = createHash("sha256").update(readFileSync(requirements)).digest("hex");
const pip = path.join(venv, "bin", "pip");

function fail(message) {
  console.error(`test setup: ${message}`);
  process.exit(1);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.error) fail(`${cmd} could not start (${r.error.code ?? r.error.message})`);
  if (r.status !== 0) fail(`'${path.basename(cmd)} ${args.slice(0, 2).join(" ")} …' exited ${r.status}`);
}

if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === want && existsSync(pip)) process.exit(0);

const python = process.env.PYTHON ?? "python3";
const probe = spawnSync(python, ["-c", "import venv, ensurepip"], { stdio: "ignore" });
if (probe.error || probe.status !== 0) {
  fail(`the tests need ${python} with the venv and ensurepip modules on PATH (Debian: apt-get install python3-venv)`);
}
console.log(`test setup: installing test/requirements.txt into ${path.relative(root, venv) || venv}`);
rmSync(venv, { recursive: true, force: true });
run(python, ["-m", "venv", venv]);
run(pip, ["install", "--quiet", "--disable-pip-version-check", "-r", requirements]);
writeFileSync(stamp, want + "\n");
