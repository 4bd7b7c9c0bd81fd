import type { Deps } from "../../core/deps.js";
import type { Finding } from "../../core/finding.js";
import { type ForgeClient, type ForgeTag } from "./forge.js";
import { type TagMatcher } from "./glob.js";
import type { NoteCommit } from "./notes.js";
import type { MilestoneReleaseOptions } from "./options.js";
/** What the tag and the history say, and where it came from. */
export interface Collected {
    title: string;
    body: string;
    commitSha: string;
    previousTag?: string;
    commits: NoteCommit[];
    truncated: boolean;
    findings: Finding[];
}
/**
 * The previous milestone tag by the forge's tag list (the checkout has no history): the newest matching
 * tag whose commit is older than ours when the forge gives dates (Gitea), else the one sorting just
 * below ours in natural order (GitHub's tag list has no dates).
 */
export declare function previousFromList(tags: readonly ForgeTag[], current: ForgeTag, re: TagMatcher): ForgeTag | undefined;
/**
 * Read title, annotation body and the commit range, from the checkout when it has them and from the
 * forge API when the checkout turned the annotated tag into a lightweight one or is shallow. Fallbacks
 * are reported as `release/api-fallback` (info). Throws MXOPS_INPUT when the tag exists nowhere.
 */
export declare function collect(o: MilestoneReleaseOptions, forge: ForgeClient | undefined, deps: Deps): Promise<Collected>;
