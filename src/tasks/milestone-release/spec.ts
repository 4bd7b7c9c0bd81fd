import type { TaskSpec } from "../types.js";
import { runMilestoneRelease } from "./index.js";
import { DEFAULT_PATTERN, toMilestoneReleaseOptions, type MilestoneReleaseOptions } from "./options.js";

/** milestone-release as the CLI, the Action and Ansible see it. */
export const spec: TaskSpec<MilestoneReleaseOptions> = {
  name: "milestone-release",
  summary:
    "Create or update the Gitea/GitHub release for a milestone tag: title from the tag annotation, notes from the annotation, the commits since the previous milestone tag and the milestone's closed issues.",
  usage:
    "milestone-release [--tag T] [--pattern GLOB] [--repo owner/name] [--api-url URL] [--dry-run] [--close-milestone] [--draft] [--prerelease]",
  details: [
    "Tag: --tag, else GITHUB_REF (refs/tags/…); it must match --pattern (default " + DEFAULT_PATTERN + ").",
    "Forge: Gitea when GITEA_ACTIONS=true, --forge gitea, or the API answers GET /version as Gitea; else GitHub.",
    "API base: --api-url, else GITHUB_API_URL, else GITHUB_SERVER_URL + /api/v1. Repository: --repo or GITHUB_REPOSITORY.",
    "",
    "Environment:",
    "  GITEA_TOKEN / GITHUB_TOKEN   API token (never on the command line); needed unless --dry-run",
    "",
    "Reruns are safe: an existing release is updated only when title or notes changed.",
    "Exit codes: 0 done (or unchanged), 1 findings at/over --fail-on, 2 usage/API/auth error.",
  ].join("\n"),
  options: {
    tag: { type: "string", help: "milestone tag (default: from GITHUB_REF refs/tags/…)", arg: "TAG" },
    pattern: {
      type: "string",
      help: `tag glob the tag must match; also finds the previous milestone tag (default ${DEFAULT_PATTERN})`,
      arg: "GLOB",
    },
    repo: { type: "string", help: "forge repository owner/name (default GITHUB_REPOSITORY)", arg: "OWNER/NAME" },
    "api-url": {
      type: "string",
      help: "forge API base, e.g. https://git.example.org/api/v1 (default GITHUB_API_URL)",
      arg: "URL",
    },
    forge: { type: "string", help: "gitea or github (default: detected)", arg: "KIND" },
    milestone: {
      type: "string",
      help: "milestone title to list and close (default: matched from the tag)",
      arg: "TITLE",
    },
    dir: { type: "string", help: "git checkout to read tags and history from (default .)", arg: "DIR" },
    "dry-run": { type: "boolean", help: "change nothing; report the release that would be made" },
    "close-milestone": { type: "boolean", help: "close the matching milestone" },
    draft: { type: "boolean", help: "make the release a draft" },
    prerelease: { type: "boolean", help: "mark the release as a pre-release" },
  },
  toOptions(input, deps) {
    // Through the executor, so bad input rejects (as from an async function) rather than throwing.
    return new Promise((resolve) => resolve(toMilestoneReleaseOptions(input, deps)));
  },
  run: runMilestoneRelease,
  actionInputs: [
    { input: "tag", flag: "tag" },
    { input: "pattern", flag: "pattern" },
    { input: "repo", flag: "repo" },
    { input: "api-url", flag: "api-url" },
    { input: "forge", flag: "forge" },
    { input: "milestone", flag: "milestone" },
    { input: "dry-run", flag: "dry-run", boolean: true },
    { input: "close-milestone", flag: "close-milestone", boolean: true },
    { input: "draft", flag: "draft", boolean: true },
    { input: "prerelease", flag: "prerelease", boolean: true },
    { input: "token", env: "GITHUB_TOKEN", secret: true },
  ],
};
