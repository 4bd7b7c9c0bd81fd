import type { ForgeIssue } from "./forge.js";

/** A commit line of the notes. */
export interface NoteCommit {
  sha: string;
  subject: string;
}

/** Everything the release notes are made of. */
export interface NotesInput {
  /** Annotation body (the tag message without its subject line). */
  body: string;
  previousTag?: string;
  commits: readonly NoteCommit[];
  /** True when the commit list was cut at the cap. */
  truncated?: boolean;
  /** `https://host/owner/repo` for commit links; plain short SHAs without it. */
  repoWebUrl?: string;
  milestone?: { title: string; items: readonly ForgeIssue[] };
}

const CONVENTIONAL = /^([a-z]+)(\([^)]*\))?(!)?:\s+(.+)$/i;

/** Section titles for conventional-commit types, in the order they are listed. */
const TYPE_TITLES: Array<[string, string]> = [
  ["feat", "Features"],
  ["fix", "Fixes"],
  ["perf", "Performance"],
  ["refactor", "Refactoring"],
  ["docs", "Documentation"],
  ["test", "Tests"],
  ["build", "Build"],
  ["ci", "CI"],
  ["chore", "Chores"],
  ["style", "Style"],
  ["revert", "Reverts"],
];

function markdownText(s: string): string {
  // Keep commit subjects from turning into links, headings or HTML in the release page.
  return s.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

function commitLine(c: NoteCommit, repoWebUrl: string | undefined, text: string): string {
  const short = c.sha.slice(0, 7);
  const ref = repoWebUrl ? `[\`${short}\`](${repoWebUrl}/commit/${c.sha})` : `\`${short}\``;
  return `- ${markdownText(text)} (${ref})`;
}

/** Commit lines grouped by conventional-commit type when any subject uses it, else one flat list. */
export function commitSection(commits: readonly NoteCommit[], repoWebUrl?: string): string[] {
  const parsed = commits.map((c) => ({ c, m: CONVENTIONAL.exec(c.subject) }));
  if (!parsed.some((p) => p.m)) return commits.map((c) => commitLine(c, repoWebUrl, c.subject));
  const groups = new Map<string, string[]>();
  for (const { c, m } of parsed) {
    const type = m ? m[1].toLowerCase() : "";
    const known = TYPE_TITLES.some(([t]) => t === type);
    const key = known ? type : "other";
    const scope = m?.[2] ? `**${m[2].slice(1, -1)}:** ` : "";
    const breaking = m?.[3] ? "⚠️ " : "";
    const text = m && known ? m[4] : c.subject;
    const line = commitLine(c, repoWebUrl, text);
    groups.set(key, [...(groups.get(key) ?? []), line.replace(/^- /, `- ${breaking}${scope}`)]);
  }
  const out: string[] = [];
  for (const [type, title] of [...TYPE_TITLES, ["other", "Other changes"] as [string, string]]) {
    const lines = groups.get(type);
    if (!lines) continue;
    out.push(`### ${title}`, "", ...lines, "");
  }
  return out.slice(0, -1);
}

/** The release notes (Markdown): annotation body, commits since the previous milestone tag, milestone items. */
export function renderNotes(n: NotesInput): string {
  const parts: string[] = [];
  if (n.body.trim()) parts.push(n.body.trim());
  const heading = n.previousTag ? `## Changes since ${n.previousTag}` : "## Changes";
  if (n.commits.length > 0) {
    const lines = [heading, "", ...commitSection(n.commits, n.repoWebUrl)];
    if (n.truncated) lines.push("", `… older commits left out (${n.commits.length} shown).`);
    parts.push(lines.join("\n"));
  }
  if (n.milestone && n.milestone.items.length > 0) {
    const item = (i: ForgeIssue) =>
      `- ${markdownText(i.title)} (${i.url ? `[#${i.number}](${i.url})` : `#${i.number}`})`;
    const issues = n.milestone.items.filter((i) => !i.pull);
    const pulls = n.milestone.items.filter((i) => i.pull);
    const lines = [`## Milestone ${markdownText(n.milestone.title)}`];
    if (issues.length > 0) lines.push("", "### Closed issues", "", ...issues.map(item));
    if (pulls.length > 0) lines.push("", "### Pull requests", "", ...pulls.map(item));
    parts.push(lines.join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

/** Split an annotation into its subject (title) and body. */
export function splitMessage(message: string): { subject: string; body: string } {
  const lines = message.replace(/\r\n/g, "\n").split("\n");
  const subject = (lines[0] ?? "").trim();
  const body = lines.slice(1).join("\n").replace(/^\n+/, "").replace(/\s+$/, "");
  return { subject, body };
}
