// runEval end to end on a tiny Yes-format directory: cleaning, split, report shape, progress and cancellation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runEval, type EvalProgress } from '../../../../src-main/core/eval/run-eval'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segue-eval-'))
  // Song 2 is unknown (artist "-"): playlist "2 0" shrinks to one song and is dropped.
  const playlists = ['0 1', '0 1', '0 1', '0 1', '2 0', '0 2 1']
  writeFileSync(
    join(dir, 'train.txt'),
    `a b c\n7 6 2\n${playlists.map((p) => `${p} `).join('\n')}\n`,
  )
  writeFileSync(
    join(dir, 'song_hash.txt'),
    '0\tYellow\tColdplay\n1\tClocks\tColdplay\n2\tUnknown\t-\n',
  )
  writeFileSync(join(dir, 'tags.txt'), '0 1\n0\n#\n')
  writeFileSync(join(dir, 'tag_hash.txt'), '0, rock\n1, 00s\n')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('runEval', () => {
  it('reports every requested recommender on the cleaned, split playlists', async () => {
    const progress: EvalProgress[] = []
    const r = await runEval({
      dataset: dir,
      holdout: 1,
      topn: 1,
      window: 10,
      recommenders: ['popular', 'cooc'],
      onProgress: (p) => progress.push(p),
    })
    // Five usable playlists, all [0, 1] once song 2 is dropped; one held out.
    expect(r.playlists).toBe(5)
    expect(r.heldout).toBe(1)
    expect(r.train_playlists).toBe(4)
    expect(r.train_occurrences).toBe(8)
    expect(r.songs).toBe(3)
    expect(r.protocol).toMatchObject({ holdout: 1, seed: 123, topn: 1, window: 10 })
    // popular always says 0 (tie with 1, lower id): hits song 0 of [0, 1], misses song 1.
    expect(r.ahr.popular).toBe(0.5)
    // cooc: each song's only neighbour is the other one.
    expect(r.ahr.cooc).toBe(1)
    // Continuation: given [0] (excluded), the next song is 1.
    expect(r.ndcg).toEqual({ popular: 1, cooc: 1 })
    expect(r.hit_rate).toEqual({ popular: 1, cooc: 1 })
    // Radio: from song 0 alone (excluded), the rest is song 1.
    expect(r.radio).toEqual({ popular: 1, cooc: 1 })
    expect(r.continuation_playlists).toBe(1)
    expect(Object.keys(r.seconds)).toEqual(['popular', 'cooc'])
    expect(r.seconds.cooc.train).toBeGreaterThanOrEqual(0)
    expect(progress.at(-1)?.overall).toBe(1)
    expect(progress.map((p) => p.recommender)).toContain('cooc')
  })

  it('rejects unknown recommenders with the valid names, and bad directories clearly', async () => {
    await expect(
      runEval({ dataset: dir, holdout: 1, recommenders: ['popular', 'glove'] }),
    ).rejects.toThrow(/Unknown recommender "glove": use one or more of random, popular/)
    await expect(
      runEval({ dataset: join(dir, 'nope'), recommenders: ['popular'] }),
    ).rejects.toThrow(/Not a Yes-format directory/)
    await expect(runEval({ dataset: dir, holdout: 5, recommenders: ['popular'] })).rejects.toThrow(
      /Cannot hold out 5 of 5/,
    )
    await expect(
      runEval({ dataset: dir, holdout: 1, topn: 0, recommenders: ['popular'] }),
    ).rejects.toThrow(/--topn/)
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      runEval({ dataset: dir, holdout: 1, recommenders: ['popular'], signal: controller.signal }),
    ).rejects.toThrow(/abort/i)
  })
})
