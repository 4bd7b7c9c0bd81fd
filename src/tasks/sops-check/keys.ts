import path from "node:path";
import { MxopsError } from "../../core/errors.js";
import { readSmallFile } from "../../core/fsx.js";
import { loadAgeIdentities, type AgeIdentities, type AgeKeySource } from "../../core/sops/age.js";

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
export function defaultAgeKeyFile(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
  home: string | undefined,
): string | undefined {
  let dir: string | undefined;
  if (platform === "win32") dir = env.AppData ?? env.APPDATA;
  else if (env.XDG_CONFIG_HOME) dir = env.XDG_CONFIG_HOME;
  else if (home)
    dir = platform === "darwin" ? path.join(home, "Library", "Application Support") : path.join(home, ".config");
  return dir ? path.join(dir, "sops", "age", "keys.txt") : undefined;
}

/**
 * Load the identities from every configured source; undefined when none is configured or found.
 * Registers every identity and the passphrase with `onSecret`. Throws MXOPS_INPUT for an unreadable explicit
 * key file or malformed keys (the message names the source, never key material).
 */
export async function loadIdentities(
  o: AgeKeyOptions,
  cwd: string,
  onSecret: (s: string) => void,
): Promise<AgeIdentities | undefined> {
  const sources: AgeKeySource[] = [];
  if (o.ageKeyFile) {
    const f = path.resolve(cwd, o.ageKeyFile);
    let text: string;
    try {
      text = await readSmallFile(f);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new MxopsError(
        "MXOPS_INPUT",
        code === "EFBIG"
          ? `${o.ageKeyFile}: larger than 1 MiB, so not an age key file`
          : `${o.ageKeyFile}: cannot read the age key file (${code ?? "error"})`,
        { file: o.ageKeyFile },
      );
    }
    sources.push({ origin: o.ageKeyFile, text });
  }
  if (o.ageKey) {
    onSecret(o.ageKey);
    sources.push({ origin: "SOPS_AGE_KEY", text: o.ageKey, multiplePerLine: true });
  }
  if (o.defaultAgeKeyFile) {
    const text = await readSmallFile(o.defaultAgeKeyFile).catch(() => undefined);
    if (text !== undefined) sources.push({ origin: o.defaultAgeKeyFile, text });
  }
  if (sources.length === 0) return undefined;
  const opts: { passphrase?: string; onSecret: (s: string) => void } = { onSecret };
  if (o.passphrase !== undefined) opts.passphrase = o.passphrase;
  return loadAgeIdentities(sources, opts);
}
