/** Length of the windows a secret is cut into for fragment matching. */
const WINDOW = 8;

/** Characters of generated secrets (base64, base64url, hex, tokens); fragments are looked for in runs of these. */
const TOKEN_RUN = /[A-Za-z0-9+/=_-]{12,}/g;

/**
 * A fragment found in output is masked when it could only come from a secret: letters and digits mixed (at
 * least one window long), or 20+ characters of anything. A lone word shared with a secret ("password") stays.
 */
function fragmentLooksSecret(run: string): boolean {
  if (run.length >= 20) return true;
  return run.length >= WINDOW && /[A-Za-z]/.test(run) && /\d/.test(run);
}

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
export class Redactor {
  private readonly secrets = new Set<string>();
  private ordered: string[] | undefined;
  private readonly windows = new Set<string>();
  private readonly listeners: Array<(s: string) => void> = [];

  /** Register a secret; short values (< 4 chars) are ignored because masking them would mangle text. */
  add(secret: string | undefined | null): void {
    if (!secret) return;
    const variants = [secret, secret.trim(), encodeURIComponent(secret), Buffer.from(secret).toString("base64")];
    for (const lineOf of secret.split(/\r?\n/)) variants.push(lineOf.trim());
    for (const v of variants) {
      if (v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        this.ordered = undefined;
        for (const l of this.listeners) l(v);
      }
    }
    for (const run of secret.match(TOKEN_RUN) ?? []) {
      for (let i = 0; i + WINDOW <= run.length; i++) this.windows.add(run.slice(i, i + WINDOW));
    }
  }

  /** Called for every secret registered now or later (the Action hooks core.setSecret here). */
  onAdd(listener: (s: string) => void): void {
    this.listeners.push(listener);
    for (const s of this.secrets) listener(s);
  }

  /** Replace each registered secret by `***` (longest first so overlapping secrets mask fully), then fragments. */
  redact(text: string): string {
    if (this.secrets.size === 0 || text.length === 0) return text;
    let out = text;
    this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of this.ordered) if (out.includes(s)) out = out.split(s).join("***");
    return this.windows.size === 0 ? out : this.maskFragments(out);
  }

  /**
   * A deep copy of `value` with every string (and object key) redacted: for reports, before a formatter escapes
   * them. Non-plain objects and other values are kept as they are.
   */
  redactDeep<T>(value: T): T {
    return this.deep(value, 0) as T;
  }

  private deep(v: unknown, depth: number): unknown {
    if (typeof v === "string") return this.redact(v);
    if (depth > 100 || typeof v !== "object" || v === null) return v;
    if (Array.isArray(v)) return v.map((x) => this.deep(x, depth + 1));
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, this.redact(k), {
        value: this.deep(x, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }

  private maskFragments(text: string): string {
    // Mark every character covered by a window that is also a window of a secret, then mask qualifying runs.
    let covered: Uint8Array | undefined;
    for (const m of text.matchAll(/[A-Za-z0-9+/=_-]{8,}/g)) {
      const start = m.index;
      for (let i = 0; i + WINDOW <= m[0].length; i++) {
        if (this.windows.has(m[0].slice(i, i + WINDOW))) {
          covered ??= new Uint8Array(text.length);
          covered.fill(1, start + i, start + i + WINDOW);
        }
      }
    }
    if (!covered) return text;
    let out = "";
    let last = 0;
    let i = 0;
    while (i < text.length) {
      if (!covered[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < text.length && covered[j]) j++;
      if (fragmentLooksSecret(text.slice(i, j))) {
        out += `${text.slice(last, i)}***`;
        last = j;
      }
      i = j;
    }
    return out + text.slice(last);
  }

  /** Number of registered variants (for tests). */
  get size(): number {
    return this.secrets.size;
  }
}
