/**
 * "Did you mean" for configuration keys: the closest known key by edit distance, with a few cheap
 * normalisations (case, `-` vs `_`, camelCase) so `matrixRtc` finds `matrix_rtc` and `upstream_oauth2_config`
 * finds `upstream_oauth2`.
 */
/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export declare function editDistance(a: string, b: string): number;
/** Lower-case snake_case form used for comparisons. */
export declare function normaliseKey(key: string): string;
/**
 * The best candidate for `key`, or undefined when nothing is close enough. Never returns `key` itself.
 * Prefers an exact match after normalisation, then a candidate that is a `_`-bounded prefix of the key
 * (`upstream_oauth2_config` → `upstream_oauth2`), then the smallest edit distance within a third of the length.
 */
export declare function suggest(key: string, candidates: Iterable<string>): string | undefined;
/** `did you mean "x"?` or an empty string, for appending to messages. */
export declare function didYouMean(key: string, candidates: Iterable<string>): string;
