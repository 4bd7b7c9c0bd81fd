import { readFile, stat } from "node:fs/promises";
import path from "node:path";
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
  return v === undefined || v === null ? "" : String(v).replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

function toRecipient(o: Record<string, unknown>): { recipient?: Recipient; error?: string } {
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

/** Split one CSV line (RFC 4180 quotes, `,` or `;` separator). */
function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
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
  if (/\.ya?ml$/i.test(file)) return parseYamlList(file, text);
  return parseCsvList(file, text);
}

function parseCsvList(file: string, text: string): ListRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (headerIdx < 0) return [];
  const header = lines[headerIdx]!;
  const sep = header.includes(";") && !header.includes(",") ? ";" : ",";
  const cols = splitCsv(header, sep).map((c) => c.toLowerCase());
  if (!cols.includes("email")) throw inputError(file, "CSV header needs an `email` column (optional: name, lang, username)");
  const rows: ListRow[] = [];
  for (let i = headerIdx + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === "" || l.trim().startsWith("#")) continue;
    const cells = splitCsv(l, sep);
    const o: Record<string, unknown> = {};
    cols.forEach((c, j) => (o[c] = cells[j]));
    rows.push({ line: i + 1, ...toRecipient(o) });
  }
  return rows;
}

function parseYamlList(file: string, text: string): ListRow[] {
  const lc = new YAML.LineCounter();
  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, { lineCounter: lc, maxAliasCount: 100 } as YAML.ParseOptions);
  } catch (e) {
    throw inputError(file, `not valid YAML (${(e as Error).message.split("\n")[0]})`);
  }
  if (doc.errors.length > 0) throw inputError(file, `not valid YAML (${doc.errors[0]!.message.split("\n")[0]})`);
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
  if (!YAML.isSeq(seq) || !Array.isArray(js)) throw inputError(file, "expected a list of invites (or `invites:` with a list)");
  const values = js;
  return seq.items.map((item, i) => {
    const line = YAML.isNode(item) && item.range ? lc.linePos(item.range[0]).line : 0;
    const v: unknown = values[i];
    if (typeof v === "string") return { line, ...toRecipient({ email: v }) };
    if (v && typeof v === "object" && !Array.isArray(v)) return { line, ...toRecipient(v as Record<string, unknown>) };
    return { line, error: "expected an address or a mapping with email" };
  });
}
