// The Clusters view is never blank: an earlier model's clusters and map stand in (marked stale) until the new ones are written.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobInfo, ModelInfo } from '../../../../src-shared/contract'
import {
  computeClustersAndMap,
  readClusters,
  readMap,
  shownClusters,
  shownMap,
} from '../../../../src-main/core/app/clusters'
import { clusterHandlers } from '../../../../src-main/core/app/handlers/clusters'
import type { ClusterServices } from '../../../../src-main/core/app/handlers/services'
import type { JobContext } from '../../../../src-main/core/jobs/runner'
import { saveVectors } from '../../../../src-main/core/models/embedding-files'
import type { ModelRecord } from '../../../../src-main/core/models/registry'
import { plantedClusters } from '../cluster/planted'

const n = 240
const dim = 16
let root: string
let older: ModelRecord
let newer: ModelRecord

const info = (id: string): ModelInfo => ({ id, kind: 'als', songs: n }) as unknown as ModelInfo

async function writeModel(id: string, seed: number): Promise<ModelRecord> {
  const dir = join(root, id)
  const { vectors } = plantedClusters(n, dim, 6, 0.4, seed)
  await saveVectors(dir, {
    kind: 'als',
    algo: 'als',
    vocab: Array.from({ length: n }, (_, i) => `song-${i}`),
    counts: new Uint32Array(n).fill(1),
    dim,
    input: vectors,
    epochs: 1,
    lossHistory: [],
    params: {},
  })
  return { id, dir, info: info(id) }
}

const reports: number[] = []
const ctx = (signal = new AbortController().signal): JobContext => ({
  signal,
  addLoss() {},
  report: (p) => reports.push(p),
})
const facts = (key: string) => ({ tags: [`tag-${key.length}`], artist: key, owned: false })

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'segue-stale-'))
  older = await writeModel('20260101000000-aaaaaa', 3)
  newer = await writeModel('20260102000000-bbbbbb', 4)
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('computeClustersAndMap', () => {
  it('writes valid clusters and a map, announcing each, with progress ending at 1', async () => {
    const ready: string[] = []
    await computeClustersAndMap(older, facts, { kMin: 2, kMax: 20 }, ctx(), (w) => ready.push(w))
    expect(ready.sort()).toEqual(['clusters', 'map'])
    const clusters = (await readClusters(older))!
    const map = (await readMap(older))!
    expect(clusters.modelId).toBe(older.id)
    expect(clusters.assignments).toHaveLength(n)
    expect(clusters.assignments.every((c) => c >= 0 && c < clusters.k)).toBe(true)
    expect(clusters.clusters.reduce((s, c) => s + c.size, 0)).toBe(n)
    expect(clusters.clusters.every((c) => c.size > 0 && Number.isFinite(c.cohesion))).toBe(true)
    expect(map.keys).toEqual(clusters.keys)
    expect(map.xy).toHaveLength(2 * n)
    expect(map.xy.every(Number.isFinite)).toBe(true)
    expect(Math.max(...reports)).toBe(1)
    for (let i = 1; i < reports.length; i++) expect(reports[i]).toBeGreaterThanOrEqual(0)
  })

  it('with a new k, refits the clusters and keeps the map (it does not depend on k)', async () => {
    const before = (await readMap(older))!
    const ready: string[] = []
    await computeClustersAndMap(older, facts, { k: 4 }, ctx(), (w) => ready.push(w))
    expect(ready).toEqual(['clusters'])
    expect((await readClusters(older))!.k).toBe(4)
    expect((await readMap(older))!.xy).toEqual(before.xy)
  })

  it('rejects with an AbortError when cancelled, writing nothing', async () => {
    const c = new AbortController()
    const run = computeClustersAndMap(newer, facts, {}, ctx(c.signal))
    c.abort()
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(await readClusters(newer)).toBeNull()
    expect(await readMap(newer)).toBeNull()
  })
})

describe('shownClusters / shownMap', () => {
  it("shows the model's own, else the newest earlier one's marked stale, else nothing", async () => {
    const models = [newer, older]
    const clusters = (await shownClusters(newer, models))!
    expect(clusters.stale).toBe(true)
    expect(clusters.record.id).toBe(older.id)
    expect(clusters.cache.modelId).toBe(older.id)
    expect((await shownMap(newer, models))!.stale).toBe(true)
    expect(await shownClusters(newer, [newer])).toBeNull()
    const own = (await shownClusters(older, models))!
    expect(own.stale).toBe(false)
    expect(own.record.id).toBe(older.id)
  })
})

describe('cluster handlers', () => {
  let job: JobInfo | undefined
  const app = (current: ModelRecord): ClusterServices =>
    ({
      model: current.info,
      requireModel: async () => current,
      models: { list: async () => [newer, older] },
      jobs: { running: () => job },
      catalog: { get: () => undefined, songs: new Map() },
      owned: new Set(['song-1']),
      serving: {
        keys: () => Array.from({ length: n }, (_, i) => `song-${i}`),
        count: () => 1,
        placedBy: () => undefined,
      },
      songRef: (key: string) => ({ key }),
      startClustering: () => job!,
    }) as unknown as ClusterServices

  it('returns the earlier model’s clusters and map, marked stale with the job’s progress', async () => {
    job = { id: 'j', kind: 'cluster', state: 'running', progress: 0.4 } as JobInfo
    const h = clusterHandlers(app(newer))
    const clusters = (await h['clusters.get']({}))!
    expect(clusters).toMatchObject({ modelId: older.id, stale: true, forModel: newer.id })
    expect(clusters.progress).toBe(0.4)
    expect(clusters.clusters.length).toBe(clusters.k)
    const map = (await h['map.get']({}))!
    expect(map).toMatchObject({ modelId: older.id, stale: true, forModel: newer.id, progress: 0.4 })
    expect(map.cluster).toEqual((await readClusters(older))!.assignments)
    expect(map.owned[1]).toBe(true)
    const members = await h['clusters.songs']({ id: 0, limit: 500 })
    expect(members.length).toBe(clusters.clusters[0].size)
  })

  it('drops the stale mark once the model in use has its own', async () => {
    job = undefined
    await computeClustersAndMap(newer, facts, { k: 5 }, ctx())
    const h = clusterHandlers(app(newer))
    const clusters = (await h['clusters.get']({}))!
    expect(clusters.modelId).toBe(newer.id)
    expect(clusters.stale).toBeUndefined()
    expect(clusters.progress).toBeUndefined()
    expect((await h['map.get']({}))!.stale).toBeUndefined()
  })

  // Rebuilding the Map view's 45k-song answer per request stalled the server ~0.3 s.
  it('answers the map from memory until what it shows changes', async () => {
    const keys = Array.from({ length: n }, (_, i) => `song-${i}`)
    let owned = new Set(['song-1'])
    const services = { ...app(newer), serving: { ...app(newer).serving, keys: () => keys } }
    Object.defineProperty(services, 'owned', { get: () => owned })
    const h = clusterHandlers(services as ClusterServices)
    const first = (await h['map.get']({}))!
    expect(await h['map.get']({})).toBe(first)

    owned = new Set(['song-2'])
    const reowned = (await h['map.get']({}))!
    expect(reowned).not.toBe(first)
    expect([reowned.owned[1], reowned.owned[2]]).toEqual([false, true])

    await computeClustersAndMap(newer, facts, { k: 3 }, ctx())
    const recoloured = (await h['map.get']({}))!
    expect(recoloured).not.toBe(reowned)
    expect(recoloured.cluster).toEqual((await readClusters(newer))!.assignments)
    expect(new Set(recoloured.cluster).size).toBe(3)
  })
})
