import { usageError } from "../../core/errors.js";
import { re2 } from "../../core/regex.js";

/** A compiled tag pattern; matching is linear in the tag length (RE2), whatever the pattern. */
export interface TagMatcher {
  test(tag: string): boolean;
}

/**
 * Compile a tag filter glob the way workflow `on.push.tags` filters read it: `*` matches any run of
 * characters except `/`, `**` also matches `/`, `?` one character, `[...]` a character class
 * (`[!...]` negated). Everything else is literal. Throws MXOPS_USAGE for an empty pattern or an
 * unterminated class.
 */
export function globToRegExp(pattern: string): TagMatcher {
  if (pattern.length === 0) throw usageError("--pattern must not be empty");
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) throw usageError(`--pattern ${JSON.stringify(pattern)}: unterminated [ class`);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      re += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/-]/g, "\\$&");
  }
  const compiled = re2(`^${re}$`);
  if (!compiled) throw usageError(`--pattern ${JSON.stringify(pattern)}: not a valid pattern`);
  return { test: (tag) => compiled.matcher(tag).matches() };
}

/** The literal text after the pattern's last wildcard (e.g. `-complete` for `m*-*-complete`). */
export function literalSuffix(pattern: string): string {
  const m = /[*?\]]([^*?[\]]*)$/.exec(pattern);
  return m ? m[1] : "";
}
