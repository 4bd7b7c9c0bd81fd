import path from "node:path";
import { MxopsError, usageError } from "../../core/errors.js";
import type { Deps } from "../../core/deps.js";
import type { EdgeInput } from "../types.js";
import { globToRegExp } from "./glob.js";
import { assertTagName } from "./localgit.js";

/** Default tag filter, the same glob as the operators' workflow trigger. */
export const DEFAULT_PATTERN = "m*-*-complete";

/** Typed options of milestone-release (built at the edge by `toMilestoneReleaseOptions`). */
export interface MilestoneReleaseOptions {
  tag: string;
  pattern: string;
  /** Checkout to read tags and history from. */
  dir: string;
  owner?: string;
  repo?: string;
  /** API base without trailing slash. */
  apiUrl?: string;
  /** Web base of the forge (`https://host`), for links; derived from the API URL when absent. */
  serverUrl?: string;
  /** Forced forge; probed from the API when undefined. */
  forge?: "gitea" | "github";
  /** Tokens by where they came from; the one matching the forge is used first. Never from argv. */
  giteaToken?: string;
  githubToken?: string;
  milestone?: string;
  dryRun: boolean;
  closeMilestone: boolean;
  draft: boolean;
  prerelease: boolean;
  /** Cap on commits listed in the notes. */
  maxCommits: number;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function stripSlash(u: string): string {
  return u.replace(/\/+$/, "");
}

function checkUrl(name: string, u: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw usageError(`${name}: not a URL: ${JSON.stringify(u)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw usageError(`${name}: must be http(s), not ${url.protocol}`);
  if (url.username || url.password || url.search) throw usageError(`${name}: must not carry credentials or a query`);
  return stripSlash(url.href);
}

/**
 * Turn CLI/Action input into options. Tag from `--tag` or `GITHUB_REF` (`refs/tags/…`), which must match
 * `--pattern`; repo from `--repo` or `GITHUB_REPOSITORY`; API base from `--api-url`, `GITHUB_API_URL`, or
 * `GITHUB_SERVER_URL` + `/api/v1`; tokens from `GITEA_TOKEN`/`GITHUB_TOKEN` (registered with the redactor).
 * Throws MXOPS_USAGE for a missing/invalid tag, pattern mismatch, bad repo or URL, and when a real run
 * lacks the repo or API URL; MXOPS_AUTH when a real run has no token.
 */
export function toMilestoneReleaseOptions(input: EdgeInput, deps: Deps): MilestoneReleaseOptions {
  const v = input.values;
  const env = input.env;
  const pattern = str(v.pattern) ?? DEFAULT_PATTERN;
  const re = globToRegExp(pattern);
  let tag = str(v.tag);
  if (tag === undefined) {
    const ref = env.GITHUB_REF ?? "";
    if (!ref.startsWith("refs/tags/")) {
      throw usageError(`no tag: pass --tag or run on a tag push (GITHUB_REF=refs/tags/…, got ${JSON.stringify(ref)})`);
    }
    tag = ref.slice("refs/tags/".length);
  }
  assertTagName(tag);
  if (!re.test(tag)) throw usageError(`tag ${JSON.stringify(tag)} does not match --pattern ${JSON.stringify(pattern)}`);
  const dryRun = v["dry-run"] === true;
  const opts: MilestoneReleaseOptions = {
    tag,
    pattern,
    dir: path.resolve(input.cwd, str(v.dir) ?? "."),
    dryRun,
    closeMilestone: v["close-milestone"] === true,
    draft: v.draft === true,
    prerelease: v.prerelease === true,
    maxCommits: 200,
  };
  const repoFull = str(v.repo) ?? str(env.GITHUB_REPOSITORY);
  if (repoFull !== undefined) {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repoFull);
    if (!m || m[1].startsWith(".") || m[2].startsWith("."))
      throw usageError(`--repo must be owner/name, not ${JSON.stringify(repoFull)}`);
    opts.owner = m[1]!;
    opts.repo = m[2]!;
  }
  const server = str(env.GITHUB_SERVER_URL);
  if (server !== undefined) opts.serverUrl = checkUrl("GITHUB_SERVER_URL", server);
  const api = str(v["api-url"]) ?? str(env.GITHUB_API_URL) ?? (opts.serverUrl ? `${opts.serverUrl}/api/v1` : undefined);
  if (api !== undefined) opts.apiUrl = checkUrl("--api-url", api);
  const forge = str(v.forge);
  if (forge !== undefined && forge !== "gitea" && forge !== "github")
    throw usageError(`--forge must be gitea or github, not ${JSON.stringify(forge)}`);
  if (forge) opts.forge = forge;
  else if (env.GITEA_ACTIONS === "true") opts.forge = "gitea";
  const milestone = str(v.milestone);
  if (milestone !== undefined) opts.milestone = milestone;
  const gt = str(env.GITEA_TOKEN);
  const ht = str(env.GITHUB_TOKEN);
  deps.redactor.add(gt);
  deps.redactor.add(ht);
  if (gt) opts.giteaToken = gt;
  if (ht) opts.githubToken = ht;
  if (!dryRun) {
    if (!opts.owner) throw usageError("no repository: pass --repo owner/name or set GITHUB_REPOSITORY");
    if (!opts.apiUrl) throw usageError("no forge API: pass --api-url or set GITHUB_API_URL / GITHUB_SERVER_URL");
    if (!gt && !ht)
      throw new MxopsError("MXOPS_AUTH", "no token: set GITEA_TOKEN or GITHUB_TOKEN (the Action's token input)");
  }
  return opts;
}
