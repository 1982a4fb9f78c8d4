// Runs long work as jobs: ids, throttled progress events, cancellation, a clear failure state, one job per kind.
import { randomUUID } from 'node:crypto'
import type { JobInfo } from '../../../src-shared/contract'
import { AppError } from '../../../src-shared/dispatch'

export type JobKind = JobInfo['kind']

export interface JobContext {
  signal: AbortSignal
  /** Reports progress (0..1) with a one-line message and optional live figures. */
  report(progress: number, message: string, detail?: Record<string, number>): void
  /** Appends one point to the job's loss curve. */
  addLoss(loss: number): void
}

export type JobListener = (job: JobInfo) => void

/** Keeps the jobs of this process; finished jobs stay listed (most recent first) until `keep` is exceeded. */
export class JobRunner {
  private readonly jobs = new Map<
    string,
    { info: JobInfo; controller: AbortController; done: Promise<void> }
  >()
  private readonly listeners = new Set<JobListener>()
  private lastEmit = new Map<string, number>()

  constructor(
    private readonly options: { minIntervalMs?: number; keep?: number; now?: () => Date } = {},
  ) {}

  onUpdate(listener: JobListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts `work` as a job; throws a 'conflict' AppError if a job of the same kind is running. */
  start(kind: JobKind, title: string, work: (ctx: JobContext) => Promise<void>): JobInfo {
    const running = this.running(kind)
    if (running) {
      throw new AppError(
        'conflict',
        `${running.title} is already running — wait for it or cancel it first`,
      )
    }
    const controller = new AbortController()
    const info: JobInfo = {
      id: randomUUID(),
      kind,
      title,
      state: 'running',
      progress: 0,
      message: 'Starting…',
      started: this.now().toISOString(),
    }
    const ctx: JobContext = {
      signal: controller.signal,
      report: (progress, message, detail) => {
        if (info.state !== 'running') return
        info.progress = Math.max(0, Math.min(1, progress))
        info.message = message
        if (detail) info.detail = detail
        this.emit(info, false)
      },
      addLoss: (loss) => {
        info.lossHistory = [...(info.lossHistory ?? []), loss]
        this.emit(info, true)
      },
    }
    const entry = { info, controller, done: Promise.resolve() }
    this.jobs.set(info.id, entry)
    this.prune()
    this.emit(info, true)
    entry.done = (async () => {
      try {
        await work(ctx)
        if (controller.signal.aborted) this.finish(info, 'cancelled', 'Cancelled')
        else this.finish(info, 'done', 'Done')
      } catch (e) {
        if (controller.signal.aborted) this.finish(info, 'cancelled', 'Cancelled')
        else this.finish(info, 'failed', 'Failed', (e as Error)?.message ?? String(e))
      }
    })()
    return { ...info }
  }

  /** Requests cancellation; resolves true if the job was running. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (!job) throw new AppError('not-found', `No job with id ${id}`)
    if (job.info.state !== 'running') return false
    job.info.message = 'Cancelling…'
    this.emit(job.info, true)
    job.controller.abort()
    return true
  }

  /** Resolves when the job has finished (whatever its state). */
  async wait(id: string): Promise<JobInfo> {
    const job = this.jobs.get(id)
    if (!job) throw new AppError('not-found', `No job with id ${id}`)
    await job.done
    return { ...job.info }
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info })).reverse()
  }

  running(kind: JobKind): JobInfo | undefined {
    for (const j of this.jobs.values())
      if (j.info.kind === kind && j.info.state === 'running') return { ...j.info }
    return undefined
  }

  /** Cancels every running job and waits for all of them to settle. */
  async shutdown(): Promise<void> {
    for (const j of this.jobs.values()) if (j.info.state === 'running') j.controller.abort()
    await Promise.all([...this.jobs.values()].map((j) => j.done))
  }

  private finish(info: JobInfo, state: JobInfo['state'], message: string, error?: string): void {
    info.state = state
    info.message = error ? `Failed: ${error}` : message
    if (state === 'done') info.progress = 1
    info.finished = this.now().toISOString()
    if (error) info.error = error
    this.emit(info, true)
  }

  private emit(info: JobInfo, force: boolean): void {
    const now = Date.now()
    const last = this.lastEmit.get(info.id) ?? 0
    if (!force && now - last < (this.options.minIntervalMs ?? 100)) return
    this.lastEmit.set(info.id, now)
    const copy = { ...info, lossHistory: info.lossHistory ? [...info.lossHistory] : undefined }
    for (const l of this.listeners) l(copy)
  }

  private prune(): void {
    const keep = this.options.keep ?? 20
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= keep) break
      if (j.info.state !== 'running') {
        this.jobs.delete(id)
        this.lastEmit.delete(id)
      }
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }
}
