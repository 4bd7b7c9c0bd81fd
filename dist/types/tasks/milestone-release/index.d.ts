import { type Deps } from "../../core/deps.js";
import type { Report } from "../../core/finding.js";
import type { MilestoneReleaseOptions } from "./options.js";
export type { MilestoneReleaseOptions } from "./options.js";
/** What happened (or, in a dry run, would happen) to the release. */
export type ReleaseAction = "created" | "updated" | "unchanged" | "would-create" | "would-update";
/** `results` of the milestone-release report. */
export interface MilestoneReleaseResults {
    tag: string;
    forge?: "gitea" | "github";
    dryRun: boolean;
    release: {
        action: ReleaseAction;
        id?: number;
        url?: string;
        title: string;
        body: string;
        draft: boolean;
        prerelease: boolean;
        /** Title and notes before an update (or a dry run's would-update), for diffs. */
        previous?: {
            title: string;
            body: string;
        };
    };
    previousTag?: string;
    commits: number;
    milestone?: {
        title: string;
        id: number;
        items: number;
        closed: boolean;
        action?: "closed" | "would-close";
    };
    /** Dry run only: the release as text (title, blank line, notes); the CLI prints it after the findings. */
    preview?: string;
    /** Step outputs the Action sets. */
    outputs: Record<string, string>;
}
/**
 * Library entry: like `runMilestoneRelease`, with default deps, and the tokens registered with the redactor
 * first (library callers build options without `toMilestoneReleaseOptions`).
 */
export declare function milestoneRelease(options: MilestoneReleaseOptions, deps?: Deps): Promise<Report>;
/**
 * Create or update the forge release for a milestone tag (see the README section). Idempotent: a rerun
 * with the same tag and history changes nothing. Never prints; throws MxopsError for API/auth/input failures.
 */
export declare function runMilestoneRelease(o: MilestoneReleaseOptions, deps: Deps): Promise<Report>;
