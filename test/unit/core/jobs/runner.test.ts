// The job runner: progress events, cancellation, failure state, and one job per kind.
import { describe, expect, it } from 'vitest'
import type { JobInfo } from '../../../../src-shared/contract'
import { JobRunner } from '../../../../src-main/core/jobs/runner'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('JobRunner', () => {
  it('reports progress and finishes done', async () => {
    const runner = new JobRunner({ minIntervalMs: 0 })
    const seen: JobInfo[] = []
    runner.onUpdate((j) => seen.push(j))
    const job = runner.start('train', 'Training', async (ctx) => {
      ctx.report(0.5, 'half', { epoch: 1 })
      ctx.addLoss(2.5)
    })
    const done = await runner.wait(job.id)
    expect(done).toMatchObject({ state: 'done', progress: 1, lossHistory: [2.5] })
    expect(seen.map((j) => j.state)).toEqual(['running', 'running', 'running', 'done'])
    expect(seen[1]).toMatchObject({ progress: 0.5, message: 'half', detail: { epoch: 1 } })
  })

  it('cancels: the work sees the abort and the job ends cancelled', async () => {
    const runner = new JobRunner()
    const started = deferred()
    const job = runner.start('train', 'Training', async (ctx) => {
      started.resolve()
      await new Promise((_, reject) =>
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
      )
    })
    await started.promise
    expect(runner.cancel(job.id)).toBe(true)
    expect(await runner.wait(job.id)).toMatchObject({ state: 'cancelled' })
    expect(runner.cancel(job.id)).toBe(false)
  })

  it('keeps a clear failure state', async () => {
    const runner = new JobRunner()
    const job = runner.start('train', 'Training', async () => {
      throw new Error('disk full')
    })
    expect(await runner.wait(job.id)).toMatchObject({
      state: 'failed',
      error: 'disk full',
      message: 'Failed: disk full',
    })
  })

  it('refuses a second job of the same kind while one runs', async () => {
    const runner = new JobRunner()
    const gate = deferred()
    const first = runner.start('train', 'Training', () => gate.promise)
    expect(() => runner.start('train', 'Again', async () => {})).toThrow(/already running/)
    gate.resolve()
    await runner.wait(first.id)
    const second = runner.start('train', 'Again', async () => {})
    expect((await runner.wait(second.id)).state).toBe('done')
    expect(runner.list().map((j) => j.id)).toEqual([second.id, first.id])
  })

  it('throttles progress events but never drops state changes', async () => {
    const runner = new JobRunner({ minIntervalMs: 60_000 })
    const seen: JobInfo[] = []
    runner.onUpdate((j) => seen.push(j))
    const job = runner.start('train', 'Training', async (ctx) => {
      for (let i = 0; i < 100; i++) ctx.report(i / 100, `step ${i}`)
    })
    await runner.wait(job.id)
    expect(seen.map((j) => j.state)).toEqual(['running', 'done'])
  })

  it('unknown job ids are a not-found error', () => {
    expect(() => new JobRunner().cancel('nope')).toThrow(/No job with id nope/)
  })
})
