// Helpers of the fake Gitea: the merged Swagger document it validates against, and Gitea-style pagination.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FakeRequest, FakeResponse } from "./openapi.js";
import { tempDir } from "../helpers/tmp.js";

type Json = Record<string, unknown>;

let mergedSpec: string | undefined;

/** Path of the merged Swagger document (written once per test file, in a tempDir removed after it). */
export function giteaSpecPath(): string {
  if (mergedSpec && existsSync(mergedSpec)) return mergedSpec;
  const base = JSON.parse(readFileSync("test/fixtures/specs/gitea/api-subset.json", "utf8")) as Json;
  const extra = JSON.parse(readFileSync("test/fixtures/milestone-release/gitea-api-extra.json", "utf8")) as Json;
  for (const k of ["paths", "definitions", "responses"]) base[k] = { ...(extra[k] as Json), ...(base[k] as Json) };
  const dir = tempDir("gitea-spec");
  mergedSpec = path.join(dir, "gitea.json");
  writeFileSync(mergedSpec, JSON.stringify(base));
  return mergedSpec;
}

/**
 * One page of a list as Gitea sends it: `page` (1-based) and `limit` (default 30, capped at `maxPage`,
 * like `[api] MAX_RESPONSE_ITEMS`), `X-Total-Count`, and a `Link` header with next/last/first/prev.
 */
export function paginate(req: FakeRequest, all: Json[], origin: string, maxPage: number): FakeResponse {
  const limit = Math.min(Number(req.query.get("limit") ?? "30") || 30, maxPage);
  const page = Math.max(Number(req.query.get("page") ?? "1") || 1, 1);
  const last = Math.max(Math.ceil(all.length / limit), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set("page", String(p));
    q.set("limit", String(limit));
    return `<${origin}${req.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links = [];
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
  const headers: Record<string, string> = { "x-total-count": String(all.length) };
  if (links.length > 0) headers.link = links.join(", ");
  return { status: 200, body: all.slice((page - 1) * limit, page * limit), headers };
}
