import path from "node:path/posix";
import { parseYaml, toJS } from "../yaml.js";
import { objectId, selectorMatches, toSelector, type ObjectId, type Selector } from "./select.js";

/** One object a kustomize build emits, traced back to the document it comes from. */
export interface BuiltResource {
  /** Root-relative file and 0-based document index the object is read from. */
  file: string;
  doc: number;
  /** 1-based line where the document starts. */
  line: number;
  id: ObjectId;
  object: Record<string, unknown>;
  /** A patch of the build (kustomization.yaml, a component, Flux spec.patches) sets spec.decryption.provider: sops. */
  patchedSops: boolean;
}

/** What a build needs from a patch: where it applies and whether it adds SOPS decryption. */
interface DecryptionPatch {
  target?: Selector;
  /** Strategic-merge patch without target: it applies to the object with its own kind and name. */
  self?: ObjectId;
}

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const MAX_DEPTH = 64;
const MAX_DOCS = 200_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** kustomize remote resources (git URLs, `github.com/…?ref=`, https) are outside this repository. */
function isRemote(ref: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(git@|github\.com\/|gitlab\.com\/)/.test(ref) || ref.includes("?ref=")
  );
}

/** True for a Flux Kustomization (not kustomize's own kustomization.yaml kind). */
export function isFluxKustomization(id: ObjectId): boolean {
  return id.kind === "Kustomization" && (id.apiVersion ?? "").startsWith("kustomize.toolkit.fluxcd.io/");
}

/**
 * Normalise a Flux `spec.path` the way the controller joins it to the source root: `.` and empty segments
 * dropped, `..` resolved lexically and never above the root. Returns "" for the root.
 */
export function normaliseSourcePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/**
 * Offline evaluation of what `kustomize build` (and Flux's kustomize-controller, which generates a
 * kustomization.yaml where none exists) emits from a directory of the repository: which documents of which
 * files become objects, and which Flux Kustomizations a patch gives SOPS decryption. Remote bases and
 * generators are not followed; work is bounded (depth, documents read).
 */
export class KustomizeTree {
  private readonly dirs = new Map<string, { files: string[]; dirs: string[] }>();
  private readonly fileSet: Set<string>;
  private readonly parsed = new Map<string, Promise<Array<{ value: unknown; line: number }> | undefined>>();
  private readonly memo = new Map<string, Promise<BuiltResource[]>>();
  private docsRead = 0;

  /**
   * @param files every file of the tree, root-relative with `/` separators
   * @param readText the text of a file, or undefined when it cannot or must not be read (size cap)
   */
  constructor(
    files: readonly string[],
    private readonly readText: (rel: string) => Promise<string | undefined>,
  ) {
    this.fileSet = new Set(files);
    this.dirs.set("", { files: [], dirs: [] });
    for (const f of [...files].sort()) {
      let dir = path.dirname(f);
      if (dir === ".") dir = "";
      this.entry(dir).files.push(f);
    }
  }

  private entry(dir: string): { files: string[]; dirs: string[] } {
    let e = this.dirs.get(dir);
    if (!e) {
      e = { files: [], dirs: [] };
      this.dirs.set(dir, e);
      const parent = path.dirname(dir);
      this.entry(parent === "." ? "" : parent).dirs.push(dir);
    }
    return e;
  }

  /** True when `rel` is a directory holding files. */
  isDir(rel: string): boolean {
    return this.dirs.has(rel);
  }

  /** Plain documents of a YAML/JSON file with their start lines; undefined when unreadable. */
  docs(rel: string): Promise<Array<{ value: unknown; line: number }> | undefined> {
    let p = this.parsed.get(rel);
    if (!p) {
      p = this.readText(rel).then((text) => {
        if (text === undefined) return undefined;
        const parsed = parseYaml(text);
        return parsed.docs.map((d) => {
          const js = d.errors.length > 0 ? undefined : toJS(d);
          const start = d.contents?.range?.[0] ?? d.range[0];
          return { value: js && "value" in js ? js.value : undefined, line: parsed.lineCounter.linePos(start).line };
        });
      });
      this.parsed.set(rel, p);
    }
    return p;
  }

