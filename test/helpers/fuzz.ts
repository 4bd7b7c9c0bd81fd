// Shared fast-check setup for the hostile-input suites: seeded and reproducible, 10,000 runs per parser in the
// regular (fast) mode; MXOPS_FUZZ_RUNS raises it (e.g. MXOPS_FUZZ_RUNS=200000 npm test).
import fc from "fast-check";

/** Runs per property. */
export const FUZZ_RUNS = Number(process.env.MXOPS_FUZZ_RUNS ?? 10_000);
/** Seed: fixed unless MXOPS_FUZZ_SEED is given, so a failure reproduces. */
export const FUZZ_SEED = Number(process.env.MXOPS_FUZZ_SEED ?? 20261126);

/** fast-check parameters every fuzz property uses. */
export const fuzzParams = { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true } as const;

const YAML_BITS = [
  "\n",
  ": ",
  "- ",
  "---\n",
  "&a ",
  "*a",
  "<<: *a\n",
  "!!binary ",
  "!env_var ",
  "{{ .X }}",
  "|\n  ",
  ">-\n  ",
  "\t",
  "'",
  '"',
  "#",
  "[",
  "]",
  "{",
  "}",
  ",",
  "?",
  "%YAML 1.2\n",
  "...\n",
  "\u0000",
  "\ufeff",
  "ENC[AES256_GCM,data:",
  ",iv:",
  ",tag:",
  ",type:str]",
  "sops:\n  mac: ",
  "  lastmodified: ",
];

/** Mutations of a seed text: insert/delete/replace fragments and YAML-significant tokens. */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...YAML_BITS), fc.string({ maxLength: 8 })),
    }),
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
    fc.record({ kind: fc.constant("dupline" as const), at: fc.nat() }),
  );
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([seed, edits]) => {
    let s = seed;
    for (const e of edits) {
      const at = s.length === 0 ? 0 : e.at % (s.length + 1);
      if (e.kind === "insert") s = s.slice(0, at) + e.text + s.slice(at);
      else if (e.kind === "delete") s = s.slice(0, at) + s.slice(at + e.len);
      else {
        const lines = s.split("\n");
        const i = lines.length === 0 ? 0 : e.at % lines.length;
        lines.splice(i, 0, lines[i] ?? "");
        s = lines.join("\n");
      }
    }
    return s;
  });
}

/** Structured YAML-ish documents: random JSON values rendered as YAML by hand-picked styles. */
export const jsonValue = fc.jsonValue({ maxDepth: 6 });

/** Per-test timeout for fuzz properties: generous, since CI machines have two cores shared with other suites. */
export const FUZZ_TIMEOUT = 300_000;
