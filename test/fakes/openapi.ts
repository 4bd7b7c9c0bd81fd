// A small HTTP fake framework for APIs that cannot run here (MAS Admin API, Authentik, Gitea).
// Every request is validated against the operation in the OpenAPI/Swagger document (path, query, body)
// and every response the handler produces is validated against the documented response schema.
// Violations are recorded; tests assert `fake.violations` is empty, so a fake never "accepts anything".
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsPlugin from "ajv-formats";
import YAML from "yaml";

type Json = Record<string, unknown>;

export interface FakeRequest {
  method: string;
  path: string;
  operationId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  /** The parsed form of a multipart/form-data request (file uploads); `body` is then undefined. */
  form?: FormData;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** A one-shot (or `times`-shot) fault injected before or instead of the handler. */
export interface Fault {
  /** operationId to match; all operations when omitted. */
  operationId?: string;
  /** Answer with this status instead of calling the handler. */
  status?: number;
  retryAfter?: string;
  /** Destroy the socket without answering: `before` the handler runs, or `after` it ran (state changed!). */
  drop?: "before" | "after";
  /** Never answer (the client must time out). */
  hang?: boolean;
  times?: number;
}

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  operationId: string;
  op: Json;
  pathItem: Json;
}

export interface OpenApiFakeOptions {
  /** Path of the OpenAPI 3.x (JSON/YAML) or Swagger 2.0 document. */
  specPath: string;
  /** Prefix the spec's paths are served under (e.g. `/api/v3` for authentik). Swagger basePath is used by default. */
  basePath?: string;
  /** Check the Authorization header; return false to answer 401/403 (status chosen by `authStatus`). */
  authorize?: (req: FakeRequest) => boolean | Promise<boolean>;
  authStatus?: number;
  authBody?: unknown;
}

function pick(o: Json, keys: string[]): Json | undefined {
  const out: Json = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Copy of an OpenAPI 3.0 document where `nullable: true` without `type` becomes `anyOf: [schema, {type: null}]`. */
function nullableToAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToAnyOf);
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = nullableToAnyOf(v);
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

function loadDoc(p: string): Json {
  const text = readFileSync(p, "utf8");
  return (p.endsWith(".json") ? JSON.parse(text) : YAML.parse(text)) as Json;
}

