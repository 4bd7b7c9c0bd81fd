/**
 * A mail template: `{{key}}` is replaced (HTML-escaped in `html`), `{{#key}}…{{/key}}` is kept only when the
 * value is non-empty and `{{^key}}…{{/key}}` only when it is empty. Keys: name, email, site, link, token
 * (MAS code; empty for Authentik links), expires (localised date), registrationUrl.
 */
export interface MailTemplate {
    subject: string;
    text: string;
    html: string;
}
