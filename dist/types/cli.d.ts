/** Where the CLI writes; injected by tests. */
export interface CliIo {
    stdout: (s: string) => void;
    stderr: (s: string) => void;
    env: Readonly<Record<string, string | undefined>>;
    isTTY: boolean;
}
/** Run the CLI; returns the exit code. Never throws, never prints a stack trace. */
export declare function runCli(argv: readonly string[], io: CliIo): Promise<number>;
