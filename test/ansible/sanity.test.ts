// `ansible-test sanity` (its default set: validate-modules, pylint, pep8, yamllint, compile, import, ansible-doc,
// ...) on the collection as shipped, with the test venv's ansible-test, in the venvs ansible-test makes itself
// (`--venv`) with its pinned sanity requirements from the package index.
//
// Those venvs take minutes to build, so they are kept between runs in a cache outside the repository, keyed by
// the ansible-core and Python versions (default ~/.cache/mxops/ansible-test-<core>-py<python>, or
// MXOPS_ANSIBLE_TEST_CACHE): ansible-test runs with HOME there (it keeps its sanity venvs in
// ~/.ansible/test/venv, pip its wheels in ~/.cache/pip), and the venv `--venv` runs ansible-test in — which it
// would otherwise rebuild inside the temp copy each time — is a link into the cache.
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { removeTempDir, tempDir } from "../helpers/tmp.js";
import { venvPython, venvTool } from "../helpers/tools.js";
import { COLLECTION_SRC, FQCN, ROOT } from "./harness.js";

// The tests the task asks for by name; the run covers the whole default set, these must be among what ran.
const REQUIRED = ["validate-modules", "pylint", "pep8", "yamllint", "compile", "import", "ansible-doc"];
// Linux's limit for a `#!` line; ansible-test keeps its venv paths short for the same reason.
const SHEBANG_MAX = 127;

interface Versions {
  python: string;
  core: string;
  pip: string;
}

function versions(): Versions {
  // The pip ansible-test bootstraps into each venv is pinned inside ansible-test; ask it rather than restate it.
  const script = [
    "import json, sys, types",
    "from ansible.release import __version__",
    "from ansible_test._internal.python_requirements import get_venv_packages",
    "python = '%d.%d' % sys.version_info[:2]",
    "pip = get_venv_packages(types.SimpleNamespace(version=python))['pip']",
    "print(json.dumps(dict(python=python, core=__version__, pip=pip)))",
  ].join("\n");
  return JSON.parse(execFileSync(venvPython(), ["-c", script], { encoding: "utf8" })) as Versions;
}

it("the collection passes ansible-test sanity", { timeout: 40 * 60_000 }, async () => {
  const ansibleTest = venvTool("ansible-test");
  const v = versions();
  const cache = path.resolve(
    process.env.MXOPS_ANSIBLE_TEST_CACHE ??
      path.join(homedir(), ".cache", "mxops", `ansible-test-${v.core}-py${v.python}`),
  );
  const home = path.join(cache, "home");
  const longest = path.join(home, ".ansible/test/venv/sanity.validate-modules", v.python, "01234567/bin/python");
  if (longest.length + 2 > SHEBANG_MAX) {
    throw new Error(
      `ansible-test cache ${cache} is too deep for #! lines: set MXOPS_ANSIBLE_TEST_CACHE to a shorter path`,
    );
  }
  // ansible-test fetches its pip bootstrap script from a host outside the package index unless its cache has one.
  const bootstrap = path.join(home, ".ansible", "test", "cache");
  mkdirSync(bootstrap, { recursive: true });
  copyFileSync(
    path.join(ROOT, "test", "ansible", "get_pip_standin.py"),
    path.join(bootstrap, `get_pip_${v.pip.replace(/\./g, "_")}.py`),
  );
  const delegation = path.join(cache, "delegation");
  mkdirSync(delegation, { recursive: true });

  const dir = tempDir("sanity");
  try {
    // ansible-test needs the collection at …/ansible_collections/<namespace>/<name>, as a real directory.
    const root = path.join(dir, "ansible_collections", ...FQCN.split("."));
    cpSync(COLLECTION_SRC, root, {
      recursive: true,
      filter: (src) => !/(^|\/)(__pycache__|tests\/output)$/.test(path.relative(COLLECTION_SRC, src)),
    });
    mkdirSync(path.join(root, "tests", "output", ".tmp"), { recursive: true });
    symlinkSync(delegation, path.join(root, "tests", "output", ".tmp", "delegation"));

    const args = ["sanity", "--venv", "--python", v.python, "--color", "no"];
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        ansibleTest,
        args,
        { cwd: root, env: { ...process.env, HOME: home }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const c = (err as { code?: unknown } | null)?.code;
          resolve({ code: err ? (typeof c === "number" ? c : 1) : 0, output: `${stdout}\n${stderr}` });
        },
      );
    });
    expect(code, `ansible-test ${args.join(" ")} failed:\n${output}`).toBe(0);
    for (const test of REQUIRED) expect(output, output).toMatch(new RegExp(`Running sanity test "${test}"`));
    expect(output).not.toMatch(/Skipping sanity test/);
  } finally {
    removeTempDir(dir); // now rather than after the file: the copy holds a link into the cache
  }
});
