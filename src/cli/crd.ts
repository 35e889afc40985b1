// `compositeapp crd`: the CustomResourceDefinition, for `kubectl apply --server-side -f -` (too large for the annotation client-side apply writes).
import { Command } from "commander";
import { crdManifestYaml, customResourceDefinition } from "../api/crd.js";
import { outputOption } from "./flags.js";
import type { CliIO } from "./io.js";
import { formatObjects, type OutputFormat } from "./output.js";

export function crdCommand(io: CliIO): Command {
  return new Command("crd")
    .description("Print the CustomResourceDefinition of the CompositeApp API (kubectl apply --server-side -f -).")
    .addOption(outputOption())
    .action((opts: { output: OutputFormat }) => {
      io.stdout.write(
        opts.output === "yaml" ? crdManifestYaml() : formatObjects([customResourceDefinition()], opts.output),
      );
    });
}
