/**
 * Holds every value known to be secret and replaces it in text that leaves the process.
 * Every output path (formatters, logs, error lines, written reports) passes through one instance.
 */
export declare class Redactor {
    private readonly secrets;
    private readonly listeners;
    /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
    add(secret: string | undefined | null): void;
    /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
    onAdd(listener: (s: string) => void): void;
    /** Replace each registered secret by `***`, longest first so overlapping secrets mask fully. */
    redact(text: string): string;
    /** Number of registered variants (for tests). */
    get size(): number;
}
