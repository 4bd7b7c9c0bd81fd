import type { MailTemplate } from "./types.js";

/** German invite mail (the community writes German). Placeholders: see templates/types.ts. */
export const de: MailTemplate = {
  subject: "Deine Einladung zu {{site}}",
  text: `Hallo {{name}},

du bist zu {{site}} eingeladen.
{{#token}}
So registrierst du dich:
1. Öffne {{link}}
2. Gib bei der Registrierung diesen Einladungscode ein:

    {{token}}

Der Code gilt für eine Registrierung.
{{/token}}
{{^token}}
Registriere dich über diesen persönlichen Link:
{{link}}
{{/token}}
Die Einladung ist gültig bis {{expires}}.

Falls du mit dieser Einladung nichts anfangen kannst, ignoriere diese Nachricht einfach.
`,
  html: `<!doctype html>
<html lang="de"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hallo {{name}},</p>
<p>du bist zu <strong>{{site}}</strong> eingeladen.</p>
{{#token}}
<p>So registrierst du dich:</p>
<ol>
<li>Öffne <a href="{{link}}">{{link}}</a></li>
<li>Gib bei der Registrierung diesen Einladungscode ein:</li>
</ol>
<p style="font-family: monospace; font-size: 1.3em; letter-spacing: 0.05em"><code>{{token}}</code></p>
<p>Der Code gilt für eine Registrierung.</p>
{{/token}}
{{^token}}
<p><a href="{{link}}">Jetzt registrieren</a></p>
<p>Oder kopiere diesen persönlichen Link in deinen Browser: {{link}}</p>
{{/token}}
<p>Die Einladung ist gültig bis {{expires}}.</p>
<p style="color: #666">Falls du mit dieser Einladung nichts anfangen kannst, ignoriere diese Nachricht einfach.</p>
</body></html>
`,
};
