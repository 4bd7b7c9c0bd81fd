/**
 * Holds every value known to be secret and replaces it in text that leaves the process.
 * Every output path (formatters, logs, error lines, written reports) passes through one instance.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly listeners: Array<(s: string) => void> = [];

  /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    const variants = [secret, secret.trim(), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
    for (const lineOf of secret.split(/\r?\n/)) variants.push(lineOf.trim());
    for (const v of variants) {
      if (v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        for (const l of this.listeners) l(v);
      }
    }
  }

  /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
  onAdd(listener: (s: string) => void): void {
    this.listeners.push(listener);
    for (const s of this.secrets) listener(s);
  }

  /** Replace each registered secret by `***`, longest first so overlapping secrets mask fully. */
  redact(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    let out = text;
    const ordered = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of ordered) if (out.includes(s)) out = out.split(s).join("***");
    return out;
  }

  /** Number of registered variants (for tests). */
  get size(): number {
    return this.secrets.size;
  }
}
