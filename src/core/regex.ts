import { RE2JS } from "re2js";

const cache = new Map<string, RE2JS | null>();

// Every regular expression that comes from repository content (.sops.yaml rules, tag patterns, remote redirect
// URI patterns) runs on re2js: linear time, so a crafted pattern can neither hang CI nor match differently.

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
