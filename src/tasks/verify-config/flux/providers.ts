import path from "node:path/posix";
import type { PathSeg } from "../../../core/yaml.js";
import type { Location, RepoManifest } from "../components/types.js";
import type { LoadedFile, LoadedRepo } from "../repo/load.js";
import { isRecord } from "../repo/load.js";
import type { YamlView } from "../repo/view.js";
import { namespaceResolver } from "./namespaces.js";

/** One key of a ConfigMap/Secret as the repo defines it. */
export interface ProviderEntry {
  /** The text Flux would read; undefined when it cannot be known offline (encrypted, generated elsewhere). */
  text?: string;
  /** Where the key is written. */
  at: Location;
  /**
   * The text's own positions mapped to the repository: the YAML view the text lives in and how to reach it.
   * `kind: "string"` — the text is the string at `path` of document `docIndex` of `view`;
   * `kind: "file"` — the text is the whole file `view` (kustomize generator `files:`).
   */
  origin?: { kind: "string"; view: YamlView; docIndex: number; path: PathSeg[] } | { kind: "file"; view: YamlView };
}

/** A ConfigMap or Secret that valuesFrom may reference. */
export interface ValuesProvider {
  kind: "ConfigMap" | "Secret";
  name: string;
  namespace?: string;
  file: string;
  at: Location;
  /** How the content is known. */
  source: "manifest" | "generator" | "encrypted" | "external";
  /** Keys and their content; undefined when the key set itself is unknown (external/encrypted). */
  entries?: Map<string, ProviderEntry>;
  /** The manifest, for manifest-based providers. */
  manifest?: RepoManifest;
}

/** Kinds that make a Secret with a name we can predict but content we cannot. */
const EXTERNAL_SECRET_KINDS = new Set([
  "ExternalSecret",
  "SealedSecret",
  "OnePasswordItem",
  "InfisicalSecret",
  "BitwardenSecret",
  "VaultStaticSecret",
]);

function externalTargetName(m: RepoManifest): string | undefined {
  const spec = isRecord(m.body.spec) ? m.body.spec : {};
  if (m.kind === "ExternalSecret" && isRecord(spec.target) && typeof spec.target.name === "string")
    return spec.target.name;
  if (m.kind === "VaultStaticSecret" && isRecord(spec.destination) && typeof spec.destination.name === "string")
    return spec.destination.name;
  if (
    m.kind === "SealedSecret" &&
    isRecord(spec.template) &&
    isRecord(spec.template.metadata) &&
    typeof spec.template.metadata.name === "string"
  )
    return spec.template.metadata.name;
  return m.name;
}

/** Decoded base64 of a Secret `data` value (undefined when it is not valid base64). */
function fromBase64(v: string): string | undefined {
  const clean = v.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, "base64").toString("utf8");
}

/** An entry whose location is computed on first use (most entries are never reported). */
function lazyAt(compute: () => Location): ProviderEntry {
  let cached: Location | undefined;
  const entry = {} as ProviderEntry;
  Object.defineProperty(entry, "at", {
    enumerable: true,
    configurable: true,
    get: () => (cached ??= compute()),
    set: (v: Location) => (cached = v),
  });
  return entry;
}

/** Entries of a ConfigMap/Secret manifest (plaintext, or decrypted in memory). */
export function manifestEntries(
  m: RepoManifest,
  view: YamlView | undefined,
  body: Record<string, unknown> = m.body,
): Map<string, ProviderEntry> {
  const entries = new Map<string, ProviderEntry>();
  const add = (field: "data" | "stringData", base64: boolean) => {
    const d = body[field];
    if (!isRecord(d)) return;
    for (const [k, v] of Object.entries(d)) {
      const entry = lazyAt(() => m.locate([field, k]) ?? { file: m.file });
      const text =
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a non-string YAML scalar (number, boolean) counts as written
        typeof v === "string" ? (base64 ? fromBase64(v) : v) : v === null || v === undefined ? "" : String(v);
      if (text !== undefined) entry.text = text;
      if (!base64 && view && typeof v === "string")
        entry.origin = { kind: "string", view, docIndex: m.docIndex, path: [field, k] };
      entries.set(k, entry);
    }
  };
  add("data", m.kind === "Secret");
  add("stringData", false);
  return entries;
}

/**
 * Every ConfigMap/Secret the repository defines or makes: manifests, kustomize configMapGenerator and
 * secretGenerator entries, and Secrets produced by ExternalSecret-like objects (content unknown).
 * SOPS-encrypted Secrets are listed with source "encrypted" (their content comes from `decrypted`).
 */
