import { RE2JS } from "re2js";
/**
 * Compile a Go/RE2 regular expression with re2js (linear time, RE2 semantics), cached by source.
 * Returns null when it does not compile (callers decide what sops would do then).
 */
export declare function re2(pattern: string): RE2JS | null;
/** Unanchored search like Go `regexp.MatchString`; an invalid pattern never matches (as sops ignores the error). */
export declare function re2Search(pattern: string, input: string): boolean;
