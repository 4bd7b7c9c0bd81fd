import { type ObjectId } from "./select.js";
/** One object a kustomize build emits, traced back to the document it comes from. */
export interface BuiltResource {
    /** Root-relative file and 0-based document index the object is read from. */
    file: string;
    doc: number;
    /** 1-based line where the document starts. */
    line: number;
    id: ObjectId;
    object: Record<string, unknown>;
    /** A patch of the build (kustomization.yaml, a component, Flux spec.patches) sets spec.decryption.provider: sops. */
    patchedSops: boolean;
}
/** True for a Flux Kustomization (not kustomize's own kustomization.yaml kind). */
export declare function isFluxKustomization(id: ObjectId): boolean;
/**
 * Normalise a Flux `spec.path` the way the controller joins it to the source root: `.` and empty segments
 * dropped, `..` resolved lexically and never above the root. Returns "" for the root.
 */
export declare function normaliseSourcePath(p: string): string;
/**
 * Offline evaluation of what `kustomize build` (and Flux's kustomize-controller, which generates a
 * kustomization.yaml where none exists) emits from a directory of the repository: which documents of which
 * files become objects, and which Flux Kustomizations a patch gives SOPS decryption. Remote bases and
 * generators are not followed; work is bounded (depth, documents read).
 */
export declare class KustomizeTree {
    private readonly readText;
    private readonly dirs;
    private readonly fileSet;
    private readonly parsed;
    private readonly memo;
    private docsRead;
    /**
     * @param files every file of the tree, root-relative with `/` separators
     * @param readText the text of a file, or undefined when it cannot or must not be read (size cap)
     */
    constructor(files: readonly string[], readText: (rel: string) => Promise<string | undefined>);
    private entry;
    /** True when `rel` is a directory holding files. */
    isDir(rel: string): boolean;
    /** Plain documents of a YAML/JSON file with their start lines; undefined when unreadable. */
    docs(rel: string): Promise<Array<{
        value: unknown;
        line: number;
    }> | undefined>;
    /**
     * Objects a Flux Kustomization with `spec.path` = `dir` applies: the directory's kustomization file, or the
     * one Flux generates (every `.yaml`/`.yml` below it; a subdirectory with its own kustomization file is built
     * as a whole). `fluxPatches` are the Kustomization's `spec.patches`. Undefined when the directory does not exist.
     */
    buildFlux(dir: string, fluxPatches: unknown): Promise<BuiltResource[] | undefined>;
    /** What `kustomize build dir` emits (the directory must hold a kustomization file). */
    buildKustomize(dir: string): Promise<BuiltResource[]>;
    private build;
    private kustomizationFile;
    private buildUncached;
    /** Flux's generated kustomization: manifests below `dir`, whole kustomize directories where they start. */
    private scan;
    private addFile;
    /** Resources, then components, then patches of one kustomization (or component) body. */
    private apply;
    private kustomizationPatches;
    /** The decryption-adding patches in one patch text (strategic merge documents or a JSON 6902 list). */
    private patchesOf;
}
