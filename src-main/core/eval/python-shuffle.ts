// Python's random.Random(seed).shuffle, bit for bit (MT19937, init_by_array seeding), so splits match gensim_anchor.py.

/** Mersenne Twister MT19937 seeded as CPython seeds `random.Random(n)` for a non-negative integer n. */
export class PythonRandom {
  private readonly mt = new Uint32Array(624)
  private index = 624

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`PythonRandom needs a non-negative whole seed, got ${seed}`)
    }
    // CPython splits abs(seed) into 32-bit words, least significant first (at least one word).
    const key: number[] = []
    let rest = seed
    do {
      key.push(rest % 0x100000000)
      rest = Math.floor(rest / 0x100000000)
    } while (rest > 0)
    this.initByArray(key)
  }

  /** `genrand_uint32`: the next 32-bit output. */
  nextU32(): number {
    const mt = this.mt
    if (this.index >= 624) {
      for (let i = 0; i < 624; i++) {
        const y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff)
        mt[i] = mt[(i + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)
      }
      this.index = 0
    }
    let y = mt[this.index++]
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** `getrandbits(k)` for 1 ≤ k ≤ 32. */
  getrandbits(k: number): number {
    return this.nextU32() >>> (32 - k)
  }

  /** `_randbelow(n)`: uniform in 0..n-1 by rejection on `n.bit_length()` bits (n ≤ 2^32). */
  randbelow(n: number): number {
    const k = 32 - Math.clz32(n)
    let r = this.getrandbits(k)
    while (r >= n) r = this.getrandbits(k)
    return r
  }

  /** `random.shuffle(x)` in place (Python 3.11+: Fisher–Yates from the end with `_randbelow`). */
  shuffle<T>(x: T[]): T[] {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1)
      const t = x[i]
      x[i] = x[j]
      x[j] = t
    }
    return x
  }

  private initGenrand(s: number): void {
    const mt = this.mt
    mt[0] = s >>> 0
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30)
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0
    }
    this.index = 624
  }

  private initByArray(key: number[]): void {
    const mt = this.mt
    this.initGenrand(19650218)
    let i = 1
    let j = 0
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30)
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0
      i++
      j++
      if (i >= 624) {
        mt[0] = mt[623]
        i = 1
      }
      if (j >= key.length) j = 0
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30)
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0
      i++
      if (i >= 624) {
        mt[0] = mt[623]
        i = 1
      }
    }
    mt[0] = 0x80000000
  }
}
