#!/usr/bin/env node
// Publish an mxops release from a pushed version tag (vX.Y.Z), as .gitea/workflows/release.yml runs it on
// Gitea Actions or GitHub Actions: the forge release for the tag with the given files attached (the Ansible
// collection tarball), the npm package, and the major tag (v1 for 1.x) moved to the release commit so
// `uses: <owner>/mxops@v1` runs the new version. Every step first reads what is there and only does what is
// missing, so a rerun finishes a failed release and never duplicates a release, an asset or a publish.
//
//   node scripts/release.mjs --tag v1.2.0 --asset build/mxops-matrix-1.2.0.tar.gz [--dry-run]
//
// --dry-run reads (git, the forge API, the npm registry) and prints the plan; it writes nothing.
// Environment (the runner sets the GITHUB_* ones; on Gitea they are the GitHub-compatible aliases):
//   GITHUB_REPOSITORY owner/name; GITHUB_API_URL (else GITHUB_SERVER_URL + /api/v1 on Gitea,
//   https://api.github.com on GitHub); GITEA_ACTIONS=true selects Gitea; GITHUB_REF gives the tag.
//   GITEA_TOKEN (Gitea) or GITHUB_TOKEN: forge token; NPM_TOKEN: npm automation token. Tokens are read from
//   the environment only and are never printed or passed on a command line.
// Exit codes: 0 done (or nothing to do), 1 a step failed, 2 usage or input error. One line per error.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ReleaseError, forgeClient, requireSafeUrl } from "./release-forge.mjs";

