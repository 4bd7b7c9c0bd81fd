import type { MailTemplate } from "./types.js";
/** German invite mail (the community writes German). Placeholders: see templates/types.ts. */
export declare const de: MailTemplate;
