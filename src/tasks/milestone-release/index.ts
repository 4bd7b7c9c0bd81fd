import { isMxopsError, MxopsError } from "../../core/errors.js";
import { defaultDeps, type Deps } from "../../core/deps.js";
import type { Finding, Report } from "../../core/finding.js";
import { makeReport } from "../../core/report.js";
import { collect } from "./collect.js";
import { connectForge } from "./connect.js";
import type { ForgeClient, ForgeIssue, ForgeMilestone, ForgeRelease, ReleaseInput } from "./forge.js";
import { matchMilestone } from "./milestone.js";
import { renderNotes } from "./notes.js";
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
    previous?: { title: string; body: string };
  };
  previousTag?: string;
  commits: number;
  milestone?: { title: string; id: number; items: number; closed: boolean; action?: "closed" | "would-close" };
  /** Dry run only: the release as text (title, blank line, notes); the CLI prints it after the findings. */
  preview?: string;
  /** Step outputs the Action sets. */
  outputs: Record<string, string>;
}

function same(r: ForgeRelease, want: ReleaseInput): boolean {
  const t = (s: string) => s.replace(/\r\n/g, "\n").trimEnd();
  return (
    r.name === want.name && t(r.body) === t(want.body) && r.draft === want.draft && r.prerelease === want.prerelease
  );
}

/** Create, update or leave the release; a create that loses a race (409/422) is fetched and updated. */
/** What an existing release should become: a published release is never turned back into a draft. */
function target(existing: ForgeRelease, want: ReleaseInput): ReleaseInput {
  return existing.draft ? want : { ...want, draft: false };
}

async function publish(
  forge: ForgeClient,
  want: ReleaseInput,
): Promise<{ action: ReleaseAction; release: ForgeRelease; previous?: ForgeRelease }> {
  const update = async (existing: ForgeRelease) => {
    const t = target(existing, want);
    if (same(existing, t)) return { action: "unchanged" as const, release: existing };
    return { action: "updated" as const, release: await forge.updateRelease(existing.id, t), previous: existing };
  };
  const existing = await forge.getReleaseByTag(want.tagName);
  if (existing) return update(existing);
  let created: ForgeRelease | "conflict";
  try {
    created = await forge.createRelease(want);
  } catch (e) {
    if (!(isMxopsError(e) && e.code === "MXOPS_HTTP")) throw e;
    // The POST may have been processed before the answer was lost (dropped connection, proxy 502):
    // look for the release first, and create again only when it is really not there.
    const after = await forge.getReleaseByTag(want.tagName);
    if (after) return same(after, target(after, want)) ? { action: "created", release: after } : update(after);
    created = await forge.createRelease(want);
  }
  if (created !== "conflict") return { action: "created", release: created };
  const raced = await forge.getReleaseByTag(want.tagName);
  if (!raced)
    throw new MxopsError("MXOPS_HTTP", `release for ${want.tagName}: the forge says it exists but does not return it`);
  return update(raced);
}

/**
 * Library entry: like `runMilestoneRelease`, with default deps, and the tokens registered with the redactor
 * first (library callers build options without `toMilestoneReleaseOptions`).
 */
export async function milestoneRelease(options: MilestoneReleaseOptions, deps: Deps = defaultDeps()): Promise<Report> {
  deps.redactor.add(options.giteaToken);
  deps.redactor.add(options.githubToken);
  return runMilestoneRelease(options, deps);
}

/**
 * Create or update the forge release for a milestone tag (see the README section). Idempotent: a rerun
 * with the same tag and history changes nothing. Never prints; throws MxopsError for API/auth/input failures.
 */
