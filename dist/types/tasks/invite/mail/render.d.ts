import type { Lang } from "../types.js";
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
/** Render one template string. Unknown keys render empty, so a typo never leaks `{{…}}` to a recipient. */
export declare function renderTemplate(tpl: string, ctx: MailContext, html: boolean): string;
/**
 * The template for a language: the shipped one, with any of `<dir>/<lang>.subject.txt`, `<lang>.txt`,
 * `<lang>.html` replacing its part. Throws MXOPS_INPUT for an unreadable override.
 */
export declare function loadTemplate(lang: Lang, dir: string | undefined): Promise<MailTemplate>;
/** Localised expiry for the mail body. */
export declare function formatExpiry(iso: string | null, lang: Lang): string;
