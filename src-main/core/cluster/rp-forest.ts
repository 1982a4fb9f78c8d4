// Random-projection trees: split rows by random hyperplanes into small leaves of likely neighbours.
import type { Rng } from '../util/random'
import { dotRows } from './vectors'

/**
 * Builds one angular random-projection tree over the unit rows `data` (`n × dim`) and calls
 * `onLeaf(perm, start, end)` for each leaf: rows `perm[start..end)` share it. Each split takes two
 * random rows a, b of the node and separates rows by the side of the hyperplane through the
 * origin normal to a − b; a split that leaves one side empty is made at random instead.
 */
export function buildRpTree(
  data: Float32Array,
  n: number,
  dim: number,
  leafSize: number,
  rng: Rng,
  onLeaf: (perm: Int32Array, start: number, end: number) => void,
): void {
  const perm = new Int32Array(n)
  for (let i = 0; i < n; i++) perm[i] = i
  const normal = new Float32Array(dim)
  const side = new Uint8Array(n)
  const stack: number[] = [0, n]
  while (stack.length > 0) {
    const end = stack.pop() as number
    const start = stack.pop() as number
    const size = end - start
    if (size <= leafSize) {
      onLeaf(perm, start, end)
      continue
    }
    const a = perm[start + rng.nextInt(size)]
    let b = perm[start + rng.nextInt(size - 1)]
    if (b === a) b = perm[end - 1]
    for (let d = 0; d < dim; d++) normal[d] = data[a * dim + d] - data[b * dim + d]
    let left = 0
    for (let p = start; p < end; p++) {
      const m = dotRows(data, perm[p], normal, 0, dim)
      const s = m > 0 ? 1 : m < 0 ? 0 : rng.next() < 0.5 ? 1 : 0
      side[p - start] = s
      left += s
    }
    if (left === 0 || left === size) {
      left = 0
      for (let p = 0; p < size; p++) left += side[p] = rng.next() < 0.5 ? 1 : 0
      if (left === 0 || left === size) {
        for (let p = 0; p < size; p++) side[p] = p < size >> 1 ? 1 : 0
        left = size >> 1
      }
    }
    // Stable partition: side 1 first.
    const tmp = perm.slice(start, end)
    let l = start
    let r = start + left
    for (let p = 0; p < size; p++) {
      if (side[p]) perm[l++] = tmp[p]
      else perm[r++] = tmp[p]
    }
    stack.push(start + left, end, start, start + left)
  }
}
