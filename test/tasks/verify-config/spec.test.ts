import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spec } from "../../../src/tasks/verify-config/spec.js";
import { verifyConfig } from "../../../src/index.js";
import { tempRepo, testDeps } from "./helpers.js";

const input = (
  values: Record<string, string | boolean | string[]>,
  positionals: string[] = [],
  env: Record<string, string> = {},
) => ({ values, positionals, env, cwd: "/work" });

describe("verify-config options at the edge", () => {
  it("takes one directory as the root, a file or several paths as a restriction", async () => {
    const dir = tempRepo({ "repo/a.yaml": "a: 1\n" });
    const deps = testDeps(dir);
    expect(await spec.toOptions({ ...input({}, ["repo"]), cwd: dir }, deps)).toMatchObject({
      root: path.join(dir, "repo"),
    });
    expect(await spec.toOptions({ ...input({}, ["repo/a.yaml"]), cwd: dir }, deps)).toMatchObject({
      root: dir,
      paths: ["repo/a.yaml"],
    });
    expect(await spec.toOptions({ ...input({}, ["a", "b"]), cwd: dir }, deps)).toMatchObject({
      root: dir,
      paths: ["a", "b"],
    });
  });

  it("reads age identities from --age-key-file, SOPS_AGE_KEY_FILE or SOPS_AGE_KEY", async () => {
    const deps = testDeps("/work");
    const dir = tempRepo({ "k.txt": "AGE-SECRET-KEY-1TEST\n" });
    const fromFlag = await spec.toOptions({ ...input({ "age-key-file": path.join(dir, "k.txt") }), cwd: dir }, deps);
    expect(fromFlag.ageKeys?.[0]?.text).toContain("AGE-SECRET-KEY-1TEST");
    const fromEnv = await spec.toOptions(
      input({}, [], { SOPS_AGE_KEY: "AGE-SECRET-KEY-1ENV", HOME: "/nonexistent" }),
      deps,
    );
    expect(fromEnv.ageKeys).toEqual([{ origin: "SOPS_AGE_KEY", text: "AGE-SECRET-KEY-1ENV", multiplePerLine: true }]);
    // sops' default keys.txt joins the other sources when it exists.
    const home = tempRepo({ ".config/sops/age/keys.txt": "AGE-SECRET-KEY-1DEFAULT\n" });
    const both = await spec.toOptions(
      { ...input({ "age-key-file": path.join(dir, "k.txt") }, [], { HOME: home }), cwd: dir },
      deps,
    );
    expect(both.ageKeys?.map((k) => k.text.trim())).toEqual(["AGE-SECRET-KEY-1TEST", "AGE-SECRET-KEY-1DEFAULT"]);
    await expect(spec.toOptions(input({ "age-key-file": "/nonexistent/k.txt" }), deps)).rejects.toMatchObject({
      code: "MXOPS_INPUT",
    });
  });

  it("validates --chart-version and --changed", async () => {
    const deps = testDeps("/work");
    expect(await spec.toOptions(input({ "chart-version": "v26.4.0", values: ["a.yaml"] }), deps)).toMatchObject({
      chartVersion: "26.4.0",
      values: ["a.yaml"],
    });
    expect(await spec.toOptions(input({ values: ["a.yaml\nb.yaml, c.yaml"] }), deps)).toMatchObject({
      values: ["a.yaml", "b.yaml", "c.yaml"],
    });
    await expect(spec.toOptions(input({ "chart-version": "latest" }), deps)).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
    await expect(spec.toOptions(input({ changed: "--help" }), deps)).rejects.toMatchObject({ code: "MXOPS_USAGE" });
  });

  it("maps Action inputs, the age key only through the environment as a secret", () => {
    const age = spec.actionInputs?.find((a) => a.input === "age-key");
    expect(age).toEqual({ input: "age-key", env: "SOPS_AGE_KEY", secret: true });
    expect(spec.actionInputs?.find((a) => a.input === "paths")).toMatchObject({ positional: true });
    expect(spec.actionInputs?.find((a) => a.input === "changed")).toMatchObject({ flag: "changed" });
    expect(spec.actionInputs?.find((a) => a.input === "authentik-token")).toMatchObject({
      env: "AUTHENTIK_TOKEN",
      secret: true,
    });
  });
});

describe("verifyConfig (library) with --changed", () => {
  it("reports only files changed in the range but still resolves references in unchanged files", async () => {
    const root = tempRepo({
      "hr.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: a, namespace: x}\nspec:\n  chart: {spec: {chart: c, version: 1.0.0, sourceRef: {kind: HelmRepository, name: r}}}\n  valuesFrom:\n    - {kind: ConfigMap, name: v}\n",
      "cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: v, namespace: x}\ndata:\n  values.yaml: |\n    a: 1\n",
      "old.yaml": "apiVersion: v1\nkind: ConfigMap\n",
    });
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd: root, stdio: "pipe" });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "one");
    writeFileSync(
      path.join(root, "hr.yaml"),
      `${execFileSync("cat", [path.join(root, "hr.yaml")]).toString()}    - {kind: ConfigMap, name: gone}\n`,
    );
    git("commit", "-qam", "two");
    const r = await verifyConfig({ root, changed: "HEAD~1..HEAD" }, testDeps(root));
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([["flux/values-from-unresolved", "hr.yaml"]]);
    const all = await verifyConfig({ root }, testDeps(root));
    expect(all.findings.map((f) => f.file)).toContain("old.yaml");
  });
});
