import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import YAML from "yaml";
import { inputError, MxopsError } from "../../core/errors.js";

/** Invite lists beyond this are refused (a mistake, or hostile input), not read into memory. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;
import { LANGS, type Lang, type Recipient } from "./types.js";

/** A recipient from a list file, with its 1-based line, or the reason the row is unusable. */
export interface ListRow {
  line: number;
  recipient?: Recipient;
  error?: string;
}

// Deliberately simple: one address with a dot in the domain and no spaces or angle brackets.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Validate an address; returns an error string or undefined. */
export function emailProblem(email: string): string | undefined {
  if (email.length > 254) return "address longer than 254 characters";
  return EMAIL.test(email) ? undefined : `not an email address: ${JSON.stringify(email.slice(0, 80))}`;
}

/** Trim and drop control characters (no line breaks may reach a mail header or the audit line). */
export function cleanField(v: unknown): string {
  if (v === undefined || v === null) return "";
  return (
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- list cells may be any YAML scalar; String() renders numbers and booleans as written
    String(v)
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .trim()
  );
}

function toRecipient(o: Record<string, unknown>): { recipient?: Recipient; error?: string } {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any YAML scalar; a non-address is reported by emailProblem
  const email = String(o.email ?? "").trim();
  const problem = emailProblem(email);
  if (problem) return { error: problem };
  const r: Recipient = { email };
  const name = cleanField(o.name);
  if (name) r.name = name;
  const username = cleanField(o.username);
  if (username) r.username = username;
  const lang = cleanField(o.lang);
  if (lang) {
    if (!LANGS.includes(lang as Lang)) return { error: `lang must be one of ${LANGS.join(", ")}` };
    r.lang = lang as Lang;
  }
  return { recipient: r };
}

/**
 * Read an invite list: CSV (header with `email`, optional `name`, `lang`, `username`; `,` or `;`) or YAML
 * (a list of mappings or of plain addresses, or `{invites: [...]}`). Bad rows are returned with an error, not thrown;
 * an unreadable or unparsable file throws MXOPS_INPUT.
 */
export async function readInviteList(file: string, cwd: string): Promise<ListRow[]> {
  const p = path.resolve(cwd, file);
  let text: string;
  try {
    const size = (await stat(p)).size;
    if (size > MAX_LIST_BYTES) throw inputError(file, `larger than ${MAX_LIST_BYTES / 1024 / 1024} MB; split the list`);
    text = await readFile(p, "utf8");
  } catch (e) {
    if (e instanceof MxopsError) throw e;
    throw inputError(file, `cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseInviteList(file, text);
}

/** Parse an invite list already in memory (`file` decides the format and names errors). Same contract as readInviteList. */
export function parseInviteList(file: string, text: string): ListRow[] {
  if (/\.ya?ml$/i.test(file)) return parseYamlList(file, text);
  return parseCsvList(file, text);
}

function parseCsvList(file: string, text: string): ListRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parseCsv<(typeof records)[number]>(text, {
      bom: true,
      comment: "#",
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: [",", ";"],
      columns: (header: string[]) => header.map((c) => c.toLowerCase()),
      info: true,
    });
  } catch (e) {
    // csv-parse errors name the line; the text of the cell is not repeated.
    const line = (e as { lines?: number }).lines;
    throw inputError(
      file,
      `not valid CSV${line ? ` (line ${line})` : ""}: ${(e as { code?: string }).code ?? "parse error"}`,
    );
  }
  if (records.length > 0 && !Object.prototype.hasOwnProperty.call(records[0].record, "email")) {
    throw inputError(file, "CSV header needs an `email` column (optional: name, lang, username)");
  }
  return records.map(({ record, info }) => ({ line: info.lines, ...toRecipient(record) }));
}

function parseYamlList(file: string, text: string): ListRow[] {
  const lc = new YAML.LineCounter();
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, { lineCounter: lc, maxAliasCount: 100 } as YAML.ParseOptions);
  } catch (e) {
    throw inputError(file, `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  if (doc.errors.length > 0) throw inputError(file, `not valid YAML (${doc.errors[0].message.split("\n")[0]})`);
  // Plain values first, with the alias limit applied to the whole document (alias bombs end here).
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw inputError(file, `not usable YAML (${(e as Error).message.split("\n")[0]})`);
  }
  let seq = doc.contents as unknown;
  if (YAML.isMap(seq)) {
    seq = seq.get("invites", true);
    js = (js as Record<string, unknown> | null)?.invites;
  }
  if (!YAML.isSeq(seq) || !Array.isArray(js))
    throw inputError(file, "expected a list of invites (or `invites:` with a list)");
  const values = js;
  return seq.items.map((item, i) => {
    const line = YAML.isNode(item) && item.range ? lc.linePos(item.range[0]).line : 0;
    const v: unknown = values[i];
    if (typeof v === "string") return { line, ...toRecipient({ email: v }) };
    if (v && typeof v === "object" && !Array.isArray(v)) return { line, ...toRecipient(v as Record<string, unknown>) };
    return { line, error: "expected an address or a mapping with email" };
  });
}
