import { type AgeIdentities } from "../../core/sops/age.js";
/** Where sops-check takes age identities from (all that are set are used, like sops). */
export interface AgeKeyOptions {
    /** `--age-key-file`, else SOPS_AGE_KEY_FILE. Must exist when set. */
    ageKeyFile?: string;
    /** SOPS_AGE_KEY: identities as text (several per line allowed). */
    ageKey?: string;
    /** sops' default keys.txt; used only when it exists. */
    defaultAgeKeyFile?: string;
    /** Passphrase for a passphrase-protected (scrypt) identity file. */
    passphrase?: string;
}
/**
 * sops' default identity file: `<user config dir>/sops/age/keys.txt`, where the config dir is
 * $XDG_CONFIG_HOME or ~/.config on Linux, $XDG_CONFIG_HOME or ~/Library/Application Support on macOS
 * (sops checks XDG_CONFIG_HOME itself there), %AppData% on Windows.
 */
export declare function defaultAgeKeyFile(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, home: string | undefined): string | undefined;
/**
 * Load the identities from every configured source; undefined when none is configured or found.
 * Registers every identity and the passphrase with `onSecret`. Throws MXOPS_INPUT for an unreadable explicit
 * key file or malformed keys (the message names the source, never key material).
 */
export declare function loadIdentities(o: AgeKeyOptions, cwd: string, onSecret: (s: string) => void): Promise<AgeIdentities | undefined>;
