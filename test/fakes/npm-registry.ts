// A local npm registry on 127.0.0.1 for the package tests: it serves the project's own installed production
// dependencies (packed from node_modules) so `npm install <tarball>` resolves them without the network and
// with an empty npm cache, and it accepts `npm publish` the way the public registry does (PUT of the
// packument with the tarball attached, Bearer token, 403 for a version that exists). Hand-checked shapes of
// the registry's documented CommonJS-era API (package-metadata documents, /-/ tarball paths); no spec is vendored.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { closeServer, listenBuffered } from "./loopback.js";

type Json = Record<string, unknown>;

interface Version {
  manifest: Json;
  tarball: Buffer;
}

/** What a publish sent: the package name, version, dist-tag and the tarball bytes. */
export interface Published {
  name: string;
  version: string;
  tag: string;
  tarball: Buffer;
  provenance: boolean;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

/** Node's lookup: `name` in `from/node_modules`, then each parent's, up to `root`. */
function locate(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

export class FakeNpmRegistry {
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; path: string }> = [];
  readonly published: Published[] = [];
  private readonly packages = new Map<string, Map<string, Version>>();
  private readonly distTags = new Map<string, Record<string, string>>();
  private server?: http.Server;
  url = "";

  constructor(readonly token = "npm_faketoken0123456789abcdef") {}

  /**
   * Serve the production dependency closure of the package at `root` (its `dependencies`, their
   * dependencies, installed peers) from `root/node_modules`, each version packed as npm would ship it.
   */
  serveDependenciesOf(root: string): string[] {
    const seen = new Set<string>();
    const visit = (deps: PackageJson, from: string) => {
      const wanted: Array<[string, boolean]> = [
        ...Object.keys(deps.dependencies ?? {}).map((n): [string, boolean] => [n, false]),
        ...Object.keys(deps.optionalDependencies ?? {}).map((n): [string, boolean] => [n, true]),
        ...Object.keys(deps.peerDependencies ?? {}).map((n): [string, boolean] => [
          n,
          deps.peerDependenciesMeta?.[n]?.optional === true,
        ]),
      ];
      for (const [name, optional] of wanted) {
        const dir = locate(name, from, root);
        if (!dir) {
          if (optional) continue;
          throw new Error(`dependency ${name} (needed by ${deps.name}) is not installed under ${root}`);
        }
        if (seen.has(dir)) continue;
        seen.add(dir);
        const pkg = readPackage(dir);
        this.add(pkg as unknown as Json, this.pack(dir));
        visit(pkg, dir);
      }
    };
    visit(readPackage(root), root);
    return [...this.packages.keys()].sort();
  }

  /** A gzipped tar of an installed package without its nested node_modules (npm strips the top folder). */
  private pack(dir: string): Buffer {
    return execFileSync(
      "tar",
      ["-czf", "-", "--exclude=./node_modules", "--transform", "s,^\\.,package,", "-C", dir, "."],
      { maxBuffer: 256 * 1024 * 1024 },
    );
  }

  private add(manifest: Json, tarball: Buffer, tagLatest = true): void {
    const name = String(manifest.name);
    const version = String(manifest.version);
    const versions = this.packages.get(name) ?? new Map<string, Version>();
    versions.set(version, { manifest, tarball });
    this.packages.set(name, versions);
    if (!tagLatest) return;
    const tags = this.distTags.get(name) ?? {};
    // Highest installed version as `latest` (numeric comparison of the release triple is enough here).
    const key = (v: string) => v.split(/[.-]/).map((p) => p.padStart(8, "0"));
    if (!tags.latest || key(version).join(".") > key(tags.latest).join(".")) tags.latest = version;
    this.distTags.set(name, tags);
  }

  private tarballPath(name: string, version: string): string {
    return `/${name}/-/${name.split("/").pop()}-${version}.tgz`;
  }

  private packument(name: string): Json | undefined {
    const versions = this.packages.get(name);
    if (!versions) return undefined;
    const out: Json = {};
    for (const [v, { manifest, tarball }] of versions) {
      out[v] = {
        ...manifest,
        _id: `${name}@${v}`,
        dist: {
          tarball: `${this.url}${this.tarballPath(name, v)}`,
          shasum: createHash("sha1").update(tarball).digest("hex"),
          integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
        },
      };
    }
    return { _id: name, name, "dist-tags": this.distTags.get(name) ?? {}, versions: out };
  }

  async start(): Promise<string> {
    const { server, url } = await listenBuffered((req, body, res) => this.handle(req, body, res), this.violations);
    this.server = server;
    this.url = url;
    return url;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): void {
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const method = req.method ?? "GET";
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    this.requests.push({ method, path: pathname });
    const tgz = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(pathname);
    if (method === "GET" && tgz) {
      const v = this.packages.get(tgz[1])?.get(tgz[2]);
      return v ? send(200, v.tarball, "application/octet-stream") : send(404, { error: "not found" });
    }
    const name = pathname.slice(1);
    if (!/^(?:@[a-z0-9._-]+\/)?[a-z0-9._-]+$/.test(name)) {
      this.violations.push(`unexpected ${method} ${pathname}`);
      return send(404, { error: "not found" });
    }
    if (method === "GET") {
      const doc = this.packument(name);
      return doc ? send(200, doc) : send(404, { error: "not found" });
    }
    if (method === "PUT") return this.publish(name, req, raw, send);
    this.violations.push(`unexpected ${method} ${pathname}`);
    return send(405, { error: "method not allowed" });
  }

  private publish(
    name: string,
    req: http.IncomingMessage,
    raw: Buffer,
    send: (status: number, body: unknown) => void,
  ): void {
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { error: "unauthorized" });
    const doc = JSON.parse(raw.toString("utf8")) as {
      name?: string;
      "dist-tags"?: Record<string, string>;
      versions?: Record<string, Json>;
      _attachments?: Record<string, { data?: string; length?: number }>;
    };
    const versions = Object.entries(doc.versions ?? {});
    const attachments = Object.values(doc._attachments ?? {}).filter((a) => typeof a.data === "string");
    if (doc.name !== name || versions.length !== 1 || attachments.length === 0) {
      this.violations.push(`publish of ${name}: malformed document`);
      return send(400, { error: "bad request" });
    }
    const [version, manifest] = versions[0];
    if (this.packages.get(name)?.has(version))
      return send(403, { error: `You cannot publish over the previously published versions: ${version}.` });
    const tarball = Buffer.from(attachments[0].data!, "base64");
    if (attachments[0].length !== tarball.length) this.violations.push(`publish of ${name}: length mismatch`);
    const tag = Object.keys(doc["dist-tags"] ?? {})[0] ?? "latest";
    // npm attaches a sigstore bundle as a second attachment when --provenance is used.
    this.published.push({ name, version, tag, tarball, provenance: attachments.length > 1 });
    this.add(manifest, tarball, false);
    this.distTags.set(name, { ...(this.distTags.get(name) ?? {}), [tag]: version });
    return send(201, { ok: true });
  }
}