/** An OpenAPI-validating fake server on 127.0.0.1. */
export class OpenApiFake {
  readonly violations: string[] = [];
  readonly requests: FakeRequest[] = [];
  readonly faults: Fault[] = [];
  private readonly doc: Json;
  private readonly swagger: boolean;
  private readonly ops: Operation[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ReturnType<Ajv["compile"]>>();
  private server?: http.Server;
  private readonly basePath: string;
  url = "";

  constructor(private readonly options: OpenApiFakeOptions) {
    this.doc = loadDoc(options.specPath);
    this.swagger = this.doc.swagger === "2.0";
    const openapi = String((this.doc.openapi as string | undefined) ?? "");
    const AjvClass = openapi.startsWith("3.1") ? Ajv2020 : Ajv;
    this.ajv = new AjvClass({ strict: false, allErrors: true, logger: false, validateFormats: true });
    const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (
      a: Ajv,
    ) => void;
    addFormats(this.ajv);
    // Formats APIs use that ajv-formats does not know: accept them (only shape matters for the fake).
    for (const f of [
      "int32",
      "int64",
      "float",
      "double",
      "byte",
      "binary",
      "password",
      "ulid",
      "uint",
      "uint16",
      "uint32",
      "uint64",
      "int8",
      "int16",
      "uint8",
    ]) {
      this.ajv.addFormat(f, true);
    }
    // OpenAPI 3.0 allows `nullable` next to allOf/$ref without `type`, which Ajv rejects; rewrite it as anyOf null.
    const forAjv = openapi.startsWith("3.0") ? (nullableToAnyOf(this.doc) as Json) : this.doc;
    this.ajv.addSchema({ ...forAjv, $id: "spec" }, "spec");
    this.basePath = options.basePath ?? (this.swagger ? String((this.doc.basePath as string | undefined) ?? "") : "");
    for (const [template, item] of Object.entries(this.doc.paths as Record<string, Json>)) {
      for (const method of ["get", "post", "put", "patch", "delete"]) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const paramNames: string[] = [];
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_m, n: string) => {
          paramNames.push(n);
          return "([^/]+)";
        });
        this.ops.push({
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${this.basePath}${pattern}$`),
          paramNames,
          operationId: String((op.operationId as string | undefined) ?? `${method.toUpperCase()} ${template}`),
          op,
          pathItem: item,
        });
      }
    }
  }

  /** Register the handler of an operation (by operationId or `METHOD /template`). Throws for unknown operations. */
  on(operation: string, handler: Handler): this {
    const op = this.ops.find((o) => o.operationId === operation || `${o.method} ${o.template}` === operation);
    if (!op) throw new Error(`no operation ${operation} in ${this.options.specPath}`);
    this.handlers.set(op.operationId, handler);
    return this;
  }

  /** Validator for a schema inside the spec document, compiled once. */
  private validator(schema: Json, key: string) {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(this.rebase(schema));
      this.validators.set(key, v);
    }
    return v;
  }

  /** Rewrite local `#/...` refs so a fragment compiles against the registered document. */
  private rebase(schema: unknown): Json {
    return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/')) as Json;
  }

  private check(where: string, schema: Json | undefined, value: unknown, key: string): void {
    if (!schema) return;
    const v = this.validator(schema, key);
    if (!v(value)) this.violations.push(`${where}: ${this.ajv.errorsText(v.errors, { separator: "; " })}`);
  }

  private params(op: Operation): Json[] {
    const resolve = (p: Json): Json => {
      if (typeof p.$ref === "string") {
        const parts = p.$ref.replace(/^#\//, "").split("/");
        let cur: unknown = this.doc;
        for (const part of parts) cur = (cur as Json)[part];
        return cur as Json;
      }
      return p;
    };
    return [...((op.pathItem.parameters as Json[]) ?? []), ...((op.op.parameters as Json[]) ?? [])].map(resolve);
  }

  private coerce(value: string, schema: Json | undefined): unknown {
    const type = schema?.type ?? schema?.["type"];
    if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    if (type === "boolean") return value === "true" ? true : value === "false" ? false : value;
    return value;
  }

  private validateRequest(op: Operation, req: FakeRequest): void {
    const where = `${op.operationId} request`;
    for (const p of this.params(op)) {
      const name = String(p.name);
      // Swagger 2 puts the type on the parameter itself; keep only schema keywords.
      const schema = (
        this.swagger ? pick(p, ["type", "format", "enum", "items", "minimum", "maximum", "pattern"]) : p.schema
      ) as Json | undefined;
      if (p.in === "path")
        this.check(
          `${where} path ${name}`,
          schema,
          this.coerce(req.params[name] ?? "", schema),
          `${op.operationId}:p:${name}`,
        );
      if (p.in === "query") {
        const v = req.query.get(name);
        if (v === null) {
          if (p.required) this.violations.push(`${where}: missing query ${name}`);
        } else if (schema && schema.type !== "object") {
          this.check(`${where} query ${name}`, schema, this.coerce(v, schema), `${op.operationId}:q:${name}`);
        }
      }
      if (this.swagger && p.in === "formData") {
        const v = req.form?.get(name);
        if (v === null || v === undefined) {
          if (p.required) this.violations.push(`${where}: missing form field ${name}`);
        } else if ((p.type === "file") !== (typeof v !== "string")) {
          this.violations.push(`${where}: form field ${name} is ${typeof v === "string" ? "text" : "a file"}`);
        }
      }
      if (this.swagger && p.in === "body") {
        if (req.rawBody === "" && p.required) this.violations.push(`${where}: missing body`);
        else if (req.rawBody !== "") this.check(`${where} body`, p.schema as Json, req.body, `${op.operationId}:body`);
      }
    }
    // Declared query parameters only (deep-object filters like filter[status] match by prefix).
    const declared = this.params(op)
      .filter((p) => p.in === "query")
      .map((p) => String(p.name));
    for (const k of req.query.keys()) {
      if (!declared.some((d) => d === k || k.startsWith(`${d}[`)))
        this.violations.push(`${where}: undeclared query parameter ${k}`);
    }
    if (req.form) {
      const consumes = (op.op.consumes ?? this.doc.consumes ?? []) as string[];
      if (!consumes.includes("multipart/form-data"))
        this.violations.push(`${where}: multipart/form-data is not among ${consumes.join(", ") || "(none)"}`);
      const declared = new Set(
        this.params(op)
          .filter((p) => p.in === "formData")
          .map((p) => String(p.name)),
      );
      for (const k of req.form.keys())
        if (!declared.has(k)) this.violations.push(`${where}: undeclared form field ${k}`);
    }
    const rb = op.op.requestBody as Json | undefined;
    if (rb) {
      const content = rb.content as Record<string, Json> | undefined;
      const schema = content?.["application/json"]?.schema as Json | undefined;
      if (req.rawBody === "") {
        if (rb.required) this.violations.push(`${where}: missing body`);
      } else {
        const ct = String(req.headers["content-type"] ?? "");
        if (!ct.includes("application/json"))
          this.violations.push(`${where}: content-type ${ct || "(none)"} is not application/json`);
        this.check(`${where} body`, schema, req.body, `${op.operationId}:body`);
      }
    } else if (!this.swagger && req.rawBody !== "" && ["POST", "PUT", "PATCH"].includes(op.method)) {
      this.violations.push(`${where}: body sent but the operation takes none`);
    }
  }

  private validateResponse(op: Operation, res: FakeResponse): void {
    const responses = op.op.responses as Record<string, Json>;
    const declared = responses[String(res.status)] ?? responses.default;
    const where = `${op.operationId} response ${res.status}`;
    if (!declared) {
      // Errors the framework itself sends (401/404/429/5xx) need not be declared by every operation.
      if (res.status < 400) this.violations.push(`${where}: status not declared`);
      return;
    }
    const resolved = typeof declared.$ref === "string" ? (this.resolveRef(declared.$ref) as Json) : declared;
    const schema = (
      this.swagger
        ? resolved.schema
        : (resolved.content as Record<string, Json> | undefined)?.["application/json"]?.schema
    ) as Json | undefined;
    if (schema && res.body !== undefined) this.check(where, schema, res.body, `${op.operationId}:r:${res.status}`);
    if (schema && res.body === undefined && res.status !== 204)
      this.violations.push(`${where}: documented body missing`);
  }

  private resolveRef(ref: string): unknown {
    let cur: unknown = this.doc;
    for (const part of ref.replace(/^#\//, "").split("/")) cur = (cur as Json)[part];
    return cur;
  }

  /** Start listening on 127.0.0.1 (random port); `url` is set to the server origin. */
  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => {
        this.violations.push(`fake error: ${e.message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private takeFault(operationId: string): Fault | undefined {
    const i = this.faults.findIndex((f) => !f.operationId || f.operationId === operationId);
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const multipart = String(req.headers["content-type"] ?? "").startsWith("multipart/form-data");
    // Uploads are parsed as forms (by the platform's own multipart parser); everything else is JSON text.
    const form = multipart
      ? await new Response(bytes, { headers: { "content-type": String(req.headers["content-type"]) } }).formData()
      : undefined;
    const rawBody = multipart ? "" : bytes.toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const send = (r: FakeResponse) => {
      const headers: Record<string, string> = { ...(r.headers ?? {}) };
      if (r.body !== undefined) headers["content-type"] ??= "application/json";
      res.writeHead(r.status, headers);
      res.end(r.body === undefined ? undefined : JSON.stringify(r.body));
    };
    const op = this.ops.find((o) => o.method === method && o.regex.test(url.pathname));
    if (!op) {
      this.violations.push(`no operation for ${method} ${url.pathname}`);
      send({ status: 404, body: { message: "not found" } });
      return;
    }
    const m = op.regex.exec(url.pathname)!;
    const params: Record<string, string> = {};
    op.paramNames.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? "")));
    let body: unknown;
    if (rawBody !== "") {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
        this.violations.push(`${op.operationId} request: body is not JSON`);
      }
    }
    const fr: FakeRequest = {
      method,
      path: url.pathname,
      operationId: op.operationId,
      params,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
    };
    if (form) fr.form = form;
    this.requests.push(fr);
    const fault = this.takeFault(op.operationId);
    if (fault?.hang) return;
    if (fault?.drop === "before") {
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) {
      send({
        status: fault.status,
        body: { message: "injected fault" },
        headers: fault.retryAfter ? { "retry-after": fault.retryAfter } : {},
      });
      return;
    }
    if (this.options.authorize && !(await this.options.authorize(fr))) {
      send({ status: this.options.authStatus ?? 401, body: this.options.authBody ?? { detail: "unauthorized" } });
      return;
    }
    this.validateRequest(op, fr);
    const handler = this.handlers.get(op.operationId);
    if (!handler) {
      this.violations.push(`${op.operationId}: no handler registered`);
      send({ status: 501, body: { message: "not implemented in fake" } });
      return;
    }
    let out: FakeResponse;
    try {
      out = await handler(fr);
    } catch (e) {
      this.violations.push(`${op.operationId}: handler threw ${(e as Error).message}`);
      out = { status: 500, body: { message: "fake handler error" } };
    }
    this.validateResponse(op, out);
    if (fault?.drop === "after") {
      req.socket.destroy();
      return;
    }
    send(out);
  }
}
