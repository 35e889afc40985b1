// The `compositeapp` program: its commands, and how it ends. A command is a module exporting
// `(io: CliIO) => Command`; adding one means adding it to COMMANDS.
import { Command, CommanderError } from "commander";
import { completionCommand } from "./completion.js";
import { convertCommand } from "./convert.js";
import { crdCommand } from "./crd.js";
import { CliError, processIO, type CliIO } from "./io.js";
import { renderCommand } from "./render.js";
import { runCommand } from "./run.js";
import { validateCommand } from "./validate.js";
import { VERSION } from "./version.js";

const COMMANDS: ((io: CliIO) => Command)[] = [
  renderCommand,
  validateCommand,
  convertCommand,
  crdCommand,
  runCommand,
  completionCommand,
];

/** Commander prints to the injected streams and throws instead of exiting, on every command. */
function wire(command: Command, io: CliIO): void {
  command
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text),
    });
  for (const sub of command.commands) wire(sub, io);
}

export function buildProgram(io: CliIO): Command {
  const program = new Command("compositeapp")
    .description(
      "Renders and runs CompositeApps: Pods of a main container with its sidecars, ambassadors and adapters.",
    )
    .version(VERSION, "--version", "print the version");
  for (const command of COMMANDS) program.addCommand(command(io));
  wire(program, io);
  return program;
}

/**
 * Runs the program on `args` (without the node and script paths) and returns its exit status:
 * 0, or 1 with every problem printed as `error: ...` on stderr. Never throws.
 */
export async function runCli(args: string[], io: CliIO): Promise<number> {
  try {
    await buildProgram(io).parseAsync(args, { from: "user" });
    return 0;
  } catch (err) {
    // Commander has printed its own message (or the help, or the version: status 0).
    if (err instanceof CommanderError) return err.exitCode;
    const messages = err instanceof CliError ? err.messages : [(err as Error).message];
    for (const message of messages) io.stderr.write(`error: ${message}\n`);
    return err instanceof CliError ? err.code : 1;
  }
}

/** The program as the `compositeapp` executable runs it. */
export async function main(argv: string[]): Promise<void> {
  // Not process.exit: output to a pipe may still be on its way.
  process.exitCode = await runCli(argv.slice(2), processIO());
}
