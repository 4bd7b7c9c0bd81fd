// sops key groups are combined with the audited `shamir-secret-sharing` library. No sops-made key-group file can be
// vendored (no sops binary is installable here, and the published sops vectors have a single key group), so
// compatibility with sops' scheme (HashiCorp Vault's) is shown by (1) hand-checkable shares built from the field
// values that sops' own shamir tests assert (3·7 = 9, 6/3 = 2 in GF(2^8)), and (2) a differential test against an
// independent shift-and-add reference of the scheme (test/helpers/shamir-vault.ts), both directions.
import { randomBytes, randomInt } from "node:crypto";
import { split } from "shamir-secret-sharing";
import { describe, expect, it } from "vitest";
import { shamirCombine } from "../../../src/core/sops/shamir.js";
import { gfInv, gfMul, refCombine, refSplit } from "../../helpers/shamir-vault.js";

const b = (...xs: number[]) => Uint8Array.from(xs);

describe("Shamir combine (sops key groups)", () => {
  it("the reference field agrees with sops' published field values", () => {
    expect(gfMul(3, 7)).toBe(9);
    expect(gfMul(3, 0)).toBe(0);
    expect(gfMul(0, 3)).toBe(0);
    expect(gfMul(6, gfInv(3))).toBe(2); // div(6, 3) = 2
    expect(gfMul(3, gfInv(3))).toBe(1);
    for (let a = 1; a < 256; a++) expect(gfMul(a, gfInv(a))).toBe(1);
  });

  it("combines hand-made shares of known polynomials (share = y bytes, then x)", async () => {
    // f(x) = 0x2a + 7x: f(1) = 0x2a ^ 7, f(3) = 0x2a ^ (3·7 = 9).
    expect(await shamirCombine([b(0x2a ^ 9, 3), b(0x2a ^ 7, 1)])).toEqual(b(0x2a));
    // Two bytes at once, second polynomial 0xff + 3x: f(1) = 0xfc, f(3) = 0xff ^ 5 (3·3 = 5).
    expect(await shamirCombine([b(0x2d, 0xfc, 1), b(0x23, 0xfa, 3)])).toEqual(b(0x2a, 0xff));
    // Degree 2: f(x) = 0x42 + x + x², at x = 1, 2, 3 → 0x42, 0x42^2^4, 0x42^3^5.
    expect(await shamirCombine([b(0x42, 1), b(0x42 ^ 6, 2), b(0x42 ^ 6, 3)])).toEqual(b(0x42));
  });

  it("fails where sops fails: too few parts, unequal or too short lengths, duplicate x", async () => {
    expect(await shamirCombine([b(1, 2)])).toBeUndefined();
    expect(await shamirCombine([b(1, 2, 3), b(1, 2)])).toBeUndefined();
    expect(await shamirCombine([b(1), b(2)])).toBeUndefined();
    expect(await shamirCombine([b(1, 2, 9), b(3, 4, 9)])).toBeUndefined();
  });

  it("agrees with the independent reference in both directions over random secrets, groups and x coordinates", async () => {
    for (let run = 0; run < 150; run++) {
      const secret = randomBytes(run % 5 === 0 ? 32 : 1 + randomInt(48));
      const parts = 2 + randomInt(9);
      const threshold = 2 + randomInt(parts - 1);
      // Vault (and so sops) draws the x coordinates as a random permutation of 1..255.
      const xs = [...Array(255).keys()]
        .map((i) => i + 1)
        .sort(() => Math.random() - 0.5)
        .slice(0, parts);
      const pick = <T>(all: T[]): T[] => [...all].sort(() => Math.random() - 0.5).slice(0, threshold);
      const ours = refSplit(secret, parts, threshold, (n) => randomBytes(n), xs);
      expect(await shamirCombine(pick(ours))).toEqual(Uint8Array.from(secret));
      const theirs = await split(Uint8Array.from(secret), parts, threshold);
      expect(refCombine(pick(theirs))).toEqual(Uint8Array.from(secret));
    }
  });
});
