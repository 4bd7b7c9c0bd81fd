import type { InviteConfig } from "../config.js";
import type { Lang, Recipient } from "../types.js";
import { formatExpiry, loadTemplate, renderTemplate, type MailContext } from "./render.js";
import type { OutgoingMail } from "./mailer.js";

/**
 * Build the invite mail. `token` is the code the recipient types (MAS) or empty when the link carries the invite
 * (Authentik). The token appears only in the bodies, never in headers or the subject.
 */
export async function composeInvite(
  config: InviteConfig,
  r: Recipient,
  lang: Lang,
  invite: { link: string; token: string; expiresAt: string | null },
): Promise<OutgoingMail> {
  const tpl = await loadTemplate(lang, config.mail.templatesDir);
  const site = siteName(config);
  const ctx: MailContext = {
    name: r.name ?? r.email.split("@")[0] ?? r.email,
    email: r.email,
    site,
    link: invite.link,
    token: invite.token,
    expires: formatExpiry(invite.expiresAt, lang),
    registrationUrl: config.mas?.registrationUrl ?? invite.link,
  };
  // Header values get no token even if a custom subject template asks for it.
  const subjectCtx: MailContext = { ...ctx, token: "", link: "" };
  const subject = renderTemplate(config.mail.subject?.[lang] ?? tpl.subject, subjectCtx, false)
    .replace(/\s+/g, " ")
    .trim();
  const mail: OutgoingMail = {
    from: config.mail.from ?? "",
    to: { address: r.email, ...(r.name ? { name: r.name } : {}) },
    subject,
    text: renderTemplate(tpl.text, ctx, false),
    html: renderTemplate(tpl.html, ctx, true),
    lang,
  };
  if (config.mail.replyTo) mail.replyTo = config.mail.replyTo;
  return mail;
}

/** Human name of the service for the mail: the host people register on. */
function siteName(config: InviteConfig): string {
  if (config.mail.siteName) return config.mail.siteName;
  const u = config.mas?.url ?? config.authentik?.url;
  if (!u) return "Matrix";
  const host = new URL(u).hostname;
  return host.replace(/^(account|auth|authentik|mas|sso)\./, "");
}
