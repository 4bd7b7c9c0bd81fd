import { RE2JS } from "re2js";

const cache = new Map<string, RE2JS | null>();

/**
 * Compile a Go/RE2 regular expression with re2js (linear time, RE2 semantics), cached by source.
 * Returns null when it does not compile (callers decide what sops would do then).
 */
export function re2(pattern: string): RE2JS | null {
  let r = cache.get(pattern);
  if (r === undefined) {
    try {
      r = RE2JS.compile(pattern);
    } catch {
      r = null;
    }
    cache.set(pattern, r);
  }
  return r;
}

/** Unanchored search like Go `regexp.MatchString`; an invalid pattern never matches (as sops ignores the error). */
export function re2Search(pattern: string, input: string): boolean {
  const r = re2(pattern);
  return r ? r.matcher(input).find() : false;
}
