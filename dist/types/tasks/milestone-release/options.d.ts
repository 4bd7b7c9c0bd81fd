import type { Deps } from "../../core/deps.js";
import type { EdgeInput } from "../types.js";
/** Default tag filter, the same glob as the operators' workflow trigger. */
export declare const DEFAULT_PATTERN = "m*-*-complete";
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
/**
 * Turn CLI/Action input into options. Tag from `--tag` or `GITHUB_REF` (`refs/tags/…`), which must match
 * `--pattern`; repo from `--repo` or `GITHUB_REPOSITORY`; API base from `--api-url`, `GITHUB_API_URL`, or
 * `GITHUB_SERVER_URL` + `/api/v1`; tokens from `GITEA_TOKEN`/`GITHUB_TOKEN` (registered with the redactor).
 * Throws MXOPS_USAGE for a missing/invalid tag, pattern mismatch, bad repo or URL, and when a real run
 * lacks the repo or API URL; MXOPS_AUTH when a real run has no token.
 */
export declare function toMilestoneReleaseOptions(input: EdgeInput, deps: Deps): MilestoneReleaseOptions;
