// A reflector keeps a sink in step with one resource on the API server, after client-go's
// tools/cache/reflector.go: a paginated list (a consistent read, never resourceVersion=0), then a watch
// from the list's resourceVersion with bookmarks and a server-side timeout; a clean end re-watches from the
// last resourceVersion seen; 410 Gone relists (a continue token that expired mid-list too); any other
// failure retries with jittered exponential back-off; a watchdog restarts a watch that went silent.
import type { Logger } from "pino";
import {
  ApiError,
  isGone,
  type ApiClient,
  type KubeObject,
  type Resource,
  type WatchEventType,
  type WatchHandle,
  type WatchOptions,
} from "../kube/api.js";
import { Backoff, type BackoffOptions } from "./backoff.js";
import { systemClock, type Clock, type TimerHandle } from "./clock.js";

/** Where a reflector delivers what it learns. */
export interface ReflectorSink<T> {
  /** The complete content after a (re)list. */
  replace(items: T[], resourceVersion: string): void;
  /** One watch event. */
  apply(type: "ADDED" | "MODIFIED" | "DELETED", obj: T): void;
}

export interface ReflectorOptions<T = KubeObject> {
  client: ApiClient;
  resource: Resource;
  /** One namespace, or undefined/"" for all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  logger: Logger;
  /** Page size of lists. Default 500. */
  pageSize?: number;
  /** Server-side timeout of each watch. Default: random 300–600 s, a fresh draw per watch. */
  watchTimeoutSeconds?: () => number;
  /** A watch with no event (bookmarks count) for this long is aborted and restarted. Default 5 min. */
  watchdogMs?: number;
  /** Back-off between failed attempts. Default 0.8 s → 30 s, reset after 2 min without failure. */
  backoff?: BackoffOptions;
  /** A watch that ends cleanly sooner than this without any event counts as a failure. Default 1 s. */
  minWatchMs?: number;
  /**
   * Applied to every listed or watched object as it arrives, before anything keeps it: a list page's raw
   * objects are garbage as soon as the page is read, not after the last page. Default: the object as is.
   */
  transform?: (obj: T) => T;
  /** For tests: the random source of back-off jitter. */
  random?: () => number;
  /** For tests: the time source of back-off, watchdog and sleeps. Default the system clock. */
  clock?: Clock;
}

type WatchOutcome = "ended" | "short" | "watchdog" | "stopped";

/** Client-go's choice: spread watch timeouts so watchers do not all reconnect at once. */
export const randomWatchTimeoutSeconds = (): number => 300 + Math.floor(Math.random() * 301);

