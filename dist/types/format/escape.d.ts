/**
 * Make control characters visible (`\n`, `\r`, `\x1b`, `\u202e`): for text meant for a terminal or a log, where
 * a raw newline would start a new line (a forged finding or a workflow command) and ESC would drive the terminal.
 * Tabs are kept.
 */
export declare function visible(s: string): string;
/**
 * One line of plain text for a GitHub/Gitea Actions step log, safe from the runner's command parser: control
 * characters made visible, a line that would start with `::` (after leading blanks, as the runner trims them) or
 * hold `##[` (the legacy command form) gets its first `:` or `[` percent-encoded. Workflow commands that mxops
 * writes itself are built with {@link escapeData}/{@link escapeProperty} instead.
 */
export declare function logLine(s: string): string;
/** Every line of a multi-line plain text made safe with {@link logLine}. */
export declare function logText(text: string): string;
/** Escape data for a workflow command message (GitHub/Gitea Actions toolkit rules). */
export declare function escapeData(s: string): string;
/** Escape a workflow command property value. */
export declare function escapeProperty(s: string): string;
/**
 * Text for Markdown (a job summary, a table cell): line breaks become spaces, Markdown punctuation is
 * backslash-escaped and HTML metacharacters become entities, so repository text cannot make links, images,
 * headings, tables or HTML. Safe inside a table cell.
 */
export declare function markdownText(s: string): string;
/**
 * Text as a Markdown code span: nothing inside is Markdown or HTML. The fence is one backtick longer than the
 * longest backtick run in the text, so the text cannot close it; line breaks and controls become spaces.
 * Not for table cells (a `|` would still split the cell there).
 */
export declare function markdownCode(s: string): string;
/** An http(s) URL safe to put in a Markdown link target, or undefined. */
export declare function markdownUrl(url: string): string | undefined;
/** Text for HTML element content and double- or single-quoted attribute values. */
export declare function escapeHtml(s: string): string;
