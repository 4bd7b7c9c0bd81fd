import { type ApiContext } from "./api.js";
import { type ForgeClient } from "./forge.js";
/**
 * Gitea (API v1) client for one repository. Facts it relies on (Gitea 1.27): release per tag with
 * tag-only rows turned into releases by POST, 409 for an existing release or a create race,
 * PATCH ignoring empty strings, `milestones=` on the issue list taking names or ids.
 */
export declare function giteaClient(api: ApiContext, owner: string, repo: string, repoWebUrl: string): ForgeClient;
