// The collection as shipped: it builds and installs with ansible-galaxy, ansible-doc renders every module, each
// module's argument spec matches its documentation, the README's option tables match ansible-doc, and the CLI
// flags and environment variables the modules use exist in the task specs that are implemented.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMON_OPTIONS } from "../../src/edge.js";
import { loadTask, type TaskName } from "../../src/tasks/registry.js";
import { venvPython, venvTool } from "../helpers/tools.js";
import { FQCN, MODULES, ROOT, makeWorkspace, runAnsibleDoc } from "./harness.js";

interface DocOption {
  type?: string;
  elements?: string;
  default?: unknown;
  choices?: unknown[];
  required?: boolean;
  description: string | string[];
}
interface ArgSpec {
  type?: string;
  elements?: string;
  default?: unknown;
  choices?: unknown[];
  required?: boolean;
  no_log?: boolean;
}
interface Introspected {
  task: string;
  argument_spec: Record<string, ArgSpec>;
  option_flags: [string, string][];
  secret_env: [string, string][];
}

let installed: { dir: string; collections: string };
let docs: Record<string, { doc: { options: Record<string, DocOption>; short_description: string } }>;
let docJson: string;
let modules: Record<string, Introspected>;

beforeAll(async () => {
  const ws = makeWorkspace();
  // Build and install exactly as the README says, then document the installed copy.
  const out = path.join(ws.dir, "build");
  const galaxy = venvTool("ansible-galaxy");
  execFileSync(galaxy, ["collection", "build", path.join(ROOT, "ansible"), "--output-path", out], {
    stdio: "pipe",
    cwd: ws.dir,
  });
  const tarball = readdirSync(out).find((f) => f.endsWith(".tar.gz"));
  expect(tarball).toBeDefined();
  const dest = path.join(ws.dir, "installed");
  execFileSync(galaxy, ["collection", "install", path.join(out, tarball!), "-p", dest], {
    stdio: "pipe",
    cwd: ws.dir,
  });
  installed = { dir: ws.dir, collections: dest };
  const r = await runAnsibleDoc(installed, ["-t", "module", "--json", ...MODULES.map((m) => `${FQCN}.${m}`)]);
  expect(r.code, r.stderr).toBe(0);
  docJson = r.stdout;
  docs = JSON.parse(r.stdout) as typeof docs;
  const py = execFileSync(venvPython(), [path.join(ROOT, "test", "ansible", "introspect.py"), dest, FQCN, ...MODULES], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
  });
  modules = JSON.parse(py.toString()) as typeof modules;
}, 120_000);

