import { type Document } from "yaml";
/** Where a Kubernetes Secret keeps its data, for pointing findings at it. */
export interface SecretDoc {
    doc: number;
    name?: string;
    /** `data` / `stringData` keys present (non-null) with their source offsets. */
    fields: Array<{
        key: "data" | "stringData";
        offset: number;
    }>;
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
/** Kubernetes Secrets with `data` or `stringData` in the parsed documents (any file name; content decides). */
export declare function findSecrets(docs: readonly Document.Parsed[]): SecretDoc[];
/** Flux Kustomizations in the parsed documents. */
export declare function findKustomizations(file: string, docs: readonly Document.Parsed[]): FluxKustomization[];
