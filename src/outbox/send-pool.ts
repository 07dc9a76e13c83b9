// The sends one dispatcher run has in flight. A slot is held by one send only: when any send
// finishes, its slot can take the next due head at once, so a hung ERP (a send waiting out its
// whole timeout) occupies its own slots and nothing else. Rules a new send must pass: never two
// sends of one lane (per-lane FIFO), at most `perTarget` of one target (so a hung target leaves
// slots for the others), at most `total` in all.
import type { PostingRow } from '../store/outbox-store.js';

const laneOf = (p: PostingRow) => JSON.stringify([p.target, p.productionOrder]);

export class SendPool {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perTargetCount = new Map<string, number>();

  constructor(
    private readonly total: number,
    private readonly perTarget: number,
  ) {}

  get size(): number {
    return this.inFlight.size;
  }

  get free(): number {
    return Math.max(0, this.total - this.inFlight.size);
  }

  /** Sends of `target` in flight. */
  countFor(target: string): number {
    return this.perTargetCount.get(target) ?? 0;
  }

  hasRoomFor(target: string): boolean {
    return this.free > 0 && (this.perTargetCount.get(target) ?? 0) < this.perTarget;
  }

  /** Whether `head` may start now: a slot is free, its target has room, its lane is idle. */
  accepts(head: PostingRow): boolean {
    return this.hasRoomFor(head.target) && !this.inFlight.has(laneOf(head));
  }

  /** Holds a slot for `head` until `send` settles (it must not reject: the caller catches). */
  start(head: PostingRow, send: Promise<void>): void {
    const lane = laneOf(head);
    this.perTargetCount.set(head.target, (this.perTargetCount.get(head.target) ?? 0) + 1);
    this.inFlight.set(
      lane,
      send.finally(() => {
        this.inFlight.delete(lane);
        this.perTargetCount.set(head.target, (this.perTargetCount.get(head.target) ?? 1) - 1);
      }),
    );
  }

  /** Resolves when any send in flight has finished (at once when none is). */
  async next(): Promise<void> {
    if (this.inFlight.size) await Promise.race(this.inFlight.values());
  }
}
