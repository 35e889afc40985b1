// Preset commands run under a tiny shell wrapper: PID 1 in a container ignores SIGTERM unless it
// installs a handler, so without the trap every Pod deletion would wait out its grace period.
export function supervised(script: string): string[] {
  return ["sh", "-c", `trap 'exit 0' TERM INT\n${script} &\nwait $!`];
}

/** Quotes a value for a POSIX shell. */
export const shq = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

export const joinPath = (dir: string, file: string): string =>
  file.startsWith("/") ? file : `${dir.replace(/\/+$/, "")}/${file}`;
