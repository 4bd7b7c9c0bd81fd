import type { Deps } from "../../core/deps.js";
import type { ForgeClient } from "./forge.js";
import type { MilestoneReleaseOptions } from "./options.js";
/**
 * Ask the API whether it is Gitea: Gitea answers `GET /version` with `{"version": "…"}`, GitHub with 404.
 * Network failures throw MXOPS_HTTP (the API is needed anyway).
 */
export declare function probeGitea(deps: Deps, apiUrl: string, token: string | undefined): Promise<boolean>;
/** Web base (`https://host`) of the forge when the workflow did not say (GITHUB_SERVER_URL). */
export declare function webBaseFromApi(kind: "gitea" | "github", apiUrl: string): string;
/** The forge client for the options, or undefined when no API/repository is configured (local-only dry run). */
export declare function connectForge(o: MilestoneReleaseOptions, deps: Deps): Promise<ForgeClient | undefined>;
