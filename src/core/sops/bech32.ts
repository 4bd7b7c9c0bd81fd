// Bech32 (BIP 173) for age keys, from @scure/base (audited) — without the 90-character limit, since age
// post-quantum keys are longer. This file only adapts its throwing API to the undefined-on-invalid one mxops uses.
import { bech32 } from "@scure/base";

/** Decode a Bech32 string into its human-readable prefix (lower case) and data bytes; undefined if invalid. */
export function bech32Decode(s: string): { prefix: string; bytes: Uint8Array } | undefined {
  try {
    const { prefix, words } = bech32.decode(s as `${string}1${string}`, false);
    return { prefix: prefix.toLowerCase(), bytes: bech32.fromWords(words) };
  } catch {
    return undefined;
  }
}

/** Encode bytes as Bech32 (lower case). */
export function bech32Encode(prefix: string, bytes: Uint8Array): string {
  return bech32.encode(prefix, bech32.toWords(bytes), false);
}