describe("collection", () => {
  it("galaxy build ships the modules, module_utils, doc fragment, runtime and example, and nothing from tests", () => {
    const root = path.join(installed.collections, "ansible_collections", ...FQCN.split("."));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(path.relative(root, p));
      }
    };
    walk(root);
    expect(files).toEqual(
      expect.arrayContaining([
        "meta/runtime.yml",
        "plugins/module_utils/mxops.py",
        "plugins/doc_fragments/mxops.py",
        "examples/verify-and-invite.yml",
        ...MODULES.map((m) => `plugins/modules/${m}.py`),
      ]),
    );
    expect(files.filter((f) => /__pycache__|\.pyc$/.test(f))).toEqual([]);
    // The licence text travels with the collection, identical to the repository's.
    expect(readFileSync(path.join(root, "LICENSE"), "utf8")).toBe(readFileSync(path.join(ROOT, "LICENSE"), "utf8"));
  });

  it("galaxy.yml names the licence once and the project's home, as package.json and the READMEs do", () => {
    const meta = parse(readFileSync(path.join(ROOT, "ansible", "galaxy.yml"), "utf8")) as Record<string, unknown>;
    // ansible-galaxy takes `license` (SPDX ids) or `license_file`, never both.
    expect(meta.license).toEqual(["Apache-2.0"]);
    expect(meta.license_file).toBeUndefined();
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { repository: { url: string } };
    const home = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(meta.repository).toBe(home);
    expect(meta.homepage).toBe(home);
    expect(meta.issues).toBe(`${home}/issues`);
    expect(meta.documentation).toBe(`${home}/blob/main/ansible/README.md`);
    // Both READMEs install this version's release asset.
    const asset = `${home}/releases/download/v${String(meta.version)}/${String(meta.namespace)}-${String(meta.name)}-${String(meta.version)}.tar.gz`;
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("\n## Ansible"),
      readme.indexOf("\n## ", readme.indexOf("\n## Ansible") + 5),
    );
    expect(section).toContain(`ansible-galaxy collection install ${asset}`);
    expect(readFileSync(path.join(ROOT, "ansible", "README.md"), "utf8")).toContain(
      `ansible-galaxy collection install ${asset}`,
    );
    expect(section).not.toMatch(/npx --yes/);
  });

  it("ansible-doc renders every module without errors or warnings", async () => {
    const r = await runAnsibleDoc(installed, ["-t", "module", ...MODULES.map((m) => `${FQCN}.${m}`)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/ERROR|WARNING/);
    // The header's layout differs between ansible-core releases; the module's name is in each.
    for (const m of MODULES) expect(r.stdout.toLowerCase()).toContain(`${FQCN}.${m}`);
    for (const m of MODULES) {
      const d = docs[`${FQCN}.${m}`].doc as unknown as { examples?: string; return?: object };
      expect(Object.keys((d as unknown as { options: object }).options).length).toBeGreaterThan(3);
    }
  });

  it("every module has EXAMPLES and RETURN that ansible-doc parses", () => {
    for (const m of MODULES) {
      const entry = docs[`${FQCN}.${m}`] as unknown as { examples: string; return: Record<string, unknown> };
      expect(entry.examples, m).toContain(`${FQCN}.${m}`);
      expect(Object.keys(entry.return), m).toEqual(
        expect.arrayContaining(["findings", "counts", "report", "cmd", "msg", "rc"]),
      );
    }
  });

  it("each module's argument spec matches its documented options (type, elements, default, choices, required)", () => {
    for (const m of MODULES) {
      const spec = modules[m].argument_spec;
      const doc = docs[`${FQCN}.${m}`].doc.options;
      expect(Object.keys(spec).sort(), m).toEqual(Object.keys(doc).sort());
      for (const [name, s] of Object.entries(spec)) {
        const d = doc[name];
        const where = `${m}.${name}`;
        expect(d.type ?? "str", where).toBe(s.type ?? "str");
        expect(d.elements, where).toBe(s.elements);
        expect(d.default ?? null, where).toEqual(s.default ?? null);
        expect(d.choices ?? null, where).toEqual(s.choices ?? null);
        expect(d.required ?? false, where).toBe(s.required ?? false);
      }
    }
  });

  it("secret options are no_log and go to the environment; no other option is no_log", () => {
    for (const m of MODULES) {
      const { argument_spec: spec, secret_env: env, option_flags: flags } = modules[m];
      const secretParams = new Set(env.map(([p]) => p));
      const noLog = Object.entries(spec)
        .filter(([, s]) => s.no_log === true)
        .map(([n]) => n);
      expect(noLog.sort(), m).toEqual([...secretParams].sort());
      for (const [param] of flags) expect(secretParams.has(param), `${m}.${param} is a flag`).toBe(false);
      for (const p of secretParams) expect(spec[p].type ?? "str", `${m}.${p}`).toBe("str");
    }
  });

  it("the README's Ansible option tables are what ansible-doc says", () => {
    const rendered = execFileSync(venvPython(), [path.join(ROOT, "test", "ansible", "readme_options.py"), FQCN], {
      input: docJson,
    }).toString();
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const m = /<!-- ansible-options:start -->\n([\s\S]*?)<!-- ansible-options:end -->/.exec(readme);
    expect(m, "README has the ansible-options markers").not.toBeNull();
    // To update: ansible-doc -t module --json <modules> | python3 test/ansible/readme_options.py mxops.matrix README.md
    expect(m![1]).toBe(rendered);
  });
});

describe("alignment with the CLI", () => {
  // The task's own sources plus src/core (where shared key loading may live).
  const sourceOf = (task: string): string => {
    const parts: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts")) parts.push(readFileSync(p, "utf8"));
      }
    };
    walk(path.join(ROOT, "src", "tasks", task));
    walk(path.join(ROOT, "src", "core"));
    return parts.join("\n");
  };

  for (const m of MODULES) {
    it(`${m}: every flag it passes is an option of the task, and every task option is reachable`, async () => {
      const info = modules[m];
      const spec = await loadTask(info.task as TaskName);
      if (spec.summary === "not implemented yet") return; // placeholder spec: covered by the stub tests only
      const taskFlags = new Set(Object.keys(spec.options));
      for (const [param, flag] of info.option_flags) {
        expect(
          taskFlags.has(flag.replace(/^--/, "")) || flag.replace(/^--/, "") in COMMON_OPTIONS,
          `${m}.${param} → ${flag}`,
        ).toBe(true);
      }
      const mapped = new Set(info.option_flags.map(([, f]) => f.replace(/^--/, "")));
      // --dry-run is driven by check mode; the output options are the runner's own (--format json, stdout).
      const unmapped = [...taskFlags].filter((f) => !mapped.has(f) && f !== "dry-run");
      expect(unmapped, `${info.task} options without a module option`).toEqual([]);
      const src = sourceOf(info.task);
      for (const [, env] of info.secret_env) {
        if (env === "GITHUB_TOKEN" || env === "GITEA_TOKEN") {
          expect(src.includes("GITEA_TOKEN") || src.includes("GITHUB_TOKEN"), `${info.task} reads a forge token`).toBe(
            true,
          );
        } else {
          expect(src, `${info.task} reads ${env}`).toContain(env);
        }
      }
    });
  }
});
