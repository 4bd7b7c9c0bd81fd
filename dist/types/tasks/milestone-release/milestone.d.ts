import type { ForgeMilestone } from "./forge.js";
/** Outcome of looking for the tag's milestone. */
export type MilestoneMatch = {
    milestone: ForgeMilestone;
} | {
    none: true;
} | {
    ambiguous: ForgeMilestone[];
};
/**
 * Find the milestone a tag closes. With `explicit`, only that title (case-insensitive). Otherwise, in order:
 * a title equal to the tag; equal to the tag without the pattern's literal suffix (`m3-turn` for
 * `m3-turn-complete`); starting with the tag's first segment as a word (`M3: TURN` for `m3-…`).
 * Titles compare case-insensitively with punctuation runs read as `-`. Several hits at one step are ambiguous.
 */
export declare function matchMilestone(milestones: readonly ForgeMilestone[], tag: string, pattern: string, explicit?: string): MilestoneMatch;
