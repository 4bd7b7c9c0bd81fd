import { type ApiContext } from "./api.js";
import { type ForgeClient } from "./forge.js";
/**
 * GitHub REST client for one repository. GitHub differences it handles: tag messages live in the git
 * database (`git/ref/tags/…` then `git/tags/{sha}`), a duplicate release is 422 `already_exists`,
 * draft releases are not found by tag (so the release list is searched), milestones go by number.
 */
export declare function githubClient(api: ApiContext, owner: string, repo: string, repoWebUrl: string): ForgeClient;
