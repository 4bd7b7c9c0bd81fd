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
export declare function globToRegExp(pattern: string): TagMatcher;
/** The literal text after the pattern's last wildcard (e.g. `-complete` for `m*-*-complete`). */
export declare function literalSuffix(pattern: string): string;
