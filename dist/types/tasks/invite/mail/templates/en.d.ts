import type { MailTemplate } from "./types.js";
/** English invite mail. Placeholders: see templates/types.ts. */
export declare const en: MailTemplate;
