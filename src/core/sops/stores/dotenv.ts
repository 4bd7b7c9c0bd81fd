import { getOwn, setOwn } from "../../own.js";
import { positionIndex, type Envelope, type Leaf } from "../tree.js";

type Tok = { map: string } | { list: number };

function tokenize(key: string): Tok[] {
  // sops' flatten format: a__map_b__list_0 → a, b, [0]
  const out: Tok[] = [];
  const re = /__(map|list)_/g;
  let last = 0;
  let kind: "first" | "map" | "list" = "first";
  let m: RegExpExecArray | null;
  const push = (s: string) => {
    if (kind === "list") out.push({ list: Number.parseInt(s, 10) });
    else out.push({ map: s });
  };
  while ((m = re.exec(key)) !== null) {
    push(key.slice(last, m.index));
    kind = m[1] === "map" ? "map" : "list";
    last = m.index + m[0].length;
  }
  push(key.slice(last));
  return out;
}

/** Rebuild the nested metadata from sops' flattened `sops_*` keys (dotenv store). */
export function unflatten(entries: ReadonlyArray<[string, string]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const toks = tokenize(key);
    let cur: Record<string, unknown> | unknown[] = root;
    toks.forEach((t, i) => {
      if (typeof cur !== "object" || cur === null) return; // conflicting flattened keys: sops rejects these too
      const last = i === toks.length - 1;
      const k: string | number = "map" in t ? t.map : t.list;
      const next = toks[i + 1];
      // Own properties only: a flattened key naming `__proto__` or `constructor` is an ordinary map key.
      const slot = getOwn(cur, k);
      const put = (v: unknown) =>
        Array.isArray(cur) && typeof k === "number" ? (cur[k] = v) : setOwn(cur, String(k), v);
      if (last) put(value);
      else {
        const child = slot ?? (next && "list" in next ? [] : {});
        put(child);
        cur = child as Record<string, unknown>;
      }
    });
  }
  return root;
}

/**
 * Read a dotenv file as the sops dotenv store does: `KEY=VALUE` lines (split at the first `=`, `\n` escapes
 * unescaped), `#` lines are comments, empty lines skipped; metadata are the `sops_*` keys, flattened with
 * `__map_`/`__list_`. A line without `=` is a syntax error (sops refuses the file).
 */
export function dotenvEnvelope(text: string): Envelope {
  const leaves: Leaf[] = [];
  const errors: Envelope["errors"] = [];
  const meta: Array<[string, string]> = [];
  const env: Envelope = { format: "dotenv", leaves, pos: positionIndex(text), errors };
  let offset = 0;
  let pending: string[] = [];
  for (const line of text.split("\n")) {
    const at = offset;
    offset += line.length + 1;
    if (line.length === 0) continue;
    if (line.startsWith("#")) {
      pending.push(line.slice(1));
      leaves.push({
        doc: 0,
        path: [],
        keyPath: [],
        kind: "comment",
        value: line.slice(1),
        offset: at,
        comments: [[...pending]],
      });
      continue;
    }
    const eq = line.indexOf("=");
    if (eq === -1) {
      errors.push({ message: "invalid dotenv line (no '=')", offset: at });
      continue;
    }
    const key = line.slice(0, eq);
    const value = line
      .slice(eq + 1)
      .split("\\n")
      .join("\n");
    if (key.startsWith("sops_")) {
      meta.push([key.slice(5), value]);
      if (env.metadataOffset === undefined) env.metadataOffset = at;
      continue;
    }
    leaves.push({
      doc: 0,
      path: [key],
      keyPath: [key],
      kind: "str",
      value,
      offset: at + eq + 1,
      comments: [[...pending]],
    });
    pending = [];
  }
  if (meta.length > 0) env.metadata = unflatten(meta);
  return env;
}
