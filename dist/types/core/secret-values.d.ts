/** Keys whose values are secrets in any config (Kubernetes Secret data, chart values, Synapse/MAS configs). */
export declare const SECRET_KEY: RegExp;
/** Values that look generated (long, no spaces, letters and digits): secret whatever their key. IDs excepted. */
export declare function looksGenerated(v: string): boolean;
/**
 * Register the secret values of one decrypted document with `add` (the redactor). The rule, so that secrets are
 * masked and names stay readable:
 * - secret by position: values under a secret-like key (password, token, secret, key, macaroon, …, inherited by
 *   nested values) and, with `secretData` (a Kubernetes Secret), every value directly under `data`/`stringData`;
 *   at least 6 characters and not a YAML literal (`true`, `null`); a value shaped like a resource name under a
 *   key that names a Secret (`existingSecret`, `secretName`, `secret`) is a reference, not a secret;
 * - secret by shape: generated-looking strings (20+ characters, letters and digits, no spaces), whatever the key;
 * - never: a manifest's `metadata`, `apiVersion`, `kind`, `type` (names, even when sops encrypted them);
 * - strings holding a YAML document are followed leaf by leaf; one that does not parse has its `key: value` lines
 *   with secret-like keys and its generated-looking tokens registered.
 * Never throws; never registers anything shorter than 6 characters.
 */
export declare function registerDecrypted(body: unknown, add: (s: string) => void, options?: {
    secretData?: boolean;
}): void;
