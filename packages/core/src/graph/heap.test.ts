import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./heap.ts";

describe("the event queue", () => {
  it("takes entries by time, then asset index, as a plain sort would", () => {
    const step = fc.oneof(
      fc.record({ push: fc.constantFrom(0, 0, 0, 1, 2.5), asset: fc.nat(40) }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const queue = new EventQueue();
        const plain: [number, number][] = [];
        let last = 0;
        const take = () => {
          plain.sort(([t1, a1], [t2, a2]) => t1 - t2 || a1 - a2);
          const [time, asset] = plain.shift() ?? [last, -1];
          expect(queue.pop()).toBe(asset);
          if (asset >= 0) expect(queue.time).toBe(time);
          last = time;
        };
        for (const s of steps) {
          if (s === null) take();
          else {
            // Never earlier than the entry taken last, as in a cascade.
            queue.push(last + s.push, s.asset);
            plain.push([last + s.push, s.asset]);
          }
        }
        while (plain.length > 0) take();
        expect(queue.pop()).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });
});