export function collectProviders(
  repo: LoadedRepo,
  decrypted: Map<RepoManifest, Record<string, unknown>>,
): ValuesProvider[] {
  const nsOf = namespaceResolver(repo);
  const viewByFile = new Map(repo.files.map((f) => [f.rel, f]));
  const out: ValuesProvider[] = [];
  for (const m of repo.manifests) {
    if (!m.kind || !m.name) continue;
    const ns = nsOf(m);
    let atCache: Location | undefined;
    const atOf = () => (atCache ??= m.locate(["metadata", "name"]) ?? { file: m.file });
    if ((m.kind === "ConfigMap" || m.kind === "Secret") && typeof m.apiVersion === "string" && m.apiVersion === "v1") {
      const p = withLazyAt({ kind: m.kind, name: m.name, file: m.file, source: "manifest", manifest: m }, atOf);
      if (ns !== undefined) p.namespace = ns;
      if ("sops" in m.body) {
        const plain = decrypted.get(m);
        p.source = "encrypted";
        // Keys are visible in an encrypted file; values are not (unless decrypted in memory).
        const keysOnly = manifestEntries(m, undefined);
        if (plain) {
          const dec = manifestEntries(m, undefined, plain);
          for (const [k, e] of dec) keysOnly.set(k, { ...e, at: keysOnly.get(k)?.at ?? e.at });
          p.source = "manifest";
        } else for (const e of keysOnly.values()) delete e.text;
        p.entries = keysOnly;
      } else p.entries = manifestEntries(m, viewByFile.get(m.file)?.view);
      out.push(p);
    } else if (m.kind === "ObjectBucketClaim") {
      // Rook/NooBaa bucket claims make a ConfigMap and a Secret named like the claim (bucket host, keys).
      for (const kind of ["ConfigMap", "Secret"] as const)
        out.push(
          withLazyAt(
            { kind, name: m.name, file: m.file, source: "external", ...(ns !== undefined ? { namespace: ns } : {}) },
            atOf,
          ),
        );
    } else if (
      m.kind === "Certificate" &&
      (m.apiVersion ?? "").startsWith("cert-manager.io/") &&
      isRecord(m.body.spec) &&
      typeof m.body.spec.secretName === "string"
    ) {
      out.push(
        withLazyAt(
          {
            kind: "Secret",
            name: m.body.spec.secretName,
            file: m.file,
            source: "external",
            ...(ns !== undefined ? { namespace: ns } : {}),
          },
          atOf,
        ),
      );
    } else if (EXTERNAL_SECRET_KINDS.has(m.kind)) {
      const name = externalTargetName(m);
      if (!name) continue;
      const p = withLazyAt({ kind: "Secret", name, file: m.file, source: "external" }, atOf);
      if (ns !== undefined) p.namespace = ns;
      out.push(p);
    }
  }
  for (const lf of repo.files)
    if (/(^|\/)kustomization\.ya?ml$/.test(lf.rel)) out.push(...generatorProviders(lf, viewByFile));
  return out;
}

function withLazyAt(p: Omit<ValuesProvider, "at">, atOf: () => Location): ValuesProvider {
  Object.defineProperty(p, "at", { enumerable: true, get: atOf });
  return p as ValuesProvider;
}

/** configMapGenerator / secretGenerator entries of a kustomization.yaml. */
function generatorProviders(lf: LoadedFile, files: Map<string, LoadedFile>): ValuesProvider[] {
  const out: ValuesProvider[] = [];
  const body = lf.values[0];
  if (!isRecord(body)) return out;
  const dir = path.dirname(lf.rel);
  for (const [field, kind] of [
    ["configMapGenerator", "ConfigMap"],
    ["secretGenerator", "Secret"],
  ] as const) {
    const gens = body[field];
    if (!Array.isArray(gens)) continue;
    gens.forEach((g, i) => {
      if (!isRecord(g) || typeof g.name !== "string") return;
      const at = { file: lf.rel, ...(keyAt(lf, [field, i, "name"]) ?? {}) };
      const p: ValuesProvider = { kind, name: g.name, file: lf.rel, at, source: "generator", entries: new Map() };
      const ns =
        typeof g.namespace === "string" ? g.namespace : typeof body.namespace === "string" ? body.namespace : undefined;
      if (ns !== undefined) p.namespace = ns;
      const entries = p.entries as Map<string, ProviderEntry>;
      const fileList = Array.isArray(g.files) ? g.files : [];
      fileList.forEach((spec, j) => {
        if (typeof spec !== "string") return;
        const eq = spec.indexOf("=");
        const key = eq >= 0 ? spec.slice(0, eq) : path.basename(spec);
        const rel = path.normalize(path.join(dir, eq >= 0 ? spec.slice(eq + 1) : spec));
        const entryAt = { file: lf.rel, ...(keyAt(lf, [field, i, "files", j]) ?? {}) };
        const target = files.get(rel);
        if (target) {
          const encrypted = isRecord(target.values[0]) && "sops" in target.values[0];
          const entry: ProviderEntry = { at: { file: rel, line: 1, column: 1 } };
          if (!encrypted) {
            entry.text = target.view.text;
            entry.origin = { kind: "file", view: target.view };
          } else p.source = "encrypted";
          entries.set(key, entry);
        } else entries.set(key, { at: entryAt });
      });
      const literals = Array.isArray(g.literals) ? g.literals : [];
      literals.forEach((lit, j) => {
        if (typeof lit !== "string") return;
        const eq = lit.indexOf("=");
        if (eq < 0) return;
        entries.set(lit.slice(0, eq), {
          text: lit.slice(eq + 1),
          at: { file: lf.rel, ...(keyAt(lf, [field, i, "literals", j]) ?? {}) },
        });
      });
      if (Array.isArray(g.envs) && g.envs.length > 0) p.entries = undefined;
      out.push(p);
    });
  }
  return out;
}

function keyAt(lf: LoadedFile, p: PathSeg[]): { line: number; column: number } | undefined {
  const doc = lf.view.parsed.docs[0];
  if (!doc) return undefined;
  const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  const pos = lf.view.parsed.lineCounter.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}
