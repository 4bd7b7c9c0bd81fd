// A fake Matrix homeserver for the notification tests: the two client-server endpoints mxops uses,
// with the spec's idempotency rule (a repeated txnId from the same access token returns the first event
// and stores nothing new), M_UNKNOWN_TOKEN / M_FORBIDDEN errors, and request shape checks recorded as violations.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface PostedEvent {
  roomId: string;
  txnId: string;
  eventId: string;
  content: Record<string, unknown>;
}

export class FakeHomeserver {
  readonly events: PostedEvent[] = [];
  readonly violations: string[] = [];
  readonly requests: Array<{ method: string; path: string; authorization: string }> = [];
  readonly rooms = new Set(["!ops:example.org"]);
  readonly aliases = new Map([["#ops:example.org", "!ops:example.org"]]);
  private readonly txns = new Map<string, string>();
  private server?: http.Server;
  url = "";

  constructor(readonly token = "syt_matrix_test_token_81c2") {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", "http://x");
    const auth = String(req.headers.authorization ?? "");
    this.requests.push({ method: req.method ?? "", path: url.pathname, authorization: auth });
    if (url.search) this.violations.push(`query string sent: ${url.search}`);
    if (auth !== `Bearer ${this.token}`)
      return send(401, { errcode: "M_UNKNOWN_TOKEN", error: "Invalid access token passed." });
    const alias = /^\/_matrix\/client\/v3\/directory\/room\/([^/]+)$/.exec(url.pathname);
    if (alias && req.method === "GET") {
      const id = this.aliases.get(decodeURIComponent(alias[1]));
      return id
        ? send(200, { room_id: id, servers: ["example.org"] })
        : send(404, { errcode: "M_NOT_FOUND", error: "Room alias not found." });
    }
    const m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/]+)$/.exec(url.pathname);
    if (!m) {
      this.violations.push(`unknown endpoint ${req.method} ${url.pathname}`);
      return send(404, { errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
    }
    if (req.method !== "PUT") this.violations.push(`send must be PUT, got ${req.method}`);
    const roomId = decodeURIComponent(m[1]);
    const txnId = decodeURIComponent(m[2]);
    let content: Record<string, unknown>;
    try {
      content = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      this.violations.push("body is not JSON");
      return send(400, { errcode: "M_NOT_JSON", error: "Content not JSON." });
    }
    if (typeof content.msgtype !== "string" || typeof content.body !== "string")
      this.violations.push("m.room.message needs string msgtype and body");
    if (content.format !== undefined && content.format !== "org.matrix.custom.html")
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the violation names whatever the client sent
      this.violations.push(`unknown format ${String(content.format)}`);
    if (!this.rooms.has(roomId)) return send(403, { errcode: "M_FORBIDDEN", error: "User not in room" });
    const key = `${auth}\0${roomId}\0${txnId}`;
    const seen = this.txns.get(key);
    if (seen) return send(200, { event_id: seen });
    const eventId = `$ev${this.events.length + 1}`;
    this.txns.set(key, eventId);
    this.events.push({ roomId, txnId, eventId, content });
    return send(200, { event_id: eventId });
  }
}
