import { isMap, isPair, isScalar, type Document, type Node } from "yaml";

/** Where a Kubernetes Secret keeps its data, for pointing findings at it. */
export interface SecretDoc {
  doc: number;
  name?: string;
  /** `data` / `stringData` keys present (non-null) with their source offsets. */
  fields: Array<{ key: "data" | "stringData"; offset: number }>;
}

/** A Flux Kustomization (kustomize.toolkit.fluxcd.io) found in a file. */
export interface FluxKustomization {
  file: string;
  name: string;
  /** spec.path normalised to a root-relative prefix without leading "./" ("" = the whole repository). */
  path: string;
  decryptsSops: boolean;
  offset: number;
}

function str(doc: Document.Parsed, path: string[]): string | undefined {
  const v = doc.getIn(path);
  return typeof v === "string" ? v : undefined;
}

/** Kubernetes Secrets with `data` or `stringData` in the parsed documents (any file name; content decides). */
export function findSecrets(docs: readonly Document.Parsed[]): SecretDoc[] {
  const out: SecretDoc[] = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0 || !isMap(doc.contents)) return;
    if (str(doc, ["kind"]) !== "Secret") return;
    const apiVersion = str(doc, ["apiVersion"]);
    if (apiVersion !== undefined && apiVersion !== "v1") return;
    const fields: SecretDoc["fields"] = [];
    for (const p of doc.contents.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const k = p.key.value;
      // An empty or null data map holds nothing secret.
      const empty =
        p.value === null ||
        (isScalar(p.value) && (p.value.value === null || p.value.value === "")) ||
        (isMap(p.value) && p.value.items.length === 0);
      if ((k === "data" || k === "stringData") && !empty) {
        fields.push({ key: k, offset: (p.key as Node).range?.[0] ?? 0 });
      }
    }
    if (fields.length > 0) {
      const s: SecretDoc = { doc: i, fields };
      const name = str(doc, ["metadata", "name"]);
      if (name !== undefined) s.name = name;
      out.push(s);
    }
  });
  return out;
}

/** Flux Kustomizations in the parsed documents. */
export function findKustomizations(file: string, docs: readonly Document.Parsed[]): FluxKustomization[] {
  const out: FluxKustomization[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    if (
      str(doc, ["kind"]) !== "Kustomization" ||
      !(str(doc, ["apiVersion"]) ?? "").startsWith("kustomize.toolkit.fluxcd.io/")
    )
      continue;
    const raw = str(doc, ["spec", "path"]) ?? "./";
    const norm = raw
      .replace(/^\.?\/+/, "")
      .replace(/^\.$/, "")
      .replace(/\/+$/, "");
    out.push({
      file,
      name: str(doc, ["metadata", "name"]) ?? "(unnamed)",
      path: norm,
      decryptsSops: str(doc, ["spec", "decryption", "provider"]) === "sops",
      offset: doc.contents.range?.[0] ?? 0,
    });
  }
  return out;
}
