// The plain-http server under the forge and registry fakes: 127.0.0.1, an OS-chosen port, whole request bodies,
// and a handler bug recorded as a violation with a 500 instead of crashing the test process.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type BufferedHandler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => void;

/** Start a server for `handle` on 127.0.0.1; errors it throws are pushed to `violations`. */
export async function listenBuffered(
  handle: BufferedHandler,
  violations: string[],
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, Buffer.concat(chunks), res);
      } catch (e) {
        violations.push(`fake error ${(e as Error).message}`);
        res.writeHead(500);
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Stop a server started by {@link listenBuffered}, dropping open connections; `undefined` is fine. */
export async function closeServer(server: http.Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
}
