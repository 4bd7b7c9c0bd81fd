/**
 * Holds every value known to be secret and replaces it in text that leaves the process.
 * Every output path (formatters, logs, error lines, written reports, notifications) passes through one instance,
 * and it runs before any escaping: `redactDeep` masks the report's own strings before a formatter escapes them
 * for JSON, HTML, Markdown or workflow commands (an escaped secret no longer matches), then the rendered text is
 * redacted once more.
 *
 * What is masked:
 * - every registered value of 4+ characters, whole, plus its trimmed, URI-encoded and base64 forms and each line
 *   of a multi-line value;
 * - fragments: any run of 8+ characters in the output that also occurs inside a registered secret's token run
 *   (12+ characters of base64/hex/token alphabet) is masked when it mixes letters and digits or is 20+ long, so
 *   a secret cut off, wrapped or quoted in part by a library still does not show.
 *
 * What is registered is the callers' business and decides how readable output stays: credentials given to mxops
 * are registered whole; decrypted values go through `registerDecrypted` (core/secret-values), which registers
 * secrets by key and by shape but never names (`metadata.name`, `kind`, references to Secrets), so a resource
 * name that merely equals a short plain value is not turned into `***`.
 */
export declare class Redactor {
    private readonly secrets;
    private ordered;
    private readonly windows;
    private readonly listeners;
    /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
    add(secret: string | undefined | null): void;
    /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
    onAdd(listener: (s: string) => void): void;
    /** Replace each registered secret by `***` (longest first so overlapping secrets mask fully), then fragments. */
    redact(text: string): string;
    /**
     * A deep copy of `value` with every string (and object key) redacted: for reports, before a formatter escapes
     * them. Non-plain objects and other values are kept as they are.
     */
    redactDeep<T>(value: T): T;
    private deep;
    private maskFragments;
    /** Number of registered variants (for tests). */
    get size(): number;
}
