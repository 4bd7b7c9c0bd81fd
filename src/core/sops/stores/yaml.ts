import {
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  YAMLParseError,
  type ErrorCode,
  type Node,
} from "yaml";
import {
  aliasBomb,
  markDuplicateKeys,
  MAX_NESTING,
  nestingTooDeepAt,
  yamlErrorMessage,
  type PathSeg,
} from "../../yaml.js";
import { positionIndex, type Envelope, type Leaf, type LeafKind } from "../tree.js";

/** Most nodes visited per file (alias expansion included) before giving up: guards against alias bombs. */
const MAX_NODES = 1_000_000;

/** Parse options shared with the task so a file is parsed once (ints as BigInt keep 64-bit values exact). */
export const SOPS_YAML_OPTIONS = {
  intAsBigInt: true,
  // Duplicate keys are marked by markDuplicateKeys (linear); the parser's own check is quadratic.
  uniqueKeys: false,
  strict: true,
  logLevel: "silent",
  prettyErrors: false,
} as const;

/** Parse YAML text (all documents) the way the sops YAML store reads it. */
export function parseSopsYamlDocs(text: string): Document.Parsed[] {
  const deep = nestingTooDeepAt(text);
  if (deep >= 0) {
    // Refused before parsing: one clear error instead of the parser running out of stack.
    const doc = new Document() as unknown as Document.Parsed;
    // mxops's own code (not one of the library's): yamlErrorMessage gives it its fixed text.
    const code = "NESTING_TOO_DEEP" as ErrorCode;
    doc.errors.push(new YAMLParseError([deep, deep + 1], code, `nesting deeper than ${MAX_NESTING} levels`));
    return [doc];
  }
  const d = parseAllDocuments(text, SOPS_YAML_OPTIONS);
  const docs = (Array.isArray(d) ? d : [d]) as Document.Parsed[];
  for (const doc of docs) {
    markDuplicateKeys(doc);
    // The same alias limit as verify-config (MAX_ALIAS_COUNT): an alias bomb is one error, not minutes of work.
    if (text.includes("*") && doc.errors.length === 0 && aliasBomb(doc)) {
      const at = doc.contents?.range?.[0] ?? 0;
      doc.errors.push(new YAMLParseError([at, at + 1], "RESOURCE_EXHAUSTION", "alias expansion over the limit"));
    }
  }
  return docs;
}

function commentLines(c: string | null | undefined): string[] {
  if (!c) return [];
  return c.split("\n").filter((l) => l !== "");
}

function scalarKind(v: unknown): LeafKind {
  if (v === null || v === undefined) return "null";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "boolean") return "bool";
  return "str";
}

interface Walk {
  doc: Document.Parsed;
  docIndex: number;
  out: Leaf[];
  nodes: number;
}

function pushComments(
  w: Walk,
  lines: string[],
  path: string[],
  keyPath: PathSeg[],
  stack: string[][],
  offset: number,
): void {
  for (const l of lines)
    w.out.push({ doc: w.docIndex, path, keyPath, kind: "comment", value: l, offset, comments: stack });
}

