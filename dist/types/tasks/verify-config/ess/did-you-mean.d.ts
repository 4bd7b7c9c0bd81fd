/** Levenshtein distance (small strings; keys). */
export declare function editDistance(a: string, b: string): number;
/**
 * The closest allowed key to `key`: case-insensitive or separator-insensitive matches first
 * (`server_name` → `serverName`), else the smallest edit distance within a third of the key's length.
 */
export declare function didYouMean(key: string, allowed: readonly string[]): string | undefined;
