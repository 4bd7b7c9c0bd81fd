/** Which service issues the invite. */
export type BackendName = "mas" | "authentik";

/** Languages the shipped mail templates cover. */
export type Lang = "de" | "en";
export const LANGS: readonly Lang[] = ["de", "en"];

/** Someone to invite. `email` is the identity key (compared lower-cased). */
export interface Recipient {
  email: string;
  name?: string;
  lang?: Lang;
  /** Desired Matrix/Authentik username (Authentik fixed_data). */
  username?: string;
}

/**
 * What a backend hands back after creating an invite. `secret` is the credential the recipient needs
 * (MAS token text, Authentik invitation uuid): it goes into the mail and nowhere else.
 */
export interface CreatedInvite {
  /** Handle stored in the audit trail (MAS ULID, Authentik invitation name); never a credential. */
  id: string;
  secret: string;
  createdAt: string;
  expiresAt: string | null;
}

/** The backend's view of an invite, for status/list/reconcile. */
export type RemoteState = "live" | "used" | "expired" | "revoked" | "missing";

/** An invite as the backend reports it. */
export interface RemoteInvite {
  id: string;
  state: RemoteState;
  expiresAt: string | null;
  timesUsed?: number;
  createdAt?: string;
}

/** What an interrupted create left behind: the audit intent record's reference. */
export interface CreateIntent {
  recipient: Recipient;
  /** Backend-specific marker written before the create call (MAS: token hash, Authentik: invitation name). */
  ref: string;
  /** Earliest time the create could have happened (the intent record's time). */
  after: string;
}

/** One line of `preflight`. */
export interface CheckResult {
  check: string;
  ok: boolean;
  detail: string;
  /** Skipped checks (not configured) are ok but say so. */
  skipped?: boolean;
}

/**
 * An invite service. Every method throws MxopsError (MXOPS_HTTP, MXOPS_AUTH, MXOPS_CONFIG) with an actionable
 * one-line message; none of them ever puts a credential into a message.
 */
export interface InviteBackend {
  readonly name: BackendName;
  /** Fail fast before any row: credentials work and the API answers (MAS: admin token + version; Authentik: flow). */
  ready(): Promise<void>;
  /** The audit `ref` for a new create (computed before the call so a crash leaves a findable marker). */
  prepare(recipient: Recipient): Promise<{ ref: string; secret?: string }>;
  /**
   * Create an invite. Safe against a lost response: the backend reconciles (MAS: same token text → 409 → look up;
   * Authentik: unique name → look up) instead of blindly creating twice.
   */
  create(
    recipient: Recipient,
    prepared: { ref: string; secret?: string },
    options: { expiresAt: Date; uses: number },
  ): Promise<CreatedInvite>;
  /** Find what an interrupted create left behind; undefined when nothing was created. */
  findOrphan(intent: CreateIntent): Promise<RemoteInvite | undefined>;
  /**
   * Live invites of this recipient at the backend that the audit log does not know (`known` ids), when the backend
   * can tell (Authentik: by the name prefix derived from the address). Used to keep one live invite per person even
   * after the audit log was lost.
   */
  untracked?(recipient: Recipient, known: ReadonlySet<string>): Promise<RemoteInvite[]>;
  get(id: string): Promise<RemoteInvite>;
  /** Make the invite unusable; `missing`/`already` are not errors. */
  revoke(id: string): Promise<"revoked" | "already" | "missing">;
  unrevoke(id: string): Promise<RemoteInvite>;
  /** Change expiry and/or usage limit (MAS PUT); fields left out stay as they are. */
  extend(id: string, changes: { expiresAt?: Date; usageLimit?: number }): Promise<RemoteInvite>;
  /** The link the recipient opens (token URL-encoded into the configured template). */
  link(secret: string): string;
  preflight(): Promise<CheckResult[]>;
}
