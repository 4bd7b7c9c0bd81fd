import { getOwn, setOwn } from "../../../core/own.js";
import type { PathSeg } from "../../../core/yaml.js";

/** Result of applying a `valuesFrom[].targetPath` the way helm-controller does. */
export type TargetPathResult = { ok: true; path: PathSeg[] } | { ok: false; reason: string };

/**
 * Parse a targetPath like Helm's `--set` key parser (strvals) as used by helm-controller:
 * dots separate keys, `\.` escapes a dot, `name[3]` indexes a list.
 */
export function parseTargetPath(targetPath: string): PathSeg[] | undefined {
  const segs: PathSeg[] = [];
  let cur = "";
  let escaped = false;
  const flush = (): boolean => {
    if (cur === "") return true;
    const m = /^([^[\]]*)((\[\d+\])+)$/.exec(cur);
    if (m) {
      if (m[1]) segs.push(m[1]);
      for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) segs.push(Number(idx[1]));
    } else if (/[[\]]/.test(cur)) return false;
    else segs.push(cur);
    cur = "";
    return true;
  };
  for (const ch of targetPath) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (ch === ".") {
      if (!flush()) return undefined;
    } else cur += ch;
  }
  if (!flush() || segs.length === 0) return undefined;
  return segs;
}

/** Helm strvals typing of an unquoted `--set` value. */
function typed(v: string): unknown {
  const lower = v.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (v === "0") return 0;
  if (v.length > 0 && v[0] !== "0" && /^[+-]?\d+$/.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  return v;
}

/** Split on unescaped commas (strvals treats them as the start of another assignment). */
function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let escaped = false;
  for (const ch of s) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === "\\") escaped = true;
    else if (ch === sep) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/**
 * The value helm-controller sets at a targetPath for the referenced data: quoted data (single or double
 * quotes around it) is a string (ParseIntoString), otherwise Helm's `--set` typing applies (true/false/null,
 * integers without a leading zero) and `{a,b}` is a list. An unescaped comma makes Helm parse the rest as
 * another `key=value` pair, which fails the release: returned as `{ error }`.
 */
export function targetPathValue(data: string): { value: unknown } | { error: string } {
  let v = data;
  let forceString = false;
  if ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"'))) {
    v = v.replace(/^['"]+|['"]+$/g, "");
    forceString = true;
  }
  if (v.startsWith("{") && v.endsWith("}")) {
    return { value: splitUnescaped(v.slice(1, -1), ",").map((x) => (forceString ? x : typed(x))) };
  }
  const parts = splitUnescaped(v, ",");
  if (parts.length > 1)
    return {
      error:
        "the value contains an unescaped comma, which Helm's --set parser reads as the start of another key=value pair",
    };
  const s = parts[0] ?? "";
  return { value: forceString ? s : typed(s) };
}

/**
 * Set `value` at `path` in `target` (creating maps and list slots like strvals). Returns false if a list is indexed by
 * a key. Segments are plain keys: `__proto__`, `constructor` and `prototype` become own properties, as in Helm.
 */
export function setAtPath(target: Record<string, unknown>, path: readonly PathSeg[], value: unknown): boolean {
  let cur: unknown = target;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === "number";
    const fresh = (): unknown => (nextIsIndex ? [] : {});
    if (Array.isArray(cur)) {
      if (typeof seg !== "number") return false;
      while (cur.length <= seg) cur.push(null);
      if (last) cur[seg] = value;
      else {
        const child: unknown = cur[seg];
        if (typeof child !== "object" || child === null || Array.isArray(child) !== nextIsIndex) cur[seg] = fresh();
        cur = cur[seg];
      }
    } else if (typeof cur === "object" && cur !== null) {
      const obj = cur as Record<string, unknown>;
      const key = String(seg);
      if (last) setOwn(obj, key, value);
      else {
        let child = getOwn(obj, key);
        if (typeof child !== "object" || child === null || Array.isArray(child) !== nextIsIndex) {
          child = fresh();
          setOwn(obj, key, child);
        }
        cur = child;
      }
    } else return false;
  }
  return true;
}
