import type { Finding } from "../../core/finding.js";
import type { Redactor } from "../../core/redact.js";
import type { AgeIdentities } from "../../core/sops/age.js";
import type { CreationRule } from "./config.js";
import { type FluxKustomization } from "./kube.js";
/** What checking one file produced. */
export interface FileOutcome {
    findings: Finding[];
    /** The file carries sops metadata (it is a sops file). */
    encrypted: boolean;
    kustomizations: FluxKustomization[];
}
export interface FileContext {
    rel: string;
    text: string;
    /** Matching creation rule (catch-all rules excluded). */
    rule?: CreationRule;
    /** The matching rule including a catch-all one: what recipients and crypt rule the file should have. */
    expected?: CreationRule;
    /** How messages name the matching rule: `<config file relative to the root> rule #<1-based index>`. */
    ruleLabel?: string;
    identities?: AgeIdentities;
    redactor: Redactor;
}
/** True when the text may need a full parse. */
export declare function mayMatter(text: string): boolean;
/**
 * Check one file: whether it must be encrypted ((a) creation rule, (b) Kubernetes Secret with data/stringData,
 * (c) existing sops metadata), its metadata, every leaf against its crypt rule, the creation rule's crypt rule and
 * recipients, and with identities the data key, every value and the MAC. Never throws for file content.
 */
export declare function checkFile(ctx: FileContext): Promise<FileOutcome>;
