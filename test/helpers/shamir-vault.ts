// Test-only reference of the Shamir scheme sops uses (sops' shamir package is HashiCorp Vault's): arithmetic in
// GF(2^8) with the AES polynomial x^8+x^4+x^3+x+1, a share is the y bytes followed by one byte holding x (1..255).
// Written from that description with plain shift-and-add multiplication (no tables), so it is independent of the
// table-driven library that mxops ships; the differential test in test/core/sops/shamir.test.ts compares them.

/** Product in GF(2^8) mod 0x11b, by shift-and-add. */
export function gfMul(a: number, b: number): number {
  let p = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) p ^= x;
    x = (x << 1) & 0x1ff;
    if (x & 0x100) x ^= 0x11b;
    y >>= 1;
  }
  return p;
}

/** Multiplicative inverse (a^254); 0 has none and maps to 0. */
export function gfInv(a: number): number {
  let r = 1;
  for (let i = 0; i < 254; i++) r = gfMul(r, a);
  return a === 0 ? 0 : r;
}

/**
 * Split like Vault: for each secret byte a random polynomial of degree threshold-1 with that byte as constant term,
 * evaluated at the given x coordinates (default 1..parts).
 */
export function refSplit(
  secret: Uint8Array,
  parts: number,
  threshold: number,
  random: (n: number) => Uint8Array,
  xs: readonly number[] = Array.from({ length: parts }, (_, i) => i + 1),
): Uint8Array[] {
  const out = xs.map((x) => {
    const p = new Uint8Array(secret.length + 1);
    p[secret.length] = x;
    return p;
  });
  secret.forEach((s, idx) => {
    const coeffs = [s, ...random(threshold - 1)];
    xs.forEach((x, i) => {
      // Horner's rule from the highest coefficient.
      let y = 0;
      for (let k = coeffs.length - 1; k >= 0; k--) y = gfMul(y, x) ^ coeffs[k];
      out[i][idx] = y;
    });
  });
  return out;
}

/** Lagrange interpolation at x = 0 over the shares' own x coordinates. */
export function refCombine(shares: readonly Uint8Array[]): Uint8Array {
  const len = shares[0].length - 1;
  const xs = shares.map((s) => s[len]);
  const out = new Uint8Array(len);
  for (let idx = 0; idx < len; idx++) {
    let acc = 0;
    shares.forEach((s, i) => {
      let basis = 1;
      xs.forEach((xj, j) => {
        if (j !== i) basis = gfMul(basis, gfMul(xj, gfInv(xs[i] ^ xj)));
      });
      acc ^= gfMul(s[idx], basis);
    });
    out[idx] = acc;
  }
  return out;
}
