/**
 * "Did you mean" for configuration keys: the closest known key by edit distance, with a few cheap
 * normalisations (case, `-` vs `_`, camelCase) so `matrixRtc` finds `matrix_rtc` and `upstream_oauth2_config`
 * finds `upstream_oauth2`.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/** Lower-case snake_case form used for comparisons. */
export function normaliseKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[-.\s]+/g, "_")
    .toLowerCase();
}

/**
 * The best candidate for `key`, or undefined when nothing is close enough. Never returns `key` itself.
 * Prefers an exact match after normalisation, then a candidate that is a `_`-bounded prefix of the key
 * (`upstream_oauth2_config` → `upstream_oauth2`), then the smallest edit distance within a third of the length.
 */
export function suggest(key: string, candidates: Iterable<string>): string | undefined {
  const norm = normaliseKey(key);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === key) continue;
    const nc = normaliseKey(c);
    if (nc === norm) return c;
    let score = editDistance(norm, nc);
    if (nc.length >= 4 && (norm.startsWith(nc + "_") || nc.startsWith(norm + "_"))) score = Math.min(score, 1.5);
    // Same words with one added or dropped (`livekit_url` → `livekit_service_url`).
    if (subsetWords(norm, nc) || subsetWords(nc, norm)) score = Math.min(score, 2);
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(norm.length / 3));
  return bestScore <= limit ? best : undefined;
}

function subsetWords(a: string, b: string): boolean {
  const wa = a.split("_").filter(Boolean);
  const wb = new Set(b.split("_").filter(Boolean));
  return wa.length >= 2 && wb.size === wa.length + 1 && wa.every((w) => wb.has(w));
}

/** `did you mean "x"?` or an empty string, for appending to messages. */
export function didYouMean(key: string, candidates: Iterable<string>): string {
  const s = suggest(key, candidates);
  return s ? `; did you mean "${s}"?` : "";
}
