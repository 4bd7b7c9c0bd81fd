/**
 * The SOPS engine: reads sops files (YAML multi-document, JSON, dotenv, binary store), validates metadata,
 * checks which values must be encrypted, recovers the data key from age identities (X25519 natively,
 * post-quantum via age-encryption, Shamir key groups), decrypts values and verifies the MAC exactly as sops.
 * Plaintext lives only in returned objects; nothing here logs or throws with secret content.
 */
export { loadAgeIdentities, NativeX25519Identity, recipientKind, type AgeIdentities, type AgeIdentity, type AgeKeySource, } from "./age.js";
export { decryptSopsFile, decryptSopsYaml, type DecryptResult, type DecryptFailureReason } from "./decrypt.js";
export { checkLeaves, envelopeMetadata, loadEnvelope, verifyWithKey, type LeafCheck, type MacResult, } from "./engine.js";
export { unwrapDataKey, type UnwrapFailure, type UnwrapResult } from "./keys.js";
export { keySourceId, parseMetadata, type CryptRule, type KeySource, type MetadataProblem, type SopsMetadata, } from "./metadata.js";
export { shouldBeEncrypted } from "./crypt.js";
export { parseSopsYamlDocs, SOPS_YAML_OPTIONS } from "./stores/yaml.js";
export { formatForPath, keyPathString, type Envelope, type Leaf, type SopsFormat } from "./tree.js";
export { decryptEnc, encryptEnc, parseEnc, parseRfc3339, type Plain } from "./value.js";
