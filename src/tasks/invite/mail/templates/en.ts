import type { MailTemplate } from "./types.js";

/** English invite mail. Placeholders: see templates/types.ts. */
export const en: MailTemplate = {
  subject: "Your invitation to {{site}}",
  text: `Hello {{name}},

you are invited to {{site}}.
{{#token}}
To sign up:
1. Open {{link}}
2. When asked for a registration token, enter this code:

    {{token}}

The code works for one registration.
{{/token}}
{{^token}}
Sign up with this personal link:
{{link}}
{{/token}}
The invitation is valid until {{expires}}.

If you were not expecting this invitation, you can ignore this message.
`,
  html: `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hello {{name}},</p>
<p>you are invited to <strong>{{site}}</strong>.</p>
{{#token}}
<p>To sign up:</p>
<ol>
<li>Open <a href="{{link}}">{{link}}</a></li>
<li>When asked for a registration token, enter this code:</li>
</ol>
<p style="font-family: monospace; font-size: 1.3em; letter-spacing: 0.05em"><code>{{token}}</code></p>
<p>The code works for one registration.</p>
{{/token}}
{{^token}}
<p><a href="{{link}}">Sign up now</a></p>
<p>Or copy this personal link into your browser: {{link}}</p>
{{/token}}
<p>The invitation is valid until {{expires}}.</p>
<p style="color: #666">If you were not expecting this invitation, you can ignore this message.</p>
</body></html>
`,
};
