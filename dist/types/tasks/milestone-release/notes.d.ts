import type { ForgeIssue } from "./forge.js";
/** A commit line of the notes. */
export interface NoteCommit {
    sha: string;
    subject: string;
}
/** Everything the release notes are made of. */
export interface NotesInput {
    /** Annotation body (the tag message without its subject line). */
    body: string;
    previousTag?: string;
    commits: readonly NoteCommit[];
    /** True when the commit list was cut at the cap. */
    truncated?: boolean;
    /** `https://host/owner/repo` for commit links; plain short SHAs without it. */
    repoWebUrl?: string;
    milestone?: {
        title: string;
        items: readonly ForgeIssue[];
    };
}
/** Commit lines grouped by conventional-commit type when any subject uses it, else one flat list. */
export declare function commitSection(commits: readonly NoteCommit[], repoWebUrl?: string): string[];
/** The release notes (Markdown): annotation body, commits since the previous milestone tag, milestone items. */
export declare function renderNotes(n: NotesInput): string;
/** Split an annotation into its subject (title) and body. */
export declare function splitMessage(message: string): {
    subject: string;
    body: string;
};
