// `compositeapp validate`: the API's schema and cross-field rules, without a cluster.
import { Command } from "commander";
import { filenameOption } from "./flags.js";
import { loadCompositeApps } from "./input.js";
import { CliError, type CliIO } from "./io.js";

export function validateCommand(io: CliIO): Command {
  return new Command("validate")
    .description(
      "Check CompositeApps against the API's schema and cross-field rules; exits 1 with every problem found.",
    )
    .addOption(filenameOption())
    .addHelpText("after", "\nExample:\n  compositeapp validate -f examples/\n")
    .action((opts: { filename: string[] }) => {
      const { apps, skipped, errors, warnings } = loadCompositeApps(opts.filename, () => io.readStdin());
      for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
      if (errors.length > 0) throw new CliError(errors);
      for (const { source } of apps) io.stdout.write(`${source}: valid\n`);
      for (const what of skipped) io.stdout.write(`${what}: skipped, not a CompositeApp\n`);
    });
}
