import { getOwn } from "../../../core/own.js";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MxopsError } from "../../../core/errors.js";
import type { Lang } from "../types.js";
import { de } from "./templates/de.js";
import { en } from "./templates/en.js";
import type { MailTemplate } from "./templates/types.js";

export type { MailTemplate };

/** Values a template may use. `token` is empty when the link itself carries the invite (Authentik). */
export interface MailContext {
  name: string;
  email: string;
  site: string;
  link: string;
  token: string;
  expires: string;
  registrationUrl: string;
}

const SHIPPED: Record<Lang, MailTemplate> = { de, en };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Render one template string. Unknown keys render empty, so a typo never leaks `{{…}}` to a recipient. */
export function renderTemplate(tpl: string, ctx: MailContext, html: boolean): string {
  const values = ctx as unknown as Record<string, string>;
  let out = tpl.replace(
    /\{\{([#^])(\w+)\}\}\n?([\s\S]*?)\{\{\/\2\}\}\n?/g,
    (_m, kind: string, key: string, body: string) => {
      const on = ((getOwn(values, key) as string | undefined) ?? "") !== "";
      return (kind === "#") === on ? body : "";
    },
  );
  out = out.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    // Own fields only: `{{constructor}}` in a template is an unknown key (empty), not Object's constructor.
    const v = (getOwn(values, key) as string | undefined) ?? "";
    return html ? escapeHtml(v) : v;
  });
  return out;
}

/**
 * The template for a language: the shipped one, with any of `<dir>/<lang>.subject.txt`, `<lang>.txt`,
 * `<lang>.html` replacing its part. Throws MXOPS_INPUT for an unreadable override.
 */
export async function loadTemplate(lang: Lang, dir: string | undefined): Promise<MailTemplate> {
  const base = SHIPPED[lang];
  if (!dir) return base;
  const part = async (file: string): Promise<string | undefined> => {
    try {
      return await readFile(path.join(dir, file), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new MxopsError(
        "MXOPS_INPUT",
        `${path.join(dir, file)}: cannot read mail template (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
  };
  const [subject, text, html] = await Promise.all([
    part(`${lang}.subject.txt`),
    part(`${lang}.txt`),
    part(`${lang}.html`),
  ]);
  return { subject: subject?.trim() ?? base.subject, text: text ?? base.text, html: html ?? base.html };
}

/** Localised expiry for the mail body. */
export function formatExpiry(iso: string | null, lang: Lang): string {
  if (iso === null) return lang === "de" ? "auf Weiteres" : "further notice";
  const d = new Date(iso);
  const fmt = new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  return `${fmt.format(d)} UTC`;
}