  /**
   * Objects a Flux Kustomization with `spec.path` = `dir` applies: the directory's kustomization file, or the
   * one Flux generates (every `.yaml`/`.yml` below it; a subdirectory with its own kustomization file is built
   * as a whole). `fluxPatches` are the Kustomization's `spec.patches`. Undefined when the directory does not exist.
   */
  async buildFlux(dir: string, fluxPatches: unknown): Promise<BuiltResource[] | undefined> {
    if (!this.isDir(dir)) return undefined;
    const res = await this.build(dir, true, []);
    const patches: DecryptionPatch[] = [];
    for (const p of list(fluxPatches)) {
      if (isRecord(p) && typeof p.patch === "string") patches.push(...this.patchesOf(p.patch, p.target));
    }
    applyPatches(patches, res);
    return res;
  }

  /** What `kustomize build dir` emits (the directory must hold a kustomization file). */
  async buildKustomize(dir: string): Promise<BuiltResource[]> {
    return this.build(dir, false, []);
  }

  private async build(dir: string, generate: boolean, stack: readonly string[]): Promise<BuiltResource[]> {
    if (stack.includes(dir) || stack.length > MAX_DEPTH) return [];
    const key = `${generate ? "g" : "k"}:${dir}`;
    let p = this.memo.get(key);
    if (!p) {
      p = this.buildUncached(dir, generate, [...stack, dir]);
      this.memo.set(key, p);
    }
    return (await p).map((r) => ({ ...r }));
  }

  private kustomizationFile(dir: string): string | undefined {
    return KUSTOMIZATION_FILES.map((n) => (dir ? `${dir}/${n}` : n)).find((f) => this.fileSet.has(f));
  }

  private async buildUncached(dir: string, generate: boolean, stack: string[]): Promise<BuiltResource[]> {
    const kfile = this.kustomizationFile(dir);
    const res: BuiltResource[] = [];
    if (!kfile) {
      if (generate) await this.scan(dir, res, stack);
      return res; // kustomize itself fails on a directory without a kustomization file: nothing is applied
    }
    const body = (await this.docs(kfile))?.[0]?.value;
    if (isRecord(body)) await this.apply(dir, body, res, stack);
    return res;
  }

  /** Flux's generated kustomization: manifests below `dir`, whole kustomize directories where they start. */
  private async scan(dir: string, res: BuiltResource[], stack: string[]): Promise<void> {
    const e = this.dirs.get(dir);
    if (!e) return;
    for (const f of e.files) if (/\.ya?ml$/.test(f)) await this.addFile(f, res);
    for (const sub of [...e.dirs].sort()) {
      if (this.kustomizationFile(sub)) res.push(...(await this.build(sub, false, stack)));
      else await this.scan(sub, res, stack);
    }
  }

  private async addFile(rel: string, res: BuiltResource[]): Promise<void> {
    const docs = await this.docs(rel);
    if (!docs || (this.docsRead += docs.length) > MAX_DOCS) return;
    docs.forEach((d, i) => {
      if (!isRecord(d.value)) return;
      const id = objectId(d.value);
      if (id.kind === undefined) return;
      res.push({ file: rel, doc: i, line: d.line, id, object: d.value, patchedSops: false });
    });
  }

