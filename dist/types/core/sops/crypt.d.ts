import type { SopsMetadata } from "./metadata.js";
/**
 * sops' `shouldBeEncrypted`: whether the leaf at `path` (map keys only) with the given comments stack is
 * encrypted under the file's crypt rule. Mirrors sops 3.13: suffix rules test every path element; regex rules
 * search every element (RE2, unanchored, an invalid regex never matches); comment rules look at the comments
 * before the leaf at every level, and a comment matching `encrypted_comment_regex` is itself left in clear.
 */
export declare function shouldBeEncrypted(meta: Pick<SopsMetadata, "crypt">, path: readonly string[], comments: readonly string[][], isComment: boolean): boolean;
