// A real smtp-server on 127.0.0.1 that captures messages and decodes them (multipart, quoted-printable, base64)
// just enough for assertions. Recipients in `reject` get a 550 at RCPT TO; `failData` answers 451 at DATA.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  raw: string;
  headers: Record<string, string>;
  to: string[];
  text: string;
  html: string;
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
  );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < src.length; i++) {
    if (src[i] === "=" && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return out;
}

function split(raw: string): [string, string] {
  const i = raw.search(/\r?\n\r?\n/);
  return i < 0 ? [raw, ""] : [raw.slice(0, i), raw.slice(i).replace(/^\r?\n\r?\n/, "")];
}

function parts(headers: Record<string, string>, body: string, out: { text: string; html: string }): void {
  const ct = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
  if (ct.startsWith("multipart/") && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const [h, b] = split(chunk.replace(/^\r?\n/, ""));
      parts(parseHeaders(h), b, out);
    }
    return;
  }
  const enc = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const decoded =
    enc === "quoted-printable"
      ? decodeQp(body)
      : enc === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
  if (ct.startsWith("text/html")) out.html += decoded;
  else if (ct.startsWith("text/plain")) out.text += decoded;
}

export class SmtpCapture {
  readonly mails: CapturedMail[] = [];
  readonly reject = new Set<string>();
  failData = 0;
  user?: string;
  password?: string;
  authAttempts = 0;
  port = 0;
  private server: SMTPServer;

  constructor(options: { user?: string; password?: string } = {}) {
    if (options.user) this.user = options.user;
    if (options.password) this.password = options.password;
    this.server = new SMTPServer({
      secure: false,
      disableReverseLookup: true,
      disabledCommands: options.user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
      authOptional: !options.user,
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _s, cb) => {
        this.authAttempts++;
        if (auth.username === this.user && auth.password === this.password) cb(null, { user: auth.username });
        else cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      },
      onRcptTo: (addr, _s, cb) => {
        if (this.reject.has(addr.address.toLowerCase()))
          cb(Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }));
        else cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (this.failData > 0) {
            this.failData--;
            cb(Object.assign(new Error("try again later"), { responseCode: 451 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const [h, b] = split(raw);
          const headers = parseHeaders(h);
          const out = { text: "", html: "" };
          parts(headers, b, out);
          this.mails.push({ raw, headers, to: session.envelope.rcptTo.map((r) => r.address), ...out });
          cb();
        });
      },
    });
  }

  async start(): Promise<number> {
    // A client killed mid-session (the SIGKILL tests) resets its socket: that is expected, not a server failure.
    this.server.on("error", () => undefined);
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
