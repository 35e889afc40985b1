// Reads what the soak benchmark reports from the operator's Prometheus endpoint: its own process
// metrics (prom-client's defaults) and the API writes it has sent.

export interface Sample {
  /** Milliseconds since the churn started. */
  at: number;
  rss: number;
  heapUsed: number;
  handles: number;
  /** create, update, delete and patch requests sent so far. */
  writes: number;
}

const WRITE_VERBS = new Set(["create", "update", "delete", "patch"]);

/** Sums the values of one metric in Prometheus text format, over the series the filter accepts. */
export function sumOf(text: string, name: string, filter: (labels: string) => boolean = () => true): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m?.[1] === name && filter(m[2] ?? "")) sum += Number(m[3]);
  }
  return sum;
}

export async function readSample(url: string, at: number): Promise<Sample> {
  const text = await (await fetch(url)).text();
  return {
    at,
    rss: sumOf(text, "process_resident_memory_bytes"),
    heapUsed: sumOf(text, "nodejs_heap_size_used_bytes"),
    handles: sumOf(text, "nodejs_active_handles_total"),
    writes: sumOf(text, "compositeapp_api_requests_total", (labels) => {
      const verb = /verb="([^"]*)"/.exec(labels)?.[1];
      return verb !== undefined && WRITE_VERBS.has(verb);
    }),
  };
}

export const mean = (samples: Sample[], key: "rss" | "heapUsed" | "handles"): number =>
  samples.reduce((sum, s) => sum + s[key], 0) / samples.length;

export const growth = (start: number, end: number): string => {
  const pct = ((end - start) / start) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%`;
};
