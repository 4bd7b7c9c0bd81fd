import type { SopsMetadata } from "./metadata.js";
import { re2Search } from "../regex.js";

/**
 * sops' `shouldBeEncrypted`: whether the leaf at `path` (map keys only) with the given comments stack is
 * encrypted under the file's crypt rule. Mirrors sops 3.13: suffix rules test every path element; regex rules
 * search every element (RE2, unanchored, an invalid regex never matches); comment rules look at the comments
 * before the leaf at every level, and a comment matching `encrypted_comment_regex` is itself left in clear.
 */
export function shouldBeEncrypted(
  meta: Pick<SopsMetadata, "crypt">,
  path: readonly string[],
  comments: readonly string[][],
  isComment: boolean,
): boolean {
  const { key, value } = meta.crypt;
  switch (key) {
    case "unencrypted_suffix":
      return !path.some((p) => p.endsWith(value));
    case "encrypted_suffix":
      return path.some((p) => p.endsWith(value));
    case "unencrypted_regex":
      return !path.some((p) => re2Search(value, p));
    case "encrypted_regex":
      return path.some((p) => re2Search(value, p));
    case "unencrypted_comment_regex":
      return !comments.some((level) => level.some((c) => re2Search(value, c)));
    case "encrypted_comment_regex": {
      const last = comments.length - 1;
      return comments.some((level, i) =>
        level.some((c, j) => !(isComment && i === last && j === level.length - 1) && re2Search(value, c)),
      );
    }
  }
}
