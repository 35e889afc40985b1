// The keys waiting in a work queue, in two lanes: a key in the normal lane is always handed out before
// any in the low one, and each lane is first in, first out. As controller-runtime's priority queue: what
// a watch event reports (an app created or changed, a Pod of it changed) goes ahead of what only looks
// again (a requeue after a delay, a resync, the initial list after a restart).

export type Priority = "normal" | "low";

/** True when `a` goes ahead of `b`. */
export const outranks = (a: Priority, b: Priority): boolean => a === "normal" && b === "low";

/** A FIFO of keys that may hold stale entries (keys that moved lanes), skipped by the lanes. */
class Fifo {
  private items: string[] = [];
  private head = 0;

  push(key: string): void {
    this.items.push(key);
  }

  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

export class PriorityLanes {
  private readonly lanes: Record<Priority, Fifo> = { normal: new Fifo(), low: new Fifo() };
  /** The lane each waiting key is in: an entry of the key in the other lane is stale. */
  private readonly laneOf = new Map<string, Priority>();
  private readonly counts: Record<Priority, number> = { normal: 0, low: 0 };

  /** Queues the key; a key already waiting in the low lane moves to the normal one, never back. */
  push(key: string, priority: Priority): void {
    const current = this.laneOf.get(key);
    if (current !== undefined && !outranks(priority, current)) return;
    if (current !== undefined) this.counts[current]--;
    this.laneOf.set(key, priority);
    this.counts[priority]++;
    this.lanes[priority].push(key);
  }

  /** The next key: the normal lane's first, else the low lane's. */
  shift(): string | undefined {
    for (const priority of ["normal", "low"] as const) {
      for (let key = this.lanes[priority].shift(); key !== undefined; key = this.lanes[priority].shift()) {
        if (this.laneOf.get(key) !== priority) continue; // moved to the other lane
        this.laneOf.delete(key);
        this.counts[priority]--;
        return key;
      }
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.laneOf.has(key);
  }

  /** Keys waiting, in both lanes or in one. */
  size(priority?: Priority): number {
    return priority ? this.counts[priority] : this.counts.normal + this.counts.low;
  }

  clear(): void {
    for (const lane of Object.values(this.lanes)) lane.clear();
    this.laneOf.clear();
    this.counts.normal = this.counts.low = 0;
  }
}
