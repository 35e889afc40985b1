// `compositeapp completion bash|zsh|fish`: a shell completion script, as `kubectl completion`
// prints one. The scripts are generated from the program's own commands and flags (commander's
// tree), so a flag added to a command completes without an edit here; they complete commands,
// flags, the values of flags that list them (`-o yaml|json|name`) and file names where a flag
// takes a file.
import { Argument, Command } from "commander";
import { bashScript, fishScript, zshScript } from "./completion-scripts.js";
import { describeProgram, type ProgramSpec } from "./completion-spec.js";
import type { CliIO } from "./io.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const SCRIPTS: Record<Shell, (spec: ProgramSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export function completionCommand(io: CliIO): Command {
  return new Command("completion")
    .description("Print a shell completion script for bash, zsh or fish (like `kubectl completion`).")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(SHELLS))
    .addHelpText(
      "after",
      [
        "",
        "Load it in the current shell:",
        "  source <(compositeapp completion bash)",
        "  source <(compositeapp completion zsh)",
        "  compositeapp completion fish | source",
        "",
        "Or for every new shell:",
        "  compositeapp completion bash > /etc/bash_completion.d/compositeapp",
        '  compositeapp completion zsh > "${fpath[1]}/_compositeapp"',
        "  compositeapp completion fish > ~/.config/fish/completions/compositeapp.fish",
        "",
      ].join("\n"),
    )
    .action((shell: Shell, _options: unknown, command: Command) => {
      io.stdout.write(SCRIPTS[shell](describeProgram(command.parent ?? command)));
    });
}
