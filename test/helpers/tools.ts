// Where the suite finds the external programs it drives. A missing tool fails the test that needs it with a
// message that says what to install; nothing is skipped.
import { accessSync, constants } from "node:fs";
import path from "node:path";

/** The venv `npm test` prepares from test/requirements.txt (test/setup/venv.mjs). */
export const VENV = path.resolve(process.env.MXOPS_TEST_VENV ?? ".venv");

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH; throws an Error naming the tool and how to get it. */
export function requireTool(name: string, install: string): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  throw new Error(`this test needs '${name}' on PATH: ${install}`);
}

/** Absolute path of a program installed in the test venv; throws when the venv lacks it. */
export function venvTool(name: string): string {
  const file = path.join(VENV, "bin", name);
  if (!executable(file)) {
    throw new Error(
      `this test needs '${name}' from the test venv (${file}): run 'npm test' (it runs test/setup/venv.mjs)`,
    );
  }
  return file;
}

/** The venv's python3: the interpreter the Ansible tests and the Synapse fixture run on. */
export function venvPython(): string {
  return venvTool("python3");
}

/** The `age` CLI, the independent cross-check of mxops's age decryption. */
export function ageCli(): string {
  return requireTool("age", "install it (Debian: apt-get install age)");
}

/** The `openssl` CLI, which makes the test CAs and certificates. */
export function opensslCli(): string {
  return requireTool("openssl", "install it (Debian: apt-get install openssl)");
}
