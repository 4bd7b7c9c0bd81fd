import type { InviteConfig } from "../config.js";
import type { Lang, Recipient } from "../types.js";
import type { OutgoingMail } from "./mailer.js";
/**
 * Build the invite mail. `token` is the code the recipient types (MAS) or empty when the link carries the invite
 * (Authentik). The token appears only in the bodies, never in headers or the subject.
 */
export declare function composeInvite(config: InviteConfig, r: Recipient, lang: Lang, invite: {
    link: string;
    token: string;
    expiresAt: string | null;
}): Promise<OutgoingMail>;
