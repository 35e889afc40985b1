// What shell completion completes, read from the program's commander tree: its commands, their
// flags (which take a value, which list their values, which take a file) and arguments.
import type { Command, Option } from "commander";

/** A flag as the scripts complete it. */
export interface FlagSpec {
  short?: string;
  long?: string;
  description: string;
  /** Takes a value: the next word is the value, not a flag or a command. */
  takesValue: boolean;
  /** Its values, when it lists them. */
  values?: readonly string[];
  /** Its value is a file name. */
  file: boolean;
  /** May be given more than once. */
  repeatable: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  /** The values of its first argument, when it lists them (`completion bash`). */
  args?: readonly string[];
}

export interface ProgramSpec {
  name: string;
  commands: CommandSpec[];
  flags: FlagSpec[];
}

/**
 * The first sentence or clause of a description, which is what a completion menu has room for:
 * up to a `;`, or a `.` that ends a sentence (not the one of "e.g.").
 */
const summary = (text: string): string => text.split(/; |(?<=[a-z0-9)])\. (?=[A-Z])/)[0]!.replace(/\.$/, "");

function flagSpec(option: Option): FlagSpec {
  return {
    ...(option.short !== undefined && { short: option.short }),
    ...(option.long !== undefined && { long: option.long }),
    description: summary(option.description),
    takesValue: option.required || option.optional,
    ...(option.argChoices !== undefined && { values: option.argChoices }),
    file: /<(file|dir|path)[^>]*>/.test(option.flags),
    repeatable: /repeatable/.test(option.description),
  };
}

const HELP: FlagSpec = {
  short: "-h",
  long: "--help",
  description: "display help for command",
  takesValue: false,
  file: false,
  repeatable: false,
};

/** What the scripts complete, read from the program's commands and their options. */
export function describeProgram(program: Command): ProgramSpec {
  const commands: CommandSpec[] = program.commands.map((command) => {
    const choices = command.registeredArguments[0]?.argChoices;
    return {
      name: command.name(),
      description: summary(command.summary() || command.description()),
      flags: [...command.options.filter((o) => !o.hidden).map(flagSpec), HELP],
      ...(choices !== undefined && { args: choices }),
    };
  });
  // Commander's own `help [command]`.
  commands.push({
    name: "help",
    description: "display help for command",
    flags: [],
    args: commands.map((c) => c.name),
  });
  return { name: program.name(), commands, flags: [...program.options.map(flagSpec), HELP] };
}
