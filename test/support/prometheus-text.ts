// Reads the Prometheus text exposition format and answers the simple queries dashboards make of it,
// so a test can check that a query returns data from the running operator without a Prometheus.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescape = (v: string) => v.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/** The samples of an exposition; comments and blank lines skipped. Throws on a line it cannot read. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? "").matchAll(LABEL)) labels[key!] = unescape(value!);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The samples of `name` whose labels equal every matcher, as `name{k="v",...}` selects them. */
export function select(samples: Sample[], name: string, matchers: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.name === name && Object.entries(matchers).every(([k, v]) => s.labels[k] === v));
}

/** A series' identity: its labels, sorted. */
const seriesKey = (s: Sample) => JSON.stringify(Object.entries(s.labels).sort(([a], [b]) => a.localeCompare(b)));

/** One scrape: its samples and when it was taken (ms, any monotonic clock). */
export interface Scrape {
  samples: Sample[];
  at: number;
}

/** `sum(rate(name{matchers}[window])) by (by)`. */
export interface RateQuery {
  name: string;
  matchers: Record<string, string>;
  by: string;
}

/**
 * A query's answer from two scrapes, the window covering both: each counter's increase per second
 * (a series new in the later scrape counts from 0), summed per value of `by`.
 */
export function sumRateBy(earlier: Scrape, later: Scrape, { name, matchers, by }: RateQuery): Map<string, number> {
  const seconds = (later.at - earlier.at) / 1000;
  const before = new Map(select(earlier.samples, name, matchers).map((s) => [seriesKey(s), s.value]));
  const sums = new Map<string, number>();
  for (const s of select(later.samples, name, matchers)) {
    const start = before.get(seriesKey(s)) ?? 0;
    // A counter lower than before was reset: its whole value is the increase, as rate() reads it.
    const increase = s.value >= start ? s.value - start : s.value;
    const group = s.labels[by] ?? "";
    sums.set(group, (sums.get(group) ?? 0) + increase / seconds);
  }
  return sums;
}
