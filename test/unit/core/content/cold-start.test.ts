// The cold-start protocol on a generated library: songs never trained on, placed by tags and audio, beat random and popularity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runColdStart } from '../../../../src-main/core/content/cold-start/run-cold-start'
import {
  auc,
  averagePrecision,
  topIndices,
} from '../../../../src-main/core/content/cold-start/rank-metrics'
import {
  pickColdSongs,
  withoutSongs,
} from '../../../../src-main/core/content/cold-start/cold-split'
import { writeFamilyDataset, type FamilyDataset } from '../../../fixtures/audio/family-dataset'
import { makeTempDir } from '../../../fixtures/temp-dir'

describe('rank metrics', () => {
  it('average precision, AUC (ties count half) and top indices', () => {
    const scores = [0.9, 0.1, 0.8, 0.3, 0.8]
    // Order: 0, 2, 4, 3, 1; relevant {2, 3} at ranks 2 and 4: AP = (1/2 + 2/4) / 2.
    expect(averagePrecision(scores, new Set([2, 3]))).toBeCloseTo(0.5, 12)
    expect(averagePrecision(scores, new Set())).toBe(0)
    // Pairs (relevant above irrelevant): 2 beats {1, 3}, ties 4 (½), loses to 0 → 2.5 of 3; 0 beats all 3 → 3; total 5.5 / 6.
    expect(auc(scores, new Set([0, 2]))).toBeCloseTo(5.5 / 6, 12)
    expect(auc(scores, new Set([0, 1, 2, 3, 4]))).toBeNaN()
    expect(topIndices(scores, 3)).toEqual([0, 2, 4])
  })

  it('cold songs come from held-out playlists and leave training entirely', () => {
    const heldout = [
      [1, 2, 3],
      [3, 4],
    ]
    const cold = pickColdSongs(heldout, (id) => id !== 4, 2, 7)
    expect(cold).toHaveLength(2)
    for (const id of cold) expect([1, 2, 3]).toContain(id)
    expect(
      withoutSongs(
        [
          [1, 2, 5],
          [2, 6, 7],
          [1, 5],
        ],
        new Set([1, 5]),
      ),
    ).toEqual([[2, 6, 7]])
    expect(() => pickColdSongs(heldout, () => false, 2, 1)).toThrow(/Only 0 held-out songs/)
  })
})

describe('runColdStart', () => {
  const temp = makeTempDir('segue-content-cold-')
  let ds: FamilyDataset
  beforeAll(() => {
    ds = writeFamilyDataset(temp.dir, {
      families: 4,
      perFamily: 8,
      playlists: 300,
      seconds: 5,
      seed: 3,
    })
  })
  afterAll(() => temp.cleanup())

  const song2vec = {
    dim: 16,
    epochs: 30,
    window: 5,
    negative: 5,
    minCount: 1,
    sample: 0,
    threads: 1,
  }

  it('places cold songs by tags and audio; content ranks them far better than random', async () => {
    const r = await runColdStart({
      dataset: temp.dir,
      holdout: 80,
      coldSongs: 12,
      topn: 3,
      seed: 5,
      song2vec,
      tags: { epochs: 20, hidden: 32, lr: 3e-3, weightDecay: 0.01, batch: 8 },
      audio: {
        files: ds.files,
        windows: { count: 2, seconds: 2 },
        fit: {
          shape: {
            blocks: [
              { channels: 12, kernel: 4, pool: 4 },
              { channels: 12, kernel: 4, pool: 2 },
              { channels: 12, kernel: 4, pool: 1 },
            ],
            hidden: 24,
          },
          epochs: 12,
          batch: 4,
          lr: 3e-3,
          validationFraction: 0,
        },
      },
    })
    expect(r.songs).toBe(12)
    expect(r.content).toBe('tags+audio')
    expect(Object.keys(r.sources).sort()).toEqual([
      'audio',
      'tags',
      'tags+audio',
      'tags:mlp',
      'tags:ridge',
    ])
    expect(r.modelSongs).toBe(32 - 12)
    expect(r.occurrences).toBeGreaterThan(20)
    for (const name of ['tags', 'audio', 'tags+audio']) {
      const s = r.sources[name]
      expect({ name, better: s.auc > r.auc.random + 0.15 && s.map > r.map.random + 0.1 }).toEqual({
        name,
        better: true,
      })
    }
    expect(r.ahr.content).toBeGreaterThan(r.ahr.random)
    expect(r.tagModel!.chosen).toBe(
      r.tagModel!.mlp!.cosine > r.tagModel!.ridge!.cosine ? 'mlp' : 'ridge',
    )
    expect(r.sources.tags).toEqual(r.sources[`tags:${r.tagModel!.chosen}`])
    expect(r.audioModel!.kind).toBe('cnn')
  })

  it('refuses sources it has no content for', async () => {
    await expect(
      runColdStart({ dataset: temp.dir, holdout: 80, sources: ['audio'], song2vec }),
    ).rejects.toThrow(/needs audio files/)
    await expect(
      runColdStart({ dataset: temp.dir, holdout: 80, sources: ['lyrics' as never], song2vec }),
    ).rejects.toThrow(/Unknown content source/)
  })
})
