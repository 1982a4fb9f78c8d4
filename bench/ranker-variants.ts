// Chooses the ranker's training recipe on the validation split only: generators fitted on the fit playlists, scorers trained on 70 % of the validation playlists' queries and measured on the other 30 %: npx tsx bench/ranker-variants.ts
import { leaveOneOutQueries } from '../src-main/core/eval/queries'
import {
  EASE_DISTANCE_POWER,
  EASE_GRAM,
  EASE_LAMBDA,
} from '../src-main/core/recommend/baselines/ease'
import { FEATURE_COUNT, RankerGenerators } from '../src-main/core/recommend/ranker/generators'
import { fitLogistic, logit, type LogisticModel } from '../src-main/core/recommend/ranker/logistic'
import { topK } from '../src-main/core/recommend/top-k'
import { createSharedModels } from '../src-main/core/recommend/types'
import { validationSplit } from './tune'

interface Q {
  playlist: number
  target: number
  ids: number[]
  x: Float32Array
}

const { fit, val, songs } = await validationSplit('resources/dataset/yes/yes_big')
const ctx = { songs, seed: 123, window: 10, shared: createSharedModels() }
const gens = await RankerGenerators.fit(fit, ctx, {
  lambda: EASE_LAMBDA,
  gram: EASE_GRAM,
  distancePower: EASE_DISTANCE_POWER,
  window: 10,
})
const qs: Q[] = []
for (const [pi, p] of val.entries())
  for (const q of leaveOneOutQueries(p, 10)) {
    const c = await gens.candidates(q.context, q.slot)
    qs.push({ playlist: pi, target: q.target, ids: c.ids, x: c.x })
  }
const cut = Math.round(val.length * 0.7)
const trainQ = qs.filter((q) => q.playlist < cut)
const testQ = qs.filter((q) => q.playlist >= cut)

/** AHR@25 over the test playlists with `score(q, k)`. */
function ahr(score: (q: Q, k: number) => number): number {
  const per = new Map<number, { hits: number; n: number }>()
  for (const q of testQ) {
    const s = q.ids.map((_, k) => score(q, k))
    const top = topK(s, 25).ids.map((k) => q.ids[k])
    const e = per.get(q.playlist) ?? { hits: 0, n: 0 }
    e.n++
    if (top.includes(q.target)) e.hits++
    per.set(q.playlist, e)
  }
  let t = 0
  for (const e of per.values()) t += e.hits / e.n
  return t / per.size
}
const inServed = (q: Q, k: number): boolean => q.x[k * FEATURE_COUNT] > 0
const row = (x: Float32Array, k: number): Float32Array =>
  x.subarray(k * FEATURE_COUNT, (k + 1) * FEATURE_COUNT)
/** Negatives of a query: the `hard` best by any generator's rank features, plus `random` others. */
function negatives(
  q: Q,
  pos: number,
  hard: number,
  random: number,
  rng: () => number,
  servedOnly = false,
): number[] {
  const byServed = q.ids
    .map((_, k) => k)
    .sort((a, b) => q.x[b * FEATURE_COUNT] - q.x[a * FEATURE_COUNT])
  const out = new Set<number>()
  for (const k of byServed) {
    if (out.size >= hard) break
    if (k !== pos) out.add(k)
  }
  let guard = 0
  while (out.size < hard + random && guard++ < 1000) {
    const k = Math.floor(rng() * q.ids.length)
    if (k !== pos && (!servedOnly || inServed(q, k))) out.add(k)
  }
  return [...out]
}
function train(
  mode: 'point' | 'pair',
  hard: number,
  random: number,
  l2 = 1e-4,
  servedOnly = false,
): LogisticModel {
  let s = 7
  const rng = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
  const xs: number[] = []
  const ys: number[] = []
  for (const q of trainQ) {
    const pos = q.ids.indexOf(q.target)
    if (pos < 0 || (servedOnly && !inServed(q, pos))) continue
    const negs = negatives(q, pos, hard, random, rng, servedOnly)
    const xp = row(q.x, pos)
    if (mode === 'point') {
      xs.push(...xp)
      ys.push(1)
      for (const k of negs) {
        xs.push(...row(q.x, k))
        ys.push(0)
      }
    } else {
      for (const [i, k] of negs.entries()) {
        const xn = row(q.x, k)
        const sign = i % 2 === 0 ? 1 : -1
        for (let d = 0; d < FEATURE_COUNT; d++) xs.push(sign * (xp[d] - xn[d]))
        ys.push(sign > 0 ? 1 : 0)
      }
    }
  }
  return fitLogistic(Float32Array.from(xs), Uint8Array.from(ys), FEATURE_COUNT, { l2 })
}
console.log(`validation queries: ${trainQ.length} train, ${testQ.length} test`)
console.log(`served alone: ${ahr((q, k) => q.x[k * FEATURE_COUNT]).toFixed(4)}`)
console.log(`ease alone: ${ahr((q, k) => q.x[k * FEATURE_COUNT + 3]).toFixed(4)}`)
for (const [mode, hard, random] of [
  ['point', 0, 30],
  ['point', 30, 10],
  ['point', 60, 0],
  ['pair', 0, 30],
  ['pair', 30, 10],
  ['pair', 60, 10],
] as const) {
  const m = train(mode, hard, random)
  console.log(
    `${mode} hard ${hard} random ${random}: ${ahr((q, k) => logit(m, q.x, k * FEATURE_COUNT)).toFixed(4)}`,
  )
}
await gens.dispose()
