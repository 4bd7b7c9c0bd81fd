import { type LoadedRepo } from "./load.js";
/**
 * The files Flux actually applies, followed from the cluster's entry points: the `flux-system` Kustomization
 * (flux bootstrap), a Kustomization whose path holds its own file, and FluxInstance / flux-instance chart `sync.path` (flux-operator). From a folder: its
 * kustomization.yaml entries, or, without one, every file below it (Flux generates the kustomization, taking
 * nested kustomization folders as units); from a file: the spec.path of each Flux Kustomization in it.
 * A `${VAR}` in a path reaches every folder it could name. Undefined when there is no entry point: then every
 * file counts as deployed.
 */
export declare function deployedFiles(repo: LoadedRepo): Set<string> | undefined;