const VERSION_TAG = /^v(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

/** @param {string[]} args */
function git(args) {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (e) {
    const detail = String(e.stderr ?? "")
      .trim()
      .split("\n")
      .pop()
      // Never echo credentials a remote URL may carry.
      ?.replace(/\/\/[^/@\s]+@/g, "//***@");
    throw new ReleaseError(`git ${args[0]} failed${detail ? `: ${detail}` : ""}`);
  }
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function npm(args, env = process.env) {
  return spawnSync("npm", args, { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
}

/** Options from argv and the environment; throws ReleaseError(usage) for anything missing or inconsistent. */
function context(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tag: { type: "string" },
        asset: { type: "string", multiple: true, default: [] },
        remote: { type: "string", default: "origin" },
        forge: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "skip-npm": { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    throw new ReleaseError(e instanceof Error ? e.message : "bad arguments", { usage: true });
  }
  const ref = env.GITHUB_REF ?? "";
  const tag = values.tag ?? (ref.startsWith("refs/tags/") ? ref.slice("refs/tags/".length) : "");
  const m = VERSION_TAG.exec(tag);
  if (!m)
    throw new ReleaseError(`the tag must look like v1.2.3 (got '${tag}'); pass --tag or run on a tag push`, {
      usage: true,
    });
  const pkg = JSON.parse(readFileSync("package.json", "utf8"));
  const version = tag.slice(1);
  if (pkg.version !== version)
    throw new ReleaseError(`tag ${tag} does not match package.json version ${pkg.version}`, { usage: true });
  const forge = values.forge ?? (env.GITEA_ACTIONS === "true" ? "gitea" : "github");
  if (forge !== "gitea" && forge !== "github")
    throw new ReleaseError(`--forge must be gitea or github`, { usage: true });
  const repo = env.GITHUB_REPOSITORY ?? "";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new ReleaseError("GITHUB_REPOSITORY must be owner/name", { usage: true });
  const server = (env.GITHUB_SERVER_URL ?? "").replace(/\/+$/, "");
  const api = env.GITHUB_API_URL || (forge === "gitea" ? (server ? `${server}/api/v1` : "") : "https://api.github.com");
  if (!api) throw new ReleaseError("set GITHUB_API_URL or GITHUB_SERVER_URL", { usage: true });
  requireSafeUrl(api, "forge API URL");
  const token = (forge === "gitea" ? env.GITEA_TOKEN || env.GITHUB_TOKEN : env.GITHUB_TOKEN) || undefined;
  const dryRun = values["dry-run"];
  if (!dryRun && !token)
    throw new ReleaseError(`set ${forge === "gitea" ? "GITEA_TOKEN" : "GITHUB_TOKEN"} (forge token)`, { usage: true });
  const skipNpm = values["skip-npm"];
  if (!dryRun && !skipNpm && !env.NPM_TOKEN)
    throw new ReleaseError("set NPM_TOKEN (or pass --skip-npm)", { usage: true });
  const assets = values.asset.map((file) => {
    if (!existsSync(file) || !statSync(file).isFile())
      throw new ReleaseError(`asset ${file} not found`, { usage: true });
    const name = path.basename(file);
    const v = /-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.tar\.gz$/.exec(name)?.[1];
    if (v && v !== version)
      throw new ReleaseError(`asset ${name} is for version ${v}, not ${version}`, { usage: true });
    return { name, bytes: readFileSync(file) };
  });
  return {
    tag,
    version,
    name: String(pkg.name),
    prerelease: m[4] !== undefined,
    major: `v${m[1]}`,
    forge,
    repo,
    api,
    token,
    dryRun,
    skipNpm,
    remote: values.remote,
    assets,
    // Provenance needs GitHub Actions' OIDC token (permissions: id-token: write); Gitea has no such issuer.
    provenance: forge === "github" && env.GITHUB_ACTIONS === "true" && !!env.ACTIONS_ID_TOKEN_REQUEST_URL,
  };
}

/** Whether name@version is on the registry npm is configured for. */
function npmPublished(name, version) {
  const r = npm(["view", `${name}@${version}`, "version", "--json"]);
  if (r.status === 0) return r.stdout.trim() !== "";
  if (/E404/.test(r.stdout + r.stderr)) return false;
  throw new ReleaseError(`npm view ${name}@${version} failed (exit ${r.status})`);
}

/** `npm publish` with the token from NPM_TOKEN via a throwaway userconfig that holds only `${NPM_TOKEN}`. */
function npmPublish(ctx) {
  const registry = npm(["config", "get", "registry"]).stdout.trim() || "https://registry.npmjs.org/";
  requireSafeUrl(registry, "npm registry");
  const u = new URL(registry);
  const dir = mkdtempSync(path.join(os.tmpdir(), "mxops-release-npm-"));
  try {
    const rc = path.join(dir, "npmrc");
    writeFileSync(rc, `//${u.host}${u.pathname.replace(/\/?$/, "/")}:_authToken=\${NPM_TOKEN}\n`, { mode: 0o600 });
    const args = ["publish", "--userconfig", rc, "--access", "public", "--tag", ctx.prerelease ? "next" : "latest"];
    if (ctx.provenance) args.push("--provenance");
    const r = npm(args);
    if (r.status !== 0) {
      const code = /npm error code (\S+)/.exec(r.stderr)?.[1] ?? `exit ${r.status}`;
      throw new ReleaseError(`npm publish failed (${code})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The commit a remote tag points at (peeled), or undefined. */
function remoteTag(remote, tag) {
  const lines = git(["ls-remote", "--tags", remote, `refs/tags/${tag}`, `refs/tags/${tag}^{}`]).split("\n");
  const refs = new Map(lines.filter(Boolean).map((l) => l.split("\t").reverse()));
  return refs.get(`refs/tags/${tag}^{}`) ?? refs.get(`refs/tags/${tag}`);
}

async function main() {
  const ctx = context(process.argv.slice(2), process.env);
  const commit = git(["rev-parse", "--verify", `refs/tags/${ctx.tag}^{commit}`]);
  const client = forgeClient(ctx);
  const out = (s) => process.stdout.write(`${s}\n`);
  out(`${ctx.name} ${ctx.version}: tag ${ctx.tag} at ${commit.slice(0, 12)}, ${ctx.forge} ${ctx.repo}`);

  let release = await client.releaseByTag(ctx.tag);
  out(release ? `  release: exists (id ${release.id}), keep` : `  release: create "${ctx.name} ${ctx.tag}"`);
  const missing = [];
  for (const a of ctx.assets) {
    const there = (release?.assets ?? []).find((x) => x.name === a.name);
    if (!there) {
      missing.push(a);
      out(`  asset ${a.name}: upload (${a.bytes.length} bytes)`);
    } else if (there.size !== a.bytes.length) {
      throw new ReleaseError(
        `asset ${a.name} is already on the release with ${there.size} bytes, this build has ${a.bytes.length}: delete it on the forge or release a new version`,
      );
    } else out(`  asset ${a.name}: present, keep`);
  }
  const published = ctx.skipNpm ? true : npmPublished(ctx.name, ctx.version);
  const distTag = ctx.prerelease ? "next" : "latest";
  if (ctx.skipNpm) out("  npm: skipped (--skip-npm)");
  else if (published) out(`  npm: ${ctx.name}@${ctx.version} already published, skip`);
  else
    out(`  npm: publish ${ctx.name}@${ctx.version} (dist-tag ${distTag}${ctx.provenance ? ", with provenance" : ""})`);
  const majorAt = ctx.prerelease ? undefined : remoteTag(ctx.remote, ctx.major);
  const moveMajor = !ctx.prerelease && majorAt !== commit;
  if (ctx.prerelease) out(`  ${ctx.major}: prerelease, not moved`);
  else if (!moveMajor) out(`  ${ctx.major}: already at ${commit.slice(0, 12)}, keep`);
  else
    out(
      `  ${ctx.major}: ${majorAt ? `move ${majorAt.slice(0, 12)} -> ` : "create at "}${commit.slice(0, 12)} on ${ctx.remote}`,
    );

  if (ctx.dryRun) {
    out("dry run: nothing was written");
    return;
  }
  if (!release) {
    // The annotation of an annotated tag is the release text; a lightweight tag (what actions/checkout leaves
    // unless the tag is fetched again) has none, and its commit message is not release notes.
    const annotated = git(["cat-file", "-t", `refs/tags/${ctx.tag}`]) === "tag";
    const notes = annotated ? git(["tag", "--list", "--format=%(contents:body)", ctx.tag]).trim() : "";
    release = await client.createRelease({
      tag: ctx.tag,
      name: `${ctx.name} ${ctx.tag}`,
      body: notes || `${ctx.name} ${ctx.version}`,
      prerelease: ctx.prerelease,
    });
    out(`created release ${release.html_url ?? release.id}`);
  }
  for (const a of missing) {
    const there = (release.assets ?? []).find((x) => x.name === a.name);
    if (there) continue;
    const asset = await client.uploadAsset(release, a.name, a.bytes);
    out(`uploaded ${a.name}${asset.browser_download_url ? ` -> ${asset.browser_download_url}` : ""}`);
  }
  if (!published) {
    npmPublish(ctx);
    out(`published ${ctx.name}@${ctx.version}`);
  }
  if (moveMajor) {
    git(["push", "--force", ctx.remote, `${commit}:refs/tags/${ctx.major}`]);
    out(`moved ${ctx.major} to ${commit.slice(0, 12)}`);
  }
}

main().catch((e) => {
  const known = e instanceof ReleaseError;
  process.stderr.write(`release: ${known ? e.message : `internal error (${e?.name ?? "unknown"})`}\n`);
  process.exitCode = known && e.usage ? 2 : 1;
});