function walk(
  w: Walk,
  node: unknown,
  path: string[],
  keyPath: PathSeg[],
  stack: string[][],
  top = false,
  seed: string[] = [],
): void {
  if (++w.nodes > MAX_NODES) throw new Error("too many nodes (alias expansion)");
  if (isAlias(node)) {
    walk(w, node.resolve(w.doc), path, keyPath, stack);
    return;
  }
  if (isMap(node) || isSeq(node)) {
    // Comments attached to the collection itself open its first item's level (yaml.v3/sops: head comment of
    // the first key), in the collection's own branch (their AAD is this path).
    const level: string[] = [];
    for (const c of seed) {
      level.push(c);
      pushComments(w, [c], path, keyPath, [...stack, [...level]], (node as Node).range?.[0] ?? 0);
    }
    const isM = isMap(node);
    node.items.forEach((item, i) => {
      let key: string | number = i;
      let value: unknown = item;
      let keyNode: Node | null = null;
      if (isM) {
        if (!isPair(item)) return;
        keyNode = item.key as Node | null;
        key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : "";
        if (top && key === "sops") return;
        value = item.value;
      }
      const at =
        (isScalar(value) || isAlias(value) ? (value as Node).range?.[0] : undefined) ??
        keyNode?.range?.[0] ??
        (value as Node | null)?.range?.[0] ??
        0;
      const pending = commentLines(keyNode?.commentBefore);
      if (isScalar(value) || isAlias(value) || value === null) {
        pending.push(
          ...commentLines((value as Node | null)?.commentBefore),
          ...commentLines((value as Node | null)?.comment),
        );
      }
      // Comments belong to the branch that holds the item: AAD = the branch path.
      for (const c of pending) {
        level.push(c);
        pushComments(w, [c], path, keyPath, [...stack, [...level]], keyNode?.range?.[0] ?? at);
      }
      const childPath = isM ? [...path, key as string] : path;
      const childKeyPath = [...keyPath, key];
      const snapshot = [...stack, [...level]];
      if (value === null || value === undefined) {
        // sops keeps null values as they are: no MAC input, no encryption.
      } else if (isScalar(value)) {
        const v = value.value as Leaf["value"];
        w.out.push({
          doc: w.docIndex,
          path: childPath,
          keyPath: childKeyPath,
          kind: scalarKind(v),
          value: v,
          offset: at,
          comments: snapshot,
        });
      } else {
        walk(w, value, childPath, childKeyPath, snapshot, false, commentLines((value as Node).commentBefore));
        pushComments(w, commentLines((value as Node).comment), path, keyPath, snapshot, at);
      }
      level.length = 0;
    });
    return;
  }
  if (isScalar(node)) {
    const v = node.value as Leaf["value"];
    w.out.push({
      doc: w.docIndex,
      path,
      keyPath,
      kind: scalarKind(v),
      value: v,
      offset: node.range?.[0] ?? 0,
      comments: stack,
    });
  }
}

/**
 * Read an already-parsed YAML stream as the sops YAML store does: one branch per document, the `sops` key of
 * the first document is the metadata (removed from every document), comments are leaves of their branch.
 */
export function yamlEnvelope(text: string, docs: readonly Document.Parsed[]): Envelope {
  const out: Leaf[] = [];
  const errors: Envelope["errors"] = [];
  const env: Envelope = { format: "yaml", leaves: out, pos: positionIndex(text), errors };
  docs.forEach((doc, docIndex) => {
    // Fixed texts only: the parser's messages quote the source, which may be a plaintext Secret.
    for (const e of doc.errors) errors.push({ message: yamlErrorMessage(e.code), offset: e.pos[0] });
    if (doc.errors.length > 0) return;
    const w: Walk = { doc, docIndex, out, nodes: 0 };
    const contents = doc.contents;
    const top = [commentLines(doc.commentBefore)];
    if (contents === null || (isScalar(contents) && contents.value === null)) return;
    if (!isMap(contents)) {
      errors.push({
        message: "a YAML document that is not a mapping cannot be a sops file",
        offset: contents.range?.[0] ?? 0,
      });
      return;
    }
    if (docIndex === 0) {
      const p = contents.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === "sops");
      if (p) {
        env.metadata =
          p.value === null ? null : isAlias(p.value) ? p.value.resolve(doc)?.toJSON() : (p.value as Node).toJSON();
        env.metadataOffset = (p.key as Node).range?.[0] ?? 0;
      }
    }
    try {
      walk(w, contents, [], [], [], true, [...top[0], ...commentLines(contents.commentBefore)]);
    } catch (e) {
      errors.push({ message: e instanceof Error ? e.message : String(e), offset: 0 });
    }
    pushComments(w, commentLines(contents.comment), [], [], top, contents.range?.[1] ?? 0);
    pushComments(w, commentLines(doc.comment), [], [], top, contents.range?.[1] ?? 0);
  });
  return env;
}
