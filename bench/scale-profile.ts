// Where the CPU goes while each way of the scale benchmark creates its Pods: the CPU seconds of every
// control-plane process on this machine (found by name in /proc), the operator and the benchmark itself,
// between two snapshots, with wall time × cores as the ceiling.
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { processCpuSeconds } from "./scale-support.js";

/** The processes profiled, by the basename of their executable (argv[0]); kwok is KWOK's controller. */
const CONTROL_PLANE = ["kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler", "kwok"] as const;
const ROWS = [...CONTROL_PLANE, "operator", "benchmark"] as const;
type Row = (typeof ROWS)[number];

export interface CpuSnapshot {
  at: number;
  /** CPU seconds so far of each process found; a process absent has no entry. */
  seconds: Partial<Record<Row, number>>;
}

/** A window: CPU seconds each process spent in it, and the wall time. */
export interface CpuWindow {
  wallSeconds: number;
  seconds: Partial<Record<Row, number>>;
}

/** PIDs by executable basename, from /proc/PID/cmdline; processes that vanish mid-scan are skipped. */
function pidsByName(): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0")[0] ?? "";
      const name = basename(argv0);
      if ((CONTROL_PLANE as readonly string[]).includes(name)) found.set(name, [...(found.get(name) ?? []), +entry]);
    } catch {
      // gone already
    }
  }
  return found;
}

const cpuOf = (pid: number): number | undefined => {
  try {
    return processCpuSeconds(pid);
  } catch {
    return undefined;
  }
};

/** CPU seconds of every profiled process now; `operatorPid` when the operator runs. */
export function cpuSnapshot(operatorPid?: number): CpuSnapshot {
  const seconds: CpuSnapshot["seconds"] = {};
  for (const [name, pids] of pidsByName()) {
    const all = pids.map(cpuOf).filter((s) => s !== undefined);
    if (all.length > 0) seconds[name as Row] = all.reduce((a, b) => a + b, 0);
  }
  const operator = operatorPid === undefined ? undefined : cpuOf(operatorPid);
  if (operator !== undefined) seconds.operator = operator;
  seconds.benchmark = cpuOf(process.pid);
  return { at: performance.now(), seconds };
}

/** What each process spent between two snapshots; a process missing from either is absent. */
export function cpuBetween(from: CpuSnapshot, to: CpuSnapshot): CpuWindow {
  const seconds: CpuWindow["seconds"] = {};
  for (const row of ROWS) {
    const a = from.seconds[row];
    const b = to.seconds[row];
    if (a !== undefined && b !== undefined) seconds[row] = b - a;
  }
  return { wallSeconds: (to.at - from.at) / 1000, seconds };
}

/** A way's windows: from its first create to all Pods created and, with KWOK nodes, to all Ready. */
export interface WayCpu {
  created: CpuWindow;
  ready?: CpuWindow;
}

/** The markdown table: one row per process, one column per way ("created / ready" with KWOK nodes). */
export function cpuTable(ways: Array<[string, WayCpu | undefined]>, withReady: boolean): string[] {
  const cores = availableParallelism();
  const s = (x: number | undefined) => (x === undefined ? "—" : x.toFixed(1));
  const cell = (w: WayCpu | undefined, pick: (c: CpuWindow) => number | undefined) => {
    if (!w) return "not run";
    return withReady ? `${s(pick(w.created))} / ${w.ready ? s(pick(w.ready)) : "—"}` : s(pick(w.created));
  };
  const total = (c: CpuWindow) => Object.values(c.seconds).reduce((a, b) => a + b, 0);
  const row = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(15))).join(" | ")} |`;
  return [
    `CPU seconds during creation (from the first create to all Pods created${withReady ? " / to all Pods Ready" : ""}; ${cores} cores):`,
    row(["process", ...ways.map(([name]) => name)]),
    row(["---", ...ways.map(() => "---:")]),
    ...ROWS.map((name) => row([name, ...ways.map(([, w]) => cell(w, (c) => c.seconds[name]))])),
    row(["all of the above", ...ways.map(([, w]) => cell(w, total))]),
    row([`wall time × ${cores} cores`, ...ways.map(([, w]) => cell(w, (c) => c.wallSeconds * cores))]),
  ];
}
