/** Levenshtein distance (small strings; keys). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The closest allowed key to `key`: case-insensitive or separator-insensitive matches first
 * (`server_name` → `serverName`), else the smallest edit distance within a third of the key's length.
 */
export function didYouMean(key: string, allowed: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_.]/g, "");
  const same = allowed.find((k) => squash(k) === squash(key));
  if (same) return same;
  // `hostname` → `host`, `tls` → `tlsSecret`: one is a prefix of the other.
  const prefix = allowed.find(
    (k) =>
      Math.min(k.length, key.length) >= 4 &&
      (key.toLowerCase().startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(key.toLowerCase())),
  );
  if (prefix) return prefix;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const k of allowed) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}
