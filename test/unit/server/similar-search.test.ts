// Through the real server over HTTP: similar.get equals the served pipeline over brute-force candidates (learnt and placed lists), and search answers match every word.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Segue } from '../../../src-main/core/app/segue'
import { searchTokens } from '../../../src-main/core/catalog/search-index'
import { loadServable } from '../../../src-main/core/models/servable'
import { ReferenceScorer } from '../../../src-main/core/onnx/reference'
import { SERVED_PARAMS, servedHeadsOf } from '../../../src-main/core/recommend/defaults'
import { PlaylistNeighbours } from '../../../src-main/core/recommend/playlist-neighbours'
import {
  coocOfModel,
  rowsOfModel,
  ServedRecommender,
} from '../../../src-main/core/recommend/served'
import { startServer, type RunningServer } from '../../../src-main/server/server'

const resourcesDir = join(import.meta.dirname, '../../../resources')
let app: Segue
let server: RunningServer

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'segue-similar-http-'))
  const staticDir = await mkdtemp(join(tmpdir(), 'segue-static-'))
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Segue</title>')
  app = await Segue.open({
    dataDir,
    resourcesDir,
    training: { epochs: 1, dim: 32, tagModel: 'ridge' },
  })
  const job = app.startTraining({})
  const done = await app.jobs.wait(job.id)
  if (done.state !== 'done') throw new Error(`training ended ${done.state}: ${done.error}`)
  server = await startServer({ handlers: app.handlers, staticDir, subscribe: () => () => {} })
}, 600_000)
afterAll(async () => {
  await server?.close()
  await app?.close()
})

async function api<T>(name: string, body: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const envelope = (await res.json()) as { ok: boolean; result: T; error?: { message: string } }
  if (!envelope.ok) throw new Error(envelope.error?.message)
  return envelope.result
}

interface Similar {
  results: { key: string; why: string }[]
  placed: { key: string; why: string }[]
}

/**
 * The served keys equal the reference's best-first keys, except where two songs tie: a key at
 * rank i may differ from the reference's only if the reference scores it within 1e-5 of its own
 * i-th score (float sums in another order — ONNX on AVX2 vs AVX-512 vs JS — may swap exact or
 * near ties, nothing else).
 */
function expectSameRanking(got: string[], want: string[], wantScores: number[]): void {
  expect(got.length).toBeLessThanOrEqual(want.length)
  expect(new Set(got).size).toBe(got.length)
  for (let i = 0; i < got.length; i++) {
    if (got[i] === want[i]) continue
    const j = want.indexOf(got[i])
    const detail = `rank ${i}: got ${got[i]}, reference ${want[i]}`
    expect(j, detail).toBeGreaterThanOrEqual(0)
    expect(Math.abs(wantScores[j] - wantScores[i]), detail).toBeLessThanOrEqual(1e-5)
  }
}

describe('similar.get and songs.search over HTTP', () => {
  it('answers the served pipeline over brute-force candidates, and the brute-force nearest placed songs', async () => {
    const record = await app.requireModel()
    const model = await loadServable(record.dir)
    expect(model.vocab.length).toBeGreaterThan(model.trained)
    const heads = servedHeadsOf(model.kind)
    const ref = new ReferenceScorer(model, { heads })
    const learntRows = Array.from({ length: model.trained }, (_, i) => i)
    const placedRows = Array.from(
      { length: model.vocab.length - model.trained },
      (_, i) => model.trained + i,
    )
    const corpus = await app.corpus()
    const brute = new ServedRecommender({
      candidates: { query: async (q) => ref.query(q) },
      cooc: coocOfModel(model, corpus, SERVED_PARAMS),
      neighbours: PlaylistNeighbours.fromLists(rowsOfModel(model, corpus), model.vocab.length),
      counts: model.counts,
      params: SERVED_PARAMS,
    })
    for (const row of [0, 7, Math.floor(model.trained / 2), model.trained - 1]) {
      const key = model.vocab[row]
      const answer = await api<Similar>('similar.get', { key, topn: 10 })
      // Twenty from the references so a tie at the 10th (or 8th) place can be judged.
      const want = await brute.recommend([row], 20, {
        exclude: new Set(placedRows),
        explain: false,
      })
      expectSameRanking(
        answer.results.map((r) => r.key),
        want.ids.map((r) => model.vocab[r]),
        want.scores,
      )
      const placed = ref.query({ context: [row], exclude: learntRows, k: 16 })
      expect(answer.placed).toHaveLength(8)
      expectSameRanking(
        answer.placed.map((r) => r.key),
        placed.indices.map((r) => model.vocab[r]),
        placed.scores,
      )
      expect([...answer.results, ...answer.placed].every((r) => r.why !== '')).toBe(true)
    }
  })

  it('search finds a song by its name and every answer holds every word', async () => {
    const song = app.catalog.get(app.serving.keys()[3])!
    const [first] = await api<{ key: string }[]>('songs.search', {
      query: `${song.artist} ${song.title}`,
      limit: 5,
    })
    expect(first.key).toBe(song.key)
    for (const query of ['a', 'lo', 'the b', 'Beyoncé']) {
      const words = searchTokens(query)
      const hits = await api<{ key: string; artist: string; title: string }[]>('songs.search', {
        query,
        limit: 20,
      })
      expect(hits.length).toBeGreaterThan(0)
      for (const h of hits) {
        const own = searchTokens(`${h.artist} ${h.title}`)
        for (const w of words) expect(own.some((o) => o.startsWith(w))).toBe(true)
      }
    }
  })
})
