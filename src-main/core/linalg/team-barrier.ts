// A reusable barrier for a fixed team of worker threads over a SharedArrayBuffer (Atomics.wait / notify).
import type { Team } from './spd-inverse'

/** The shared state of a barrier: [arrived, generation]. */
export function allocBarrier(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8))
}

/** Member `rank` of a team of `size` passing the barrier `state` (from {@link allocBarrier}). */
export function teamMember(state: Int32Array, rank: number, size: number): Team {
  return {
    rank,
    size,
    barrier(): void {
      const generation = Atomics.load(state, 1)
      if (Atomics.add(state, 0, 1) === size - 1) {
        Atomics.store(state, 0, 0)
        Atomics.add(state, 1, 1)
        Atomics.notify(state, 1)
      } else {
        while (Atomics.load(state, 1) === generation) Atomics.wait(state, 1, generation)
      }
    },
  }
}
