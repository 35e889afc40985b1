// The completion scripts of bash, zsh and fish, each generated from the program's description
// (completion-spec.ts): static tables, so that a TAB runs no Node.js process.
import type { CommandSpec, FlagSpec, ProgramSpec } from "./completion-spec.js";

const names = (flag: FlagSpec): string[] => [flag.short, flag.long].filter((n) => n !== undefined);
const flagWords = (flags: FlagSpec[]): string => flags.flatMap(names).join(" ");
/** A function name: the program's name with what a shell identifier cannot hold made `_`. */
const ident = (spec: ProgramSpec): string => `_${spec.name.replace(/[^A-Za-z0-9_]/g, "_")}`;

/** The `case` patterns of a command's flags that take a value: `"render -o"|"render --output"`. */
const valueFlags = (command: CommandSpec): [string, FlagSpec][] =>
  command.flags
    .filter((f) => f.takesValue)
    .map((f) => [
      names(f)
        .map((n) => `"${command.name} ${n}"`)
        .join("|"),
      f,
    ]);

function bashValueAction(flag: FlagSpec, fn: string): string {
  if (flag.values) return `${fn}_reply < <(compgen -W "${flag.values.join(" ")}" -- "$3")`;
  return `compopt -o filenames 2>/dev/null; ${fn}_reply < <(compgen -f -- "$3")`;
}

function bashCommandCase(command: CommandSpec, fn: string): string {
  const flags = `${fn}_reply < <(compgen -W "${flagWords(command.flags)}" -- "$cur")`;
  const args = command.args
    ? `if [[ $cur != -* ]] && ((nargs == 0)); then ${fn}_reply < <(compgen -W "${command.args.join(" ")}" -- "$cur"); else ${flags}; fi`
    : flags;
  return `    ${command.name}) ${args} ;;`;
}

/** bash 3.2 and later (macOS's too): no associative arrays, no mapfile. */
export function bashScript(spec: ProgramSpec): string {
  const fn = ident(spec);
  const flags = spec.commands.flatMap(valueFlags);
  return `# bash completion for ${spec.name}: source <(${spec.name} completion bash)
${fn}_reply() {
  COMPREPLY=()
  local line
  while IFS= read -r line; do COMPREPLY+=("$line"); done
}

# Whether flag $2 of command $1 takes a value (the next word).
${fn}_takes_value() {
  case "$1 $2" in
    ${flags.map(([pattern]) => pattern).join("|") || '""'}) return 0 ;;
    *) return 1 ;;
  esac
}

# Completes the value of flag $2 of command $1 from the word $3: its values, a file name, or
# nothing (a free value); fails when the flag takes no value.
${fn}_value() {
  case "$1 $2" in
${flags
  .filter(([, flag]) => flag.values || flag.file)
  .map(([pattern, flag]) => `    ${pattern}) ${bashValueAction(flag, fn)} ;;`)
  .join("\n")}
    *) COMPREPLY=(); ${fn}_takes_value "$1" "$2" ;;
  esac
}

${fn}() {
  local cword=$COMP_CWORD cur="\${COMP_WORDS[COMP_CWORD]}" prev=""
  # --flag=value: bash splits the word at "=", which is then a word of its own.
  if [[ $cur == "=" ]]; then
    cur="" prev="\${COMP_WORDS[cword - 1]}"
  elif ((cword > 1)) && [[ \${COMP_WORDS[cword - 1]} == "=" ]]; then
    prev="\${COMP_WORDS[cword - 2]}"
  elif ((cword > 0)); then
    prev="\${COMP_WORDS[cword - 1]}"
  fi
  local command="" nargs=0 i word
  for ((i = 1; i < cword; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ -z $command ]]; then
      [[ $word == -* ]] || command="$word"
    elif [[ $word == -* ]]; then
      if ${fn}_takes_value "$command" "$word"; then
        i=$((i + 1))
        [[ \${COMP_WORDS[i]} == "=" ]] && i=$((i + 1))
      fi
    else
      nargs=$((nargs + 1))
    fi
  done
  if [[ -n $command && $prev == -* ]] && ${fn}_value "$command" "$prev" "$cur"; then
    return 0
  fi
  case "$command" in
    "") if [[ $cur == -* ]]; then ${fn}_reply < <(compgen -W "${flagWords(spec.flags)}" -- "$cur"); else ${fn}_reply < <(compgen -W "${spec.commands.map((c) => c.name).join(" ")}" -- "$cur"); fi ;;
${spec.commands.map((c) => bashCommandCase(c, fn)).join("\n")}
    *) COMPREPLY=() ;;
  esac
}

complete -F ${fn} ${spec.name}
`;
}