  /** Resources, then components, then patches of one kustomization (or component) body. */
  private async apply(
    dir: string,
    body: Record<string, unknown>,
    res: BuiltResource[],
    stack: string[],
  ): Promise<void> {
    for (const ref of [...list(body.resources), ...list(body.bases)]) {
      if (typeof ref !== "string" || isRemote(ref)) continue;
      const rel = normaliseSourcePath(path.join(dir, ref));
      if (path.join(dir, ref).startsWith("..")) continue;
      if (this.isDir(rel)) res.push(...(await this.build(rel, false, stack)));
      else if (this.fileSet.has(rel)) await this.addFile(rel, res);
    }
    for (const ref of list(body.components)) {
      if (typeof ref !== "string" || isRemote(ref)) continue;
      const rel = normaliseSourcePath(path.join(dir, ref));
      const kfile = this.kustomizationFile(rel);
      if (!kfile || stack.includes(rel) || stack.length > MAX_DEPTH) continue;
      const cbody = (await this.docs(kfile))?.[0]?.value;
      if (isRecord(cbody)) await this.apply(rel, cbody, res, [...stack, rel]);
    }
    applyPatches(await this.kustomizationPatches(dir, body), res);
  }

  private async kustomizationPatches(dir: string, body: Record<string, unknown>): Promise<DecryptionPatch[]> {
    const out: DecryptionPatch[] = [];
    const text = async (p: Record<string, unknown>): Promise<string | undefined> => {
      if (typeof p.patch === "string") return p.patch;
      if (typeof p.path === "string") return this.readText(normaliseSourcePath(path.join(dir, p.path)));
      return undefined;
    };
    for (const p of [...list(body.patches), ...list(body.patchesJson6902)]) {
      if (!isRecord(p)) continue;
      const t = await text(p);
      if (t !== undefined) out.push(...this.patchesOf(t, p.target));
    }
    for (const p of list(body.patchesStrategicMerge)) {
      if (typeof p !== "string") continue;
      const t = p.includes("\n") ? p : await this.readText(normaliseSourcePath(path.join(dir, p)));
      if (t !== undefined) out.push(...this.patchesOf(t, undefined));
    }
    return out;
  }

  /** The decryption-adding patches in one patch text (strategic merge documents or a JSON 6902 list). */
  private patchesOf(text: string, rawTarget: unknown): DecryptionPatch[] {
    const target = toSelector(rawTarget);
    const out: DecryptionPatch[] = [];
    for (const doc of parseYaml(text).docs) {
      if (doc.errors.length > 0) continue;
      const js = toJS(doc);
      if (!("value" in js)) continue;
      const v = js.value;
      if (Array.isArray(v)) {
        // JSON 6902 needs a target; it adds decryption when an add/replace writes provider: sops.
        if (target && v.some(jsonOpAddsSops)) out.push({ target });
      } else if (isRecord(v) && addsSops(v)) {
        out.push(target ? { target } : { self: objectId(v) });
      }
    }
    return out;
  }
}

function addsSops(obj: Record<string, unknown>): boolean {
  const spec = obj.spec;
  return isRecord(spec) && isRecord(spec.decryption) && spec.decryption.provider === "sops";
}

function jsonOpAddsSops(op: unknown): boolean {
  if (!isRecord(op) || (op.op !== "add" && op.op !== "replace")) return false;
  if (op.path === "/spec/decryption") return isRecord(op.value) && op.value.provider === "sops";
  if (op.path === "/spec/decryption/provider") return op.value === "sops";
  if (op.path === "/spec") return isRecord(op.value) && addsSops({ spec: op.value });
  return false;
}

function applyPatches(patches: readonly DecryptionPatch[], res: BuiltResource[]): void {
  for (const p of patches) {
    for (const r of res) {
      if (!isFluxKustomization(r.id)) continue;
      if (p.target ? selectorMatches(p.target, r.id) : p.self && sameObject(p.self, r.id)) r.patchedSops = true;
    }
  }
}

/** kustomize matches a target-less strategic merge patch by kind, name and (when the patch has one) namespace. */
function sameObject(patch: ObjectId, id: ObjectId): boolean {
  return (
    patch.kind === id.kind &&
    patch.name === id.name &&
    (patch.namespace === undefined || id.namespace === undefined || patch.namespace === id.namespace)
  );
}
