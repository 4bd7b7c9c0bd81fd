import type { HttpClient, HttpResponse } from "../../core/http.js";
/** How to reach one forge's REST API. The token is only ever put in the Authorization header. */
export interface ApiContext {
    http: HttpClient;
    /** API base without trailing slash, e.g. `https://git.example.org/api/v1` or `https://api.github.com`. */
    base: string;
    headers: Record<string, string>;
}
/**
 * One API call. Returns the response for statuses listed in `accept` (besides 2xx); throws
 * MXOPS_AUTH for 401/403 and MXOPS_HTTP for anything else unexpected, naming method and URL only.
 */
export declare function call(api: ApiContext, method: string, path: string, options?: {
    body?: unknown;
    accept?: number[];
}): Promise<HttpResponse>;
/** Next page URL from an RFC 8288 `Link` header, if any. */
export declare function nextLink(link: string | undefined): string | undefined;
/**
 * GET every page of a list endpoint. Follows `Link: rel="next"` when the server sends it (same origin
 * only), otherwise asks for the next page while full pages come back. `query` must not hold the page.
 */
export declare function getAll<T>(api: ApiContext, path: string, query: Record<string, string>, pageParam: {
    size: string;
    limit: number;
}): Promise<T[]>;
/** Encode one path segment (tag names may contain `/`). */
export declare function seg(s: string): string;