/** Text inside a zsh single-quoted word, and inside an `_arguments` description (`[...]`). */
const zshQuote = (text: string): string => text.replaceAll("'", "'\\''");
const zshDescription = (text: string): string => zshQuote(text.replace(/[[\]:\\]/g, (c) => `\\${c}`));

function zshFlag(flag: FlagSpec): string {
  const all = names(flag);
  // A long flag's value may follow in the next word or after `=` (`--output=json`).
  const heads = all.map((n) => (flag.takesValue && n.startsWith("--") ? `${n}=` : n));
  const exclusive = flag.repeatable ? "*" : all.length > 1 ? `(${all.join(" ")})` : "";
  let action = "";
  if (flag.takesValue)
    action = flag.values ? `:value:(${flag.values.join(" ")})` : flag.file ? ":file:_files" : ":value: ";
  const description = `[${zshDescription(flag.description)}]${action}`;
  return heads.length > 1
    ? `'${exclusive}'{${heads.join(",")}}'${description}'`
    : `'${exclusive}${heads[0]}${description}'`;
}

function zshCommandCase(command: CommandSpec): string {
  const specs = command.flags.map(zshFlag);
  if (command.args) specs.push(`'1:${command.name === "help" ? "command" : "argument"}:(${command.args.join(" ")})'`);
  return `      ${command.name})\n        _arguments -s ${specs.join(" \\\n          ")}\n        ;;`;
}

/** A zsh completion function: `source <(...)` or a file `_NAME` on $fpath (compinit loads it). */
export function zshScript(spec: ProgramSpec): string {
  const fn = ident(spec);
  const described = spec.commands.map((c) => `    '${c.name}:${zshQuote(c.description.replaceAll(":", "\\:"))}'`);
  return `#compdef ${spec.name}
# zsh completion for ${spec.name}: source <(${spec.name} completion zsh)

${fn}() {
  local -a commands
  commands=(
${described.join("\n")}
  )
  local curcontext="$curcontext" state line
  _arguments -C \\
    ${spec.flags.map(zshFlag).join(" \\\n    ")} \\
    '1: :->command' \\
    '*:: :->arguments'
  case $state in
    command) _describe -t commands '${spec.name} command' commands ;;
    arguments)
      case $words[1] in
${spec.commands.map(zshCommandCase).join("\n")}
      esac
      ;;
  esac
}

# Autoloaded from $fpath, the file is the function's body: complete now; sourced, register.
if [[ "$funcstack[1]" == "${fn}" ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${spec.name}
fi
`;
}

/** Text inside a fish single-quoted word. */
const fishQuote = (text: string): string => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

function fishFlag(program: string, condition: string, flag: FlagSpec): string {
  const parts = [`complete -c ${program} -n ${fishQuote(condition)}`];
  if (flag.short) parts.push(`-s ${flag.short.slice(1)}`);
  if (flag.long) parts.push(`-l ${flag.long.slice(2)}`);
  if (flag.takesValue) parts.push(flag.file ? "-r -F" : "-x");
  if (flag.values) parts.push(`-a ${fishQuote(flag.values.join(" "))}`);
  parts.push(`-d ${fishQuote(flag.description)}`);
  return parts.join(" ");
}

/** fish: `... completion fish | source`, or a file in ~/.config/fish/completions. */
export function fishScript(spec: ProgramSpec): string {
  const top = "__fish_use_subcommand";
  const lines = [
    `# fish completion for ${spec.name}: ${spec.name} completion fish | source`,
    `complete -c ${spec.name} -f`,
    ...spec.flags.map((f) => fishFlag(spec.name, top, f)),
    ...spec.commands.map((c) => `complete -c ${spec.name} -n ${top} -a ${c.name} -d ${fishQuote(c.description)}`),
  ];
  for (const command of spec.commands) {
    const within = `__fish_seen_subcommand_from ${command.name}`;
    lines.push(...command.flags.map((f) => fishFlag(spec.name, within, f)));
    if (command.args) {
      lines.push(`complete -c ${spec.name} -n ${fishQuote(within)} -a ${fishQuote(command.args.join(" "))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