export class Reflector<T extends KubeObject> {
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly clock: Clock;
  private resourceVersion = "";
  private listing = false;
  private stopped = false;
  private running: Promise<void> | undefined;
  private abortWatch: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly opts: ReflectorOptions<T>,
    private readonly sink: ReflectorSink<T>,
  ) {
    this.log = opts.logger.child({ resource: describe(opts) });
    this.clock = opts.clock ?? systemClock;
    this.backoff = new Backoff(opts.backoff, opts.random, () => this.clock.now());
  }

  /** The resourceVersion of the last list or event seen ("" before the first list). */
  get lastResourceVersion(): string {
    return this.resourceVersion;
  }

  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop();
  }

  /**
   * Ends the current watch or wait and resolves once the loop has returned. A list request in flight is
   * cancelled and not waited for.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.abortWatch?.();
    this.wake?.();
    if (!this.listing) await this.running;
  }

  private async loop(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          this.listing = true;
          await this.listAndReplace().finally(() => (this.listing = false));
          needList = false;
        }
        const outcome = await this.watchOnce();
        if (outcome === "short") {
          const delayMs = this.backoff.next();
          this.log.warn({ delayMs }, "watch ended at once without events; backing off");
          await this.sleep(delayMs);
        }
      } catch (err) {
        if (this.stopped) break;
        const delayMs = this.backoff.next();
        if (isGone(err)) {
          needList = true;
          this.log.info({ resourceVersion: this.resourceVersion, delayMs }, "resourceVersion too old (410), relisting");
        } else {
          this.log.warn({ err, why: reasonOf(err), delayMs, needList }, "list/watch failed; retrying");
        }
        await this.sleep(delayMs);
      }
    }
  }

  private async listAndReplace(): Promise<void> {
    const { client, resource, namespace, labelSelector, fieldSelector } = this.opts;
    // Every list, the first included, is a consistent read without a resourceVersion, in pages. Unlike
    // client-go's first list we never send resourceVersion=0: the watch cache answers it in one body
    // whatever the limit (Kubernetes 1.33 at least), so 10,000 full Pods would arrive as one ~50 MB string
    // and one JSON.parse before `transform` could trim a single one. Pages of 500 are read from etcd.
    const items: T[] = [];
    let next: string | undefined;
    let listRv: string;
    let pages = 0;
    do {
      const page = await client.list<T>(
        resource,
        {
          namespace,
          labelSelector,
          fieldSelector,
          limit: this.opts.pageSize ?? 500,
          continue: next,
        },
        { signal: this.stopping.signal },
      );
      if (this.stopped) return;
      const { transform } = this.opts;
      for (const item of page.items) items.push(transform ? transform(item) : item);
      listRv = page.resourceVersion;
      next = page.continue;
      pages++;
    } while (next);
    this.resourceVersion = listRv;
    this.log.debug({ items: items.length, pages, resourceVersion: listRv }, "listed");
    this.sink.replace(items, listRv);
  }

  private async watchOnce(): Promise<WatchOutcome> {
    const { client, resource, namespace, labelSelector, fieldSelector } = this.opts;
    const watchdogMs = this.opts.watchdogMs ?? 300_000;
    const { clock } = this;
    const run = { startedAt: clock.now(), events: 0, silent: false, failure: undefined as Error | undefined };
    const current: { handle?: WatchHandle } = {};
    let watchdog: TimerHandle | undefined;
    const armWatchdog = (): void => {
      clock.clearTimeout(watchdog);
      watchdog = clock.setTimeout(() => {
        run.silent = true;
        current.handle?.abort();
      }, watchdogMs);
    };
    armWatchdog();
    const options: WatchOptions = {
      namespace,
      labelSelector,
      fieldSelector,
      resourceVersion: this.resourceVersion,
      timeoutSeconds: (this.opts.watchTimeoutSeconds ?? randomWatchTimeoutSeconds)(),
      allowWatchBookmarks: true,
    };
    const handle = client.watch<T>(resource, options, (type, obj) => {
      if (run.failure || this.stopped) return;
      run.events++;
      armWatchdog();
      run.failure = this.onWatchEvent(type, obj);
      if (run.failure) current.handle?.abort();
    });
    current.handle = handle;
    if (run.failure || run.silent) handle.abort();
    this.abortWatch = () => handle.abort();
    try {
      await handle.done;
    } finally {
      clock.clearTimeout(watchdog);
      this.abortWatch = undefined;
    }
    return this.outcome(run, watchdogMs);
  }

  private outcome(
    run: { startedAt: number; events: number; silent: boolean; failure: Error | undefined },
    watchdogMs: number,
  ): WatchOutcome {
    const { failure, silent, events, startedAt } = run;
    if (failure) throw failure;
    if (this.stopped) return "stopped";
    if (silent) {
      this.log.warn({ watchdogMs, resourceVersion: this.resourceVersion }, "watch silent too long, restarting it");
      return "watchdog";
    }
    if (events === 0 && this.clock.now() - startedAt < (this.opts.minWatchMs ?? 1000)) return "short";
    this.log.debug({ events, resourceVersion: this.resourceVersion }, "watch ended, resuming");
    return "ended";
  }

  /** Applies one event; returns the error that must end the watch, if any. */
  private onWatchEvent(type: WatchEventType, obj: T): Error | undefined {
    if (type === "ERROR") return statusError(obj);
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (type === "BOOKMARK") return undefined;
    this.sink.apply(type, this.opts.transform ? this.opts.transform(obj) : obj);
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.clock.clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function describe<T>(opts: ReflectorOptions<T>): string {
  const { group, version, plural } = opts.resource;
  return `${group ? `${group}/` : ""}${version}/${plural}`;
}

function reasonOf(why: unknown): string {
  if (why instanceof ApiError) return `${why.verb}: ${why.code} ${why.reason ?? ""} ${why.message}`.trim();
  if (why instanceof Error) return why.message;
  return String(why);
}

/** The ApiError carried by a watch ERROR event (a metav1.Status). */
function statusError(obj: unknown): ApiError {
  const status = (obj ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  const code = typeof status.code === "number" ? status.code : 500;
  const reason = typeof status.reason === "string" ? status.reason : undefined;
  const message = typeof status.message === "string" ? status.message : "watch ERROR event";
  return new ApiError(code, reason, message, "watch");
}
