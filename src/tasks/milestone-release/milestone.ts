import type { ForgeMilestone } from "./forge.js";
import { literalSuffix } from "./glob.js";

/** Outcome of looking for the tag's milestone. */
export type MilestoneMatch = { milestone: ForgeMilestone } | { none: true } | { ambiguous: ForgeMilestone[] };

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Find the milestone a tag closes. With `explicit`, only that title (case-insensitive). Otherwise, in order:
 * a title equal to the tag; equal to the tag without the pattern's literal suffix (`m3-turn` for
 * `m3-turn-complete`); starting with the tag's first segment as a word (`M3: TURN` for `m3-…`).
 * Titles compare case-insensitively with punctuation runs read as `-`. Several hits at one step are ambiguous.
 */
export function matchMilestone(
  milestones: readonly ForgeMilestone[],
  tag: string,
  pattern: string,
  explicit?: string,
): MilestoneMatch {
  const pick = (hits: ForgeMilestone[]): MilestoneMatch | undefined =>
    hits.length === 1 ? { milestone: hits[0] } : hits.length > 1 ? { ambiguous: hits } : undefined;
  if (explicit !== undefined) return pick(milestones.filter((m) => norm(m.title) === norm(explicit))) ?? { none: true };
  const suffix = literalSuffix(pattern);
  const stem = suffix && tag.endsWith(suffix) ? tag.slice(0, -suffix.length) : undefined;
  const first = tag.split(/[^A-Za-z0-9]/, 1)[0] ?? "";
  const steps: Array<(m: ForgeMilestone) => boolean> = [
    (m) => norm(m.title) === norm(tag),
    (m) => stem !== undefined && norm(stem) !== "" && norm(m.title) === norm(stem),
    (m) =>
      first !== "" && first !== tag && (norm(m.title) === norm(first) || norm(m.title).startsWith(`${norm(first)}-`)),
  ];
  for (const step of steps) {
    const hit = pick(milestones.filter(step));
    if (hit) return hit;
  }
  return { none: true };
}
