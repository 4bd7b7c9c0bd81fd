// The forge side of a release (scripts/release.mjs): find or create the release for a tag and attach files
// to it, on Gitea (API v1) or GitHub (REST 2022-11-28). Plain fetch with a deadline per request, a cap on
// response bodies, bounded retries; credentials only over https or to loopback, checked for every URL,
// including the upload URL a GitHub release names.

const DEADLINE_MS = 60_000;
const UPLOAD_DEADLINE_MS = 300_000;
const MAX_BODY = 8 * 1024 * 1024;
const RETRIES = 3;

/** A failure the release script reports in one line (exit 1), or as a usage error (exit 2) when `usage`. */
export class ReleaseError extends Error {
  /** @param {string} message @param {{ usage?: boolean }} [options] */
  constructor(message, options = {}) {
    super(message);
    this.usage = options.usage === true;
  }
}

/** @param {string} host */
function loopback(host) {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Throws unless `url` is https, or http to a loopback address (credentials never travel in clear text).
 * @param {string} url
 * @param {string} what
 */
export function requireSafeUrl(url, what) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new ReleaseError(`${what} is not a URL`, { usage: true });
  }
  if (u.protocol === "https:") return;
  if (u.protocol === "http:" && loopback(u.hostname)) return;
  throw new ReleaseError(`${what} must use https (plain http only to loopback): ${u.origin}`, { usage: true });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * One request with retries on 429/5xx and network errors (writes only on 429, which was not processed).
 * @param {string} url
 * @param {{ method?: string, headers?: Record<string,string>, body?: BodyInit, deadlineMs?: number }} init
 * @returns {Promise<{ status: number, json: any, text: string }>}
 */
async function request(url, init) {
  requireSafeUrl(url, "request URL");
  const method = init.method ?? "GET";
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: init.headers,
        body: init.body,
        redirect: "error",
        signal: AbortSignal.timeout(init.deadlineMs ?? DEADLINE_MS),
      });
    } catch (e) {
      if (method === "GET" && attempt < RETRIES) {
        await sleep(500 * 2 ** attempt);
        continue;
      }
      throw new ReleaseError(`${method} ${new URL(url).pathname}: ${e instanceof Error ? e.name : "error"}`);
    }
    const retryable = res.status === 429 || (method === "GET" && res.status >= 500);
    if (retryable && attempt < RETRIES) {
      await res.body?.cancel();
      const after = Number(res.headers.get("retry-after"));
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 500 * 2 ** attempt);
      continue;
    }
    const buf = Buffer.from(await res.arrayBuffer());
    if (buf.length > MAX_BODY) throw new ReleaseError(`${method} ${new URL(url).pathname}: response too large`);
    const text = buf.toString("utf8");
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }
}

/** A short, token-free description of an API error answer. */
function failure(what, res) {
  const msg = typeof res.json?.message === "string" ? `: ${res.json.message.slice(0, 200)}` : "";
  return new ReleaseError(`${what} failed with HTTP ${res.status}${msg}`);
}

/**
 * A client for one repository's releases.
 * @param {{ forge: "gitea"|"github", api: string, repo: string, token?: string }} options
 */
export function forgeClient({ forge, api, repo, token }) {
  requireSafeUrl(api, "forge API URL");
  const base = `${api.replace(/\/+$/, "")}/repos/${repo}`;
  /** @type {Record<string,string>} */
  const headers =
    forge === "github"
      ? { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" }
      : { accept: "application/json" };
  if (token) headers.authorization = forge === "github" ? `Bearer ${token}` : `token ${token}`;
  const json = () => ({ ...headers, "content-type": "application/json" });

  /** @returns {Promise<any|undefined>} the release of `tag`, or undefined when there is none */
  async function releaseByTag(tag) {
    const res = await request(`${base}/releases/tags/${encodeURIComponent(tag)}`, { headers });
    if (res.status === 404) return undefined;
    if (res.status !== 200 || !res.json) throw failure(`reading the release of ${tag}`, res);
    return res.json;
  }

  return {
    releaseByTag,

    /** Create the release; when another run created it first (Gitea 409, GitHub 422), return that one. */
    async createRelease({ tag, name, body, prerelease }) {
      const res = await request(`${base}/releases`, {
        method: "POST",
        headers: json(),
        body: JSON.stringify({ tag_name: tag, name, body, draft: false, prerelease }),
      });
      if (res.status === 201 && res.json) return res.json;
      if (res.status === 409 || res.status === 422) {
        const existing = await releaseByTag(tag);
        if (existing) return existing;
      }
      throw failure(`creating the release of ${tag}`, res);
    },

    /** Attach a file to a release. */
    async uploadAsset(release, name, bytes) {
      let res;
      if (forge === "github") {
        // The release names its upload URL (an RFC 6570 template); it is checked like any other URL.
        const url = new URL(String(release.upload_url ?? "").replace(/\{[^}]*\}$/, ""));
        url.searchParams.set("name", name);
        res = await request(url.toString(), {
          method: "POST",
          headers: { ...headers, "content-type": "application/octet-stream" },
          body: bytes,
          deadlineMs: UPLOAD_DEADLINE_MS,
        });
      } else {
        const form = new FormData();
        form.append("attachment", new Blob([bytes], { type: "application/octet-stream" }), name);
        res = await request(`${base}/releases/${release.id}/assets?name=${encodeURIComponent(name)}`, {
          method: "POST",
          headers,
          body: form,
          deadlineMs: UPLOAD_DEADLINE_MS,
        });
      }
      if (res.status !== 201 || !res.json) throw failure(`uploading ${name}`, res);
      return res.json;
    },
  };
}
