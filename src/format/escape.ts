// Escaping for the channels a report goes to. Everything that comes from a repository (file names, keys, values
// quoted in messages) is data: it must not end a line, start a workflow command, or become Markdown or HTML.

/** C0/C1 controls, DEL, line/paragraph separators and bidirectional overrides ("trojan source"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Make control characters visible (`\n`, `\r`, `\x1b`, `\u202e`): for text meant for a terminal or a log, where
 * a raw newline would start a new line (a forged finding or a workflow command) and ESC would drive the terminal.
 * Tabs are kept.
 */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * One line of plain text for a GitHub/Gitea Actions step log, safe from the runner's command parser: control
 * characters made visible, a line that would start with `::` (after leading blanks, as the runner trims them) or
 * hold `##[` (the legacy command form) gets its first `:` or `[` percent-encoded. Workflow commands that mxops
 * writes itself are built with {@link escapeData}/{@link escapeProperty} instead.
 */
export function logLine(s: string): string {
  return visible(s)
    .replace(/^(\s*):(?=:)/, "$1%3A")
    .replace(/##\[/g, "##%5B");
}

/** Every line of a multi-line plain text made safe with {@link logLine}. */
export function logText(text: string): string {
  return text.split("\n").map(logLine).join("\n");
}

/** Escape data for a workflow command message (GitHub/Gitea Actions toolkit rules). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow command property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Text for Markdown (a job summary, a table cell): line breaks become spaces, Markdown punctuation is
 * backslash-escaped and HTML metacharacters become entities, so repository text cannot make links, images,
 * headings, tables or HTML. Safe inside a table cell.
 */
export function markdownText(s: string): string {
  return (
    s
      .replace(/\r\n?|\n|[\u2028\u2029]/g, " ")
      .replace(CONTROL, "")
      .replace(/[\\`*_[\]()!|~]/g, "\\$&")
      // Block syntax only counts at the start of the text (headings, lists, ordered lists).
      .replace(/^(\s*)([#+-]|\d+(?=[.)]))/, "$1\\$2")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/**
 * Text as a Markdown code span: nothing inside is Markdown or HTML. The fence is one backtick longer than the
 * longest backtick run in the text, so the text cannot close it; line breaks and controls become spaces.
 * Not for table cells (a `|` would still split the cell there).
 */
export function markdownCode(s: string): string {
  const flat = s.replace(/\r\n?|\n|[\u2028\u2029]/g, " ").replace(CONTROL, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** An http(s) URL safe to put in a Markdown link target, or undefined. */
export function markdownUrl(url: string): string | undefined {
  return /^https?:\/\/[^\s()<>"'`\\]+$/i.test(url) ? url : undefined;
}

/** Text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
