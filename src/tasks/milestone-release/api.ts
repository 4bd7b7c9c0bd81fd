import { MxopsError } from "../../core/errors.js";
import type { HttpClient, HttpResponse } from "../../core/http.js";
import { redactUrl } from "../../core/http.js";

/** How to reach one forge's REST API. The token is only ever put in the Authorization header. */
export interface ApiContext {
  http: HttpClient;
  /** API base without trailing slash, e.g. `https://git.example.org/api/v1` or `https://api.github.com`. */
  base: string;
  headers: Record<string, string>;
}

/** Most pages a list call follows; milestone repos are small, this only bounds a misbehaving server. */
const MAX_PAGES = 20;

function serverMessage(res: HttpResponse): string {
  try {
    const b = JSON.parse(res.body) as { message?: unknown };
    if (typeof b.message === "string") return `: ${b.message.slice(0, 200)}`;
  } catch {
    // not JSON: the status says enough
  }
  return "";
}

/**
 * One API call. Returns the response for statuses listed in `accept` (besides 2xx); throws
 * MXOPS_AUTH for 401/403 and MXOPS_HTTP for anything else unexpected, naming method and URL only.
 */
export async function call(
  api: ApiContext,
  method: string,
  path: string,
  options: { body?: unknown; accept?: number[] } = {},
): Promise<HttpResponse> {
  const url = `${api.base}${path}`;
  const headers: Record<string, string> = { accept: "application/json", ...api.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const res = await api.http.request(body === undefined ? { method, url, headers } : { method, url, headers, body });
  if ((res.status >= 200 && res.status < 300) || options.accept?.includes(res.status)) return res;
  const where = `${method} ${redactUrl(url)}`;
  if (res.status === 401 || res.status === 403) {
    throw new MxopsError(
      "MXOPS_AUTH",
      `${where}: ${res.status} — the token was rejected or lacks permission${serverMessage(res)}`,
    );
  }
  throw new MxopsError("MXOPS_HTTP", `${where}: unexpected ${res.status}${serverMessage(res)}`);
}

/** Next page URL from an RFC 8288 `Link` header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * GET every page of a list endpoint. Follows `Link: rel="next"` when the server sends it (same origin
 * only), otherwise asks for the next page while full pages come back. `query` must not hold the page.
 */
export async function getAll<T>(
  api: ApiContext,
  path: string,
  query: Record<string, string>,
  pageParam: { size: string; limit: number },
): Promise<T[]> {
  const out: T[] = [];
  const origin = new URL(api.base).origin;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const q = new URLSearchParams({ ...query, [pageParam.size]: String(pageParam.limit), page: String(page) });
    const res = await call(api, "GET", `${path}?${q.toString()}`);
    const items = res.json<T[]>();
    if (!Array.isArray(items))
      throw new MxopsError("MXOPS_HTTP", `GET ${redactUrl(api.base + path)}: expected a JSON list`);
    out.push(...items);
    const link = res.headers.link;
    if (link !== undefined) {
      // The server paginates with Link: stop when it names no next page (or points elsewhere).
      const next = nextLink(link);
      if (next === undefined || new URL(next, api.base).origin !== origin) break;
      continue;
    }
    if (items.length < pageParam.limit) break;
  }
  return out;
}

/** Encode one path segment (tag names may contain `/`). */
export function seg(s: string): string {
  return encodeURIComponent(s);
}
