import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { appendLineDurable, NO_FOLLOW } from "../../../core/fsx.js";
import { MxopsError } from "../../../core/errors.js";
import type { BackendName } from "../types.js";

/** Lifecycle states recorded in the audit trail. `pending` is the intent written right before a create call. */
export type AuditStatus = "pending" | "created" | "sent" | "failed" | "revoked" | "used" | "expired" | "onboarded";

/**
 * One audit line. Holds handles and times only: never the token text, the Authentik invitation uuid or any secret.
 * `attempt` ties the records of one invite together; `ref` is the marker used to find an orphan after a crash
 * (MAS: a truncated SHA-256 of the token text; Authentik: the invitation name).
 */
export interface AuditRecord {
  v: 1;
  ts: string;
  status: AuditStatus;
  recipient: string;
  backend?: BackendName;
  attempt?: string;
  ref?: string;
  id?: string;
  name?: string;
  createdAt?: string;
  expiresAt?: string | null;
  sentAt?: string;
  messageId?: string;
  revokedAt?: string;
  /** Short machine-readable reason for failed/revoked (e.g. `mail-rejected`, `resend`, `interrupted`). */
  reason?: string;
  /** One-line, redacted description of an error. */
  error?: string;
  /** Extra action note: `extended`, `unrevoked`, `room:<id>`. */
  note?: string;
}

function symlinkError(file: string): MxopsError {
  return new MxopsError("MXOPS_INPUT", `${file}: the audit log is a symbolic link; refusing to follow it`, { file });
}

/** Audit file reader/writer. Appends are single O_APPEND writes with fsync; the file is created 0600. */
export class AuditLog {
  /** Set when the file ends in a torn line: the next append starts a fresh line first. */
  private repair = false;

  constructor(
    readonly file: string,
    private readonly redact: (s: string) => string,
  ) {}

  /** Append one record durably. The line passes the redactor as a last line of defence. */
  async append(record: Omit<AuditRecord, "v">): Promise<void> {
    let line = this.redact(JSON.stringify({ v: 1, ...record }));
    if (this.repair) {
      this.repair = false;
      line = `\n${line}`;
    }
    try {
      await appendLineDurable(this.file, line, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ELOOP") throw symlinkError(this.file);
      throw new MxopsError(
        "MXOPS_STATE",
        `${this.file}: cannot append to the audit log (${(e as NodeJS.ErrnoException).code ?? "error"})`,
        { cause: e },
      );
    }
  }

  /**
   * All records in order. A missing file is empty. A torn last line (a crash mid-write) is ignored and reported
   * through `warn`; a corrupt line elsewhere is an MXOPS_STATE error because the trail can no longer be trusted.
   */
  async read(warn: (msg: string) => void = () => undefined): Promise<AuditRecord[]> {
    let text: string;
    try {
      // Never through a symbolic link (O_NOFOLLOW): the permissions fix below must only touch the audit log itself.
      const fh = await open(this.file, constants.O_RDONLY | NO_FOLLOW);
      try {
        text = await fh.readFile("utf8");
        // Tighten permissions of files created by older versions or by hand.
        await fh.chmod(0o600).catch(() => undefined);
      } finally {
        await fh.close();
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return [];
      if (code === "ELOOP") throw symlinkError(this.file);
      throw new MxopsError("MXOPS_STATE", `${this.file}: cannot read the audit log (${code ?? "error"})`);
    }
    if (text.length > 0 && !text.endsWith("\n")) this.repair = true;
    const lines = text.split("\n");
    const out: AuditRecord[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === "") continue;
      let rec: AuditRecord | undefined;
      try {
        rec = JSON.parse(line) as AuditRecord;
      } catch {
        // A record cut short by a crash (our prefix, no valid JSON). It stays in the file because the log is
        // append-only, so it is skipped wherever it is; anything else unparsable means the file was edited.
        if (line.startsWith('{"v":1,')) {
          warn(`${this.file}:${i + 1}: ignoring a torn line (an earlier run was interrupted while writing)`);
          continue;
        }
      }
      if (!rec || rec.v !== 1 || typeof rec.status !== "string" || typeof rec.recipient !== "string") {
        throw new MxopsError(
          "MXOPS_STATE",
          `${this.file}:${i + 1}: not a valid audit record; fix or move the file before inviting`,
        );
      }
      out.push(rec);
    }
    return out;
  }
}
