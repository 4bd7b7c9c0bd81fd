// Shamir secret sharing over GF(2^8) as sops uses it (a copy of HashiCorp Vault's scheme): each part is the
// share bytes followed by one byte holding its x coordinate; the secret is the polynomial at x = 0.

function mult(a: number, b: number): number {
  let acc = 0;
  for (let i = 7; i >= 0; i--) {
    const bit = (b >> i) & 1;
    const aOrZero = bit ? a : 0;
    const reduce = acc & 0x80 ? 0x1b : 0;
    acc = (aOrZero ^ reduce ^ ((acc << 1) & 0xff)) & 0xff;
  }
  return acc;
}

function inverse(a: number): number {
  let b = mult(a, a);
  let c = mult(a, b);
  b = mult(c, c);
  b = mult(b, b);
  c = mult(b, c);
  b = mult(b, b);
  b = mult(b, b);
  b = mult(b, c);
  b = mult(b, b);
  b = mult(a, b);
  return mult(b, b);
}

/** Split a secret into parts (threshold ≥ 2). Used by tests to make multi-group fixtures. */
export function shamirSplit(
  secret: Uint8Array,
  parts: number,
  threshold: number,
  random: (n: number) => Uint8Array,
): Uint8Array[] {
  const out = Array.from({ length: parts }, (_, i) => {
    const p = new Uint8Array(secret.length + 1);
    p[secret.length] = i + 1;
    return p;
  });
  secret.forEach((val, idx) => {
    const coeffs = [val, ...random(threshold - 1)];
    for (let i = 0; i < parts; i++) {
      const x = i + 1;
      let y = coeffs[coeffs.length - 1] ?? 0;
      for (let k = coeffs.length - 2; k >= 0; k--) y = mult(y, x) ^ (coeffs[k] ?? 0);
      out[i][idx] = y;
    }
  });
  return out;
}

/**
 * Combine parts into the secret, like sops' shamir.Combine. Returns undefined for fewer than two parts,
 * unequal lengths or duplicate x coordinates (sops errors there too).
 */
export function shamirCombine(parts: readonly Uint8Array[]): Uint8Array | undefined {
  if (parts.length < 2) return undefined;
  const len = parts[0].length;
  if (len < 2 || parts.some((p) => p.length !== len)) return undefined;
  const xs = parts.map((p) => p[len - 1]);
  if (new Set(xs).size !== xs.length) return undefined;
  const secret = new Uint8Array(len - 1);
  for (let idx = 0; idx < len - 1; idx++) {
    let result = 0;
    for (let i = 0; i < parts.length; i++) {
      let basis = 1;
      for (let j = 0; j < parts.length; j++) {
        if (i === j) continue;
        const num = xs[j]; // x = 0, so num = 0 ^ xs[j]
        const denom = xs[i] ^ xs[j];
        basis = mult(basis, mult(num, inverse(denom)));
      }
      result ^= mult(parts[i][idx], basis);
    }
    secret[idx] = result;
  }
  return secret;
}