export async function runMilestoneRelease(o: MilestoneReleaseOptions, deps: Deps): Promise<Report> {
  const forge = await connectForge(o, deps);
  const c = await collect(o, forge, deps);
  const findings: Finding[] = [...c.findings];

  let milestone: ForgeMilestone | undefined;
  let items: ForgeIssue[] = [];
  if (forge) {
    const match = matchMilestone(await forge.listMilestones(), o.tag, o.pattern, o.milestone);
    if ("milestone" in match) {
      milestone = match.milestone;
      items = await forge.closedMilestoneItems(milestone);
    } else if ("ambiguous" in match) {
      findings.push({
        ruleId: "release/milestone-ambiguous",
        severity: "warning",
        message: `several milestones match ${o.tag}: ${match.ambiguous.map((m) => JSON.stringify(m.title)).join(", ")}; none used`,
        hint: "name the milestone with --milestone (Action input milestone)",
      });
    } else if (o.milestone !== undefined || o.closeMilestone) {
      findings.push({
        ruleId: "release/milestone-not-found",
        severity: "warning",
        message: `no milestone ${o.milestone !== undefined ? `titled ${JSON.stringify(o.milestone)}` : `matches ${o.tag}`}${o.closeMilestone ? ", so none was closed" : ""}`,
      });
    }
  }

  const notesInput: Parameters<typeof renderNotes>[0] = { body: c.body, commits: c.commits, truncated: c.truncated };
  if (c.previousTag !== undefined) notesInput.previousTag = c.previousTag;
  if (forge) notesInput.repoWebUrl = forge.repoWebUrl;
  if (milestone) notesInput.milestone = { title: milestone.title, items };
  const want: ReleaseInput = {
    tagName: o.tag,
    name: c.title,
    body: renderNotes(notesInput),
    draft: o.draft,
    prerelease: o.prerelease,
  };

  let action: ReleaseAction;
  let release: ForgeRelease | undefined;
  let previous: ForgeRelease | undefined;
  if (o.dryRun) {
    release = await forge?.getReleaseByTag(o.tag);
    action = release ? (same(release, target(release, want)) ? "unchanged" : "would-update") : "would-create";
    if (action === "would-update") previous = release;
  } else {
    if (!forge) throw new MxopsError("MXOPS_USAGE", "no forge API configured");
    ({ action, release, previous } = await publish(forge, want));
  }

  let milestoneAction: "closed" | "would-close" | undefined;
  if (milestone && o.closeMilestone && milestone.state !== "closed") {
    if (o.dryRun) milestoneAction = "would-close";
    else {
      await forge!.closeMilestone(milestone);
      milestoneAction = "closed";
    }
  }
  if (o.dryRun) {
    findings.push({
      ruleId: "release/dry-run",
      severity: "info",
      message: `dry run: ${action === "unchanged" ? "release unchanged" : action === "would-update" ? "would update release" : "would create release"} ${JSON.stringify(c.title)} for ${o.tag}${milestoneAction ? ` and close milestone ${JSON.stringify(milestone!.title)}` : ""}`,
    });
  }

  const changed = action === "created" || action === "updated" || milestoneAction === "closed";
  const results: MilestoneReleaseResults = {
    tag: o.tag,
    dryRun: o.dryRun,
    release: { action, title: want.name, body: want.body, draft: want.draft, prerelease: want.prerelease },
    commits: c.commits.length,
    outputs: {
      "release-url": release?.htmlUrl ?? "",
      "release-id": release ? String(release.id) : "",
      changed: String(changed),
    },
  };
  if (forge) results.forge = forge.kind;
  if (o.dryRun) results.preview = `${want.name}\n${"=".repeat(Math.min(want.name.length, 72))}\n\n${want.body}`;
  if (release) {
    results.release.id = release.id;
    results.release.url = release.htmlUrl;
  }
  if (previous) results.release.previous = { title: previous.name, body: previous.body };
  if (c.previousTag !== undefined) results.previousTag = c.previousTag;
  if (milestone) {
    results.milestone = {
      title: milestone.title,
      id: milestone.id,
      items: items.length,
      closed: milestone.state === "closed" || milestoneAction === "closed",
    };
    if (milestoneAction) results.milestone.action = milestoneAction;
  }
  return makeReport("milestone-release", findings, { changed, results });
}
