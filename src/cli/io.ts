// What the program touches of its process: standard streams and the exit. Commands take it as
// a parameter, so tests run the whole program in-process with their own streams.
import { readFileSync } from "node:fs";

export interface Output {
  write(text: string): unknown;
}

export interface CliIO {
  readonly stdout: Output;
  readonly stderr: Output;
  /** All of standard input (read when a command is given `-f -`). */
  readStdin(): string;
  /**
   * Ends the process now. Only long-running commands (the operator) need it; every other
   * command returns its status from `runCli`.
   */
  exit(code: number): void;
}

/** A failure the user can act on: each message printed as `error: ...`, then exit with `code`. */
export class CliError extends Error {
  constructor(
    readonly messages: string[],
    readonly code = 1,
  ) {
    super(messages.join("\n"));
  }
}

/**
 * Status for a write to a closed pipe (`compositeapp crd | head -1`): what the shell reports for
 * a program killed by SIGPIPE (128 + 13), as kubectl, git and cat are.
 */
export const BROKEN_PIPE_STATUS = 141;

/** The real process, ending quietly when a reader closes the pipe, as Unix tools do. */
export function processIO(): CliIO {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(BROKEN_PIPE_STATUS);
      throw err;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readFileSync(0, "utf8"),
    exit: (code) => process.exit(code),
  };
}
