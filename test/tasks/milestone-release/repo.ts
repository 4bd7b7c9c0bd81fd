// Temporary git repositories with milestone tags, shared by the milestone-release and Action tests.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeTempDir, tempDir } from "../../helpers/tmp.js";

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "dev",
  GIT_AUTHOR_EMAIL: "dev@example.org",
  GIT_COMMITTER_NAME: "dev",
  GIT_COMMITTER_EMAIL: "dev@example.org",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** A throwaway repository; `commit`, `tag` and `run` drive git without a shell. */
export class TempRepo {
  readonly dir: string;
  private n = 0;
  private static made: string[] = [];

  constructor(dir?: string) {
    this.dir = dir ?? tempDir("repo");
    TempRepo.made.push(this.dir);
    // Copies and clones continue after the original's dates.
    if (dir) this.tick = 10_000;
    else this.run("init", "-q", "-b", "main");
  }

  private tick = 0;

  run(...args: string[]): string {
    // Fixed, increasing dates keep commit order and SHAs independent of the wall clock.
    const t = this.tick++;
    const date = new Date(Date.UTC(2026, 4, 1, 10) + t * 60_000).toISOString();
    return execFileSync("git", args, {
      cwd: this.dir,
      env: { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      encoding: "utf8",
    }).trim();
  }

  /** Commit a change (a new file per commit unless `file` says otherwise); returns the SHA. */
  commit(subject: string, file?: { path: string; content: string }): string {
    const f = file ?? { path: `notes/${++this.n}.txt`, content: `${subject}\n` };
    const p = path.join(this.dir, f.path);
    execFileSync("mkdir", ["-p", path.dirname(p)]);
    writeFileSync(p, f.content);
    this.run("add", "--", f.path);
    this.run("commit", "-q", "-m", subject);
    return this.run("rev-parse", "HEAD");
  }

  tag(name: string, message?: string): void {
    if (message === undefined) this.run("tag", name);
    else this.run("tag", "-a", name, "-m", message);
  }

  head(): string {
    return this.run("rev-parse", "HEAD");
  }

  /**
   * What actions/checkout leaves for a tag push: a depth-1 clone whose tag is lightweight
   * (pointing at the commit), no other tags.
   */
  checkoutLikeActions(tag: string, options: { depth?: number; full?: boolean } = {}): TempRepo {
    const dir = tempDir("checkout");
    // fetch-depth: 0 fetches the whole history and the other tags as they are; only the pushed tag is
    // rewritten to point at the commit.
    const how = options.full ? [] : ["--no-tags", `--depth=${options.depth ?? 1}`];
    execFileSync("git", ["clone", "-q", ...how, "--branch", tag, `file://${this.dir}`, dir], {
      env: ENV,
      stdio: "ignore",
    });
    const clone = new TempRepo(dir);
    if (!options.full)
      for (const t of clone.run("tag", "--list").split("\n").filter(Boolean)) clone.run("tag", "-d", t);
    clone.run("tag", "-f", tag, "HEAD");
    return clone;
  }

  /**
   * Remove every repository made so far (the shared template included). They are tempDir()s, so the end of the
   * test file removes them anyway; this frees them earlier.
   */
  static cleanup(): void {
    for (const d of TempRepo.made.splice(0)) removeTempDir(d);
    template = undefined;
  }
}

let template: TempRepo | undefined;

/**
 * A repository with two milestones: m1 (annotated) and m2 (annotated, conventional commits, a merge).
 * Built once per test file and copied for each caller (git history is identical, so SHAs are too).
 */
export function milestoneRepo(): TempRepo {
  if (!template || !existsSync(template.dir)) template = buildMilestoneRepo();
  const dir = tempDir("repo");
  cpSync(template.dir, dir, { recursive: true });
  return new TempRepo(dir);
}

function buildMilestoneRepo(): TempRepo {
  const r = new TempRepo();
  r.commit("initial layout");
  r.commit("feat(flux): bootstrap cluster");
  r.tag("m1-k3s-complete", "M1: K3s and Flux\n\nCluster bootstrapped.");
  r.commit("feat(ess): deploy matrix-stack");
  r.commit("fix(mas): correct issuer URL");
  r.run("checkout", "-q", "-b", "side");
  r.commit("docs: side branch note");
  r.run("checkout", "-q", "main");
  r.run("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side");
  r.commit("chore: bump authentik to 2026.2.3");
  r.tag("m2-turn-complete", "M2: TURN and calls\n\nTURN relay and MatrixRTC work.\nCalls connect across NATs.");
  return r;
}
