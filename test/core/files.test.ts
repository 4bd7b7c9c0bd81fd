import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeExec } from "../../src/core/exec.js";
import { selectFiles } from "../../src/core/files.js";
import { tempDir } from "../helpers/tmp.js";

function tree(files: Record<string, string>): string {
  const dir = tempDir("files");
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}
const git = (dir: string, ...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" }).toString();

describe("selectFiles", () => {
  it("walks a plain directory, skipping .git and node_modules, following only in-root file links", async () => {
    const dir = tree({
      "a.yaml": "a",
      "sub/b.yaml": "b",
      "node_modules/x.yaml": "x",
      "-leading dash.yaml": "d",
      "uni ü\nline.yaml": "u",
    });
    const outside = tree({ "secret.yaml": "s" });
    symlinkSync(path.join(outside, "secret.yaml"), path.join(dir, "out-link.yaml"));
    symlinkSync(path.join(dir, "a.yaml"), path.join(dir, "in-link.yaml"));
    symlinkSync(dir, path.join(dir, "sub", "loop"));
    const files = await selectFiles(nodeExec, { root: dir });
    expect(files.map((f) => f.rel)).toEqual([
      "-leading dash.yaml",
      "a.yaml",
      "in-link.yaml",
      "sub/b.yaml",
      "uni ü\nline.yaml",
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("uses tracked + untracked-not-ignored files in a git work tree and restricts to --changed", async () => {
    const dir = tree({
      "keep.yaml": "1",
      "ignored.yaml": "2",
      ".gitignore": "ignored.yaml\n",
      "apps/x.yaml": "3",
      "-n.yaml": "4",
    });
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", ".");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "one");
    writeFileSync(path.join(dir, "apps/x.yaml"), "changed");
    writeFileSync(path.join(dir, "new.yaml"), "untracked");
    git(dir, "add", ".");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "two");
    git(dir, "rm", "-q", "keep.yaml");
    git(dir, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "three");
    const all = await selectFiles(nodeExec, { root: dir });
    expect(all.map((f) => f.rel)).toEqual(["-n.yaml", ".gitignore", "apps/x.yaml", "new.yaml"]);
    const changed = await selectFiles(nodeExec, { root: dir, changed: "HEAD~2..HEAD" });
    expect(changed.map((f) => f.rel)).toEqual(["apps/x.yaml", "new.yaml"]);
    const sub = await selectFiles(nodeExec, { root: dir, paths: ["apps"] });
    expect(sub.map((f) => f.rel)).toEqual(["apps/x.yaml"]);
    await expect(selectFiles(nodeExec, { root: dir, changed: "--output=/tmp/x" })).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
    await expect(selectFiles(nodeExec, { root: dir, changed: "nope..HEAD" })).rejects.toMatchObject({
      code: "MXOPS_USAGE",
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it("names a missing root or path in one input error", async () => {
    await expect(selectFiles(nodeExec, { root: "/nonexistent/mxops" })).rejects.toMatchObject({
      code: "MXOPS_INPUT",
      message: "/nonexistent/mxops: no such directory",
    });
    const dir = tree({ "a.yaml": "a" });
    await expect(selectFiles(nodeExec, { root: dir, paths: ["missing.yaml"] })).rejects.toMatchObject({
      message: "missing.yaml: no such file or directory",
    });
  });
});
