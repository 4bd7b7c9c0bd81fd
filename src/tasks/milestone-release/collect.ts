import { MxopsError } from "../../core/errors.js";
import type { Deps } from "../../core/deps.js";
import type { Finding } from "../../core/finding.js";
import { firstParentChain, type ForgeClient, type ForgeTag } from "./forge.js";
import { globToRegExp, type TagMatcher } from "./glob.js";
import { isShallow, localCommits, previousLocalTag, readLocalTag } from "./localgit.js";
import type { NoteCommit } from "./notes.js";
import { splitMessage } from "./notes.js";
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

function natural(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * The previous milestone tag by the forge's tag list (the checkout has no history): the newest matching
 * tag whose commit is older than ours when the forge gives dates (Gitea), else the one sorting just
 * below ours in natural order (GitHub's tag list has no dates).
 */
export function previousFromList(tags: readonly ForgeTag[], current: ForgeTag, re: TagMatcher): ForgeTag | undefined {
  const cands = tags.filter((t) => t.name !== current.name && re.test(t.name) && t.commitSha !== current.commitSha);
  if (current.created && cands.every((t) => t.created)) {
    const older = cands.filter((t) => Date.parse(t.created!) < Date.parse(current.created!));
    older.sort((a, b) => Date.parse(b.created!) - Date.parse(a.created!) || natural(b.name, a.name));
    return older[0];
  }
  const lower = cands.filter((t) => natural(t.name, current.name) < 0).sort((a, b) => natural(b.name, a.name));
  return lower[0];
}

/**
 * Read title, annotation body and the commit range, from the checkout when it has them and from the
 * forge API when the checkout turned the annotated tag into a lightweight one or is shallow. Fallbacks
 * are reported as `release/api-fallback` (info). Throws MXOPS_INPUT when the tag exists nowhere.
 */
export async function collect(
  o: MilestoneReleaseOptions,
  forge: ForgeClient | undefined,
  deps: Deps,
): Promise<Collected> {
  const findings: Finding[] = [];
  const re = globToRegExp(o.pattern);
  const local = await readLocalTag(deps.exec, o.dir, o.tag);
  let remote: ForgeTag | undefined;
  const remoteTag = async () => (remote ??= await forge?.getTag(o.tag));

  let message: string | undefined;
  if (local?.annotated) message = local.message ?? "";
  else if (forge) {
    const t = await remoteTag();
    if (!t && !local) throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} exists neither in ${o.dir} nor on the forge`);
    if (t?.annotated) {
      message = t.message ?? "";
      findings.push({
        ruleId: "release/api-fallback",
        severity: "info",
        message: `read the annotation of ${o.tag} from the forge API: the checkout ${local ? "has it as a lightweight tag (actions/checkout does this)" : "does not have the tag"}`,
      });
    }
  } else if (!local) {
    throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} not found in ${o.dir}, and no forge API is configured to ask`);
  }
  if (message === undefined) {
    findings.push({
      ruleId: "release/lightweight-tag",
      severity: "warning",
      message: `${o.tag} is a lightweight tag${forge ? "" : " here (no forge API configured to read the original)"}: the release title falls back to the tag name and the notes have no annotation`,
      hint: `tag milestones with an annotation: git tag -a ${o.tag} -m "<title>"`,
    });
  }
  const { subject, body } = splitMessage(message ?? "");
  const commitSha = local?.commitSha ?? (await remoteTag())?.commitSha ?? "";

  let previousTag: string | undefined;
  let commits: NoteCommit[] = [];
  let fromApi = false;
  if (local) {
    const prev = await previousLocalTag(deps.exec, o.dir, local.commitSha, re);
    const shallow = await isShallow(deps.exec, o.dir);
    if (prev) {
      previousTag = prev.tag;
      commits = await localCommits(deps.exec, o.dir, prev.commitSha, local.commitSha, o.maxCommits + 1);
    } else if (!shallow || !forge) {
      commits = await localCommits(deps.exec, o.dir, undefined, local.commitSha, o.maxCommits + 1);
      if (shallow) {
        findings.push({
          ruleId: "release/shallow-history",
          severity: "warning",
          message: "the checkout is shallow and no forge API is configured: the commit list may be incomplete",
          hint: "check out with fetch-depth: 0, or pass the forge API (--api-url, --repo, token)",
        });
      }
    } else fromApi = true;
  } else fromApi = forge !== undefined;

  if (fromApi && forge) {
    const cur = await remoteTag();
    if (!cur) throw new MxopsError("MXOPS_INPUT", `tag ${o.tag} not found on the forge`);
    const prev = previousFromList(await forge.listTags(), cur, re);
    const raw = prev
      ? await forge.compare(prev.commitSha || prev.name, cur.commitSha)
      : await forge.history(cur.commitSha, o.maxCommits + 1);
    commits = firstParentChain(raw, cur.commitSha)
      .filter((c) => !prev || c.sha !== prev.commitSha)
      .map((c) => ({ sha: c.sha, subject: c.subject }));
    if (prev) previousTag = prev.name;
    findings.push({
      ruleId: "release/api-fallback",
      severity: "info",
      message: `read the commits since ${prev ? prev.name : "the start"} from the forge API: the checkout ${local ? "is shallow" : "has no such tag"}`,
    });
  }
  if (previousTag === undefined) {
    findings.push({
      ruleId: "release/no-previous-tag",
      severity: "info",
      message: `no earlier tag matches ${o.pattern}: the notes list the history up to ${o.tag}`,
    });
  }
  const truncated = commits.length > o.maxCommits;
  if (truncated) commits = commits.slice(0, o.maxCommits);
  const out: Collected = { title: subject || o.tag, body, commitSha, commits, truncated, findings };
  if (previousTag !== undefined) out.previousTag = previousTag;
  return out;
}
