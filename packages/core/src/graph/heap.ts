// A binary min-heap of (time, asset) on typed arrays; ties go to the lower asset index, so every
// run gives the same order. Stale entries are skipped by the caller (lazy deletion).
export class EventHeap {
  private times: Float64Array;
  private items: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(Math.max(capacity, 16));
    this.items = new Int32Array(Math.max(capacity, 16));
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a] ?? 0;
    const tb = this.times[b] ?? 0;
    return ta < tb || (ta === tb && (this.items[a] ?? 0) < (this.items[b] ?? 0));
  }

  private swap(a: number, b: number): void {
    const t = this.times[a] ?? 0;
    this.times[a] = this.times[b] ?? 0;
    this.times[b] = t;
    const i = this.items[a] ?? 0;
    this.items[a] = this.items[b] ?? 0;
    this.items[b] = i;
  }

  push(time: number, item: number): void {
    if (this.count === this.times.length) {
      const times = new Float64Array(this.count * 2);
      times.set(this.times);
      this.times = times;
      const items = new Int32Array(this.count * 2);
      items.set(this.items);
      this.items = items;
    }
    let at = this.count++;
    this.times[at] = time;
    this.items[at] = item;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  /** The earliest time (call only when size > 0). */
  peekTime(): number {
    return this.times[0] ?? 0;
  }

  /** Remove the earliest entry and return its asset. */
  pop(): number {
    const top = this.items[0] ?? 0;
    this.count -= 1;
    if (this.count > 0) {
      this.times[0] = this.times[this.count] ?? 0;
      this.items[0] = this.items[this.count] ?? 0;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= this.count) break;
        const right = left + 1;
        const child = right < this.count && this.less(right, left) ? right : left;
        if (!this.less(child, at)) break;
        this.swap(child, at);
        at = child;
      }
    }
    return top;
  }
}
