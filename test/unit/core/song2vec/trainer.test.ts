// Training end to end through real worker threads: structure recovery, determinism, progress, cancellation, crashes.
import { describe, expect, it } from 'vitest'
import { liveTrainingWorkers, train } from '../../../../src-main/core/song2vec/trainer'
import type { TrainProgress } from '../../../../src-main/core/song2vec/types'
import { neighbourPrecision, plantedCorpus } from './corpus-fixtures'

const corpus = plantedCorpus({ communities: 4, size: 12, playlists: 400, length: 10, seed: 3 })
const small = { dim: 24, window: 5, negative: 5, epochs: 15, sample: 0 }

describe('train', () => {
  it('recovers planted communities (CBOW, two threads)', async () => {
    const progress: TrainProgress[] = []
    const model = await train(
      corpus,
      { ...small, threads: 2 },
      { onProgress: (p) => progress.push(p) },
    )
    expect(model.vocab).toHaveLength(48)
    expect(model.input).toHaveLength(48 * 24)
    expect(neighbourPrecision(model, 5)).toBeGreaterThan(0.95)
    expect(model.lossHistory).toHaveLength(15)
    expect(model.lossHistory[14]).toBeLessThan(model.lossHistory[0])
    // One report per finished epoch at least, in order, ending complete.
    const epochs = progress.filter((p) => p.loss !== undefined).map((p) => p.epoch)
    expect(new Set(epochs)).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 1)))
    const last = progress.at(-1)!
    expect(last).toMatchObject({ epoch: 15, epochs: 15, processed: 4000 * 15, total: 4000 * 15 })
    expect(last.loss).toBe(model.lossHistory[14])
  })

  it('recovers planted communities (skip-gram)', async () => {
    const model = await train(corpus, { ...small, algo: 'sg', epochs: 5, threads: 1 })
    expect(neighbourPrecision(model, 5)).toBeGreaterThan(0.95)
  })

  it('is bitwise reproducible with one thread and a seed', async () => {
    const params = { ...small, epochs: 3, threads: 1, seed: 11, sample: 1e-2 }
    const a = await train(corpus, params)
    const b = await train(corpus, params)
    expect(Buffer.from(a.input.buffer, a.input.byteOffset, a.input.byteLength)).toEqual(
      Buffer.from(b.input.buffer, b.input.byteOffset, b.input.byteLength),
    )
    expect(Buffer.compare(bytes(a.output), bytes(b.output))).toBe(0)
    expect(a.lossHistory).toEqual(b.lossHistory)
    const c = await train(corpus, { ...params, seed: 12 })
    expect(Buffer.compare(bytes(a.input), bytes(c.input))).not.toBe(0)
  })

  it('initialises input rows uniformly in [-0.5/dim, 0.5/dim) and output rows at zero', async () => {
    // A learning rate of ~0 leaves the initial weights visible.
    const model = await train(corpus, {
      ...small,
      epochs: 1,
      threads: 1,
      alpha: 1e-30,
      minAlpha: 0,
    })
    const bound = 0.5 / small.dim
    expect(Math.min(...model.input)).toBeGreaterThanOrEqual(-bound)
    expect(Math.max(...model.input)).toBeLessThan(bound)
    expect(Math.max(...model.input)).toBeGreaterThan(0.9 * bound)
    expect(model.output.every((x) => Math.abs(x) < 1e-20)).toBe(true)
  })

  it('drops songs under minCount and rejects bad parameters clearly', async () => {
    const withRare = [...corpus, ['rare-1', 'c0-s1', 'c0-s2']]
    const model = await train(withRare, { ...small, epochs: 1, threads: 1, minCount: 2 })
    expect(model.vocab).not.toContain('rare-1')
    await expect(train(corpus, { dim: 0 })).rejects.toThrow(/dim = 0 is invalid/)
    await expect(train(corpus, { algo: 'glove' as 'cbow' })).rejects.toThrow(/algo/)
    await expect(train([['a'], ['b']], { minCount: 2 })).rejects.toThrow(/Nothing to train on/)
  })

  it('stops on abort with an AbortError and leaves no worker running', async () => {
    const big = plantedCorpus({ communities: 4, size: 500, playlists: 4000, length: 20, seed: 5 })
    const controller = new AbortController()
    const run = train(
      big,
      { dim: 64, epochs: 10_000, threads: 2 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.processed > 0) controller.abort()
        },
      },
    )
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
    expect(liveTrainingWorkers()).toBe(0)
    const aborted = AbortSignal.abort()
    await expect(train(corpus, small, { signal: aborted })).rejects.toMatchObject({
      name: 'AbortError',
    })
  })

  it('fails cleanly when a thread crashes, stopping the others', async () => {
    const run = train(corpus, { ...small, epochs: 50, threads: 2 }, { crashAtEpoch: 1 })
    await expect(run).rejects.toThrow(
      /Song2Vec training failed in thread [01]: RuntimeError: memory access out of bounds/,
    )
    expect(liveTrainingWorkers()).toBe(0)
  })
})

function bytes(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength)
}
