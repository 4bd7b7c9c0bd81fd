import type { Deps } from "../../core/deps.js";
import type { ApiContext } from "./api.js";
import type { ForgeClient } from "./forge.js";
import { giteaClient } from "./gitea.js";
import { githubClient } from "./github.js";
import type { MilestoneReleaseOptions } from "./options.js";

/**
 * Ask the API whether it is Gitea: Gitea answers `GET /version` with `{"version": "…"}`, GitHub with 404.
 * Network failures throw MXOPS_HTTP (the API is needed anyway).
 */
export async function probeGitea(deps: Deps, apiUrl: string, token: string | undefined): Promise<boolean> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers.authorization = `token ${token}`;
  const res = await deps.http.request({ url: `${apiUrl}/version`, headers });
  if (res.status !== 200) return false;
  try {
    return typeof (JSON.parse(res.body) as { version?: unknown }).version === "string";
  } catch {
    return false;
  }
}

/** Web base (`https://host`) of the forge when the workflow did not say (GITHUB_SERVER_URL). */
export function webBaseFromApi(kind: "gitea" | "github", apiUrl: string): string {
  if (kind === "gitea") return apiUrl.replace(/\/api\/v1$/, "");
  const u = new URL(apiUrl);
  if (u.hostname === "api.github.com") return "https://github.com";
  return `${u.origin}${u.pathname.replace(/\/api\/v3$/, "")}`.replace(/\/+$/, "");
}

/** The forge client for the options, or undefined when no API/repository is configured (local-only dry run). */
export async function connectForge(o: MilestoneReleaseOptions, deps: Deps): Promise<ForgeClient | undefined> {
  if (!o.apiUrl || !o.owner || !o.repo) return undefined;
  const kind = o.forge ?? ((await probeGitea(deps, o.apiUrl, o.giteaToken ?? o.githubToken)) ? "gitea" : "github");
  const token = kind === "gitea" ? (o.giteaToken ?? o.githubToken) : (o.githubToken ?? o.giteaToken);
  const headers: Record<string, string> = {};
  if (kind === "github") {
    headers.accept = "application/vnd.github+json";
    headers["x-github-api-version"] = "2022-11-28";
    if (token) headers.authorization = `Bearer ${token}`;
  } else if (token) headers.authorization = `token ${token}`;
  const api: ApiContext = { http: deps.http, base: o.apiUrl, headers };
  const web = `${o.serverUrl ?? webBaseFromApi(kind, o.apiUrl)}/${o.owner}/${o.repo}`;
  return kind === "gitea" ? giteaClient(api, o.owner, o.repo, web) : githubClient(api, o.owner, o.repo, web);
}
