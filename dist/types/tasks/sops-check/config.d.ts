import type { Finding } from "../../core/finding.js";
import { type CryptRule } from "../../core/sops/metadata.js";
/** One `creation_rules` entry of a .sops.yaml, reduced to what sops-check compares. */
export interface CreationRule {
    /** 0-based position in `creation_rules` (messages say `rule #index+1`). */
    index: number;
    /** Absolute path of the .sops.yaml the rule comes from. */
    config: string;
    /** Undefined: no `path_regex` (sops then matches every file). */
    pathRegex?: string;
    /** Expected keys as `type:id` (age recipients, PGP fingerprints, KMS ARNs, GCP KMS ids). */
    keys: Set<string>;
    /** Key types in the rule that sops-check cannot compare (Azure Key Vault, Vault, HC KMS). */
    uncomparable: boolean;
    crypt: CryptRule;
    macOnlyEncrypted: boolean;
    line: number;
}
/** A loaded .sops.yaml. */
export interface SopsConfig {
    /** Absolute path. */
    file: string;
    dir: string;
    rules: CreationRule[];
    /** Problems found while loading (already in scanned-root-relative form when emitted). */
    problems: Array<{
        ruleId: string;
        severity: "error" | "warning";
        message: string;
        line: number;
        column: number;
    }>;
}
/**
 * Parse a .sops.yaml like sops (yaml.v3, unknown fields ignored). Problems: unparsable file, a `path_regex`
 * that does not compile (sops refuses to work then), more than one crypt rule in a creation rule, unknown
 * fields such as the `path_regexp` typo (sops ignores them silently, which turns the rule into a catch-all).
 */
export declare function parseSopsConfig(file: string, text: string): SopsConfig;
/**
 * The creation rule sops would use for `absFile`: the first whose `path_regex` (RE2, unanchored) matches the
 * file path relative to the config's directory (the absolute path when the file is outside it); a rule
 * without `path_regex` matches everything.
 */
export declare function matchRule(cfg: SopsConfig, absFile: string): CreationRule | undefined;
/**
 * Finds the .sops.yaml for each directory: the nearest `.sops.yaml` in the directory or its ancestors (up to
 * 100 levels, like sops' LookupConfigFile; `.sops.yml` is not a config name for sops and is reported), cached per
 * directory, or the `--config` file for every file.
 */
export declare class ConfigLookup {
    private readonly override?;
    private readonly byDir;
    readonly loaded: Map<string, SopsConfig>;
    readonly ignoredNames: Set<string>;
    constructor(override?: string | undefined);
    forFile(absFile: string): Promise<SopsConfig | undefined>;
    private forDir;
    private load;
}
/** Findings for the loaded configs (only those inside the scanned root get a relative file). */
export declare function configFindings(lookup: ConfigLookup, root: string): Finding[];
