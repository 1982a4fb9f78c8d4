// Opens the core on a data folder for a stateful command (--data, default the desktop app's folder).
import { resolve } from 'node:path'
import type { JobInfo } from '../../src-shared/contract'
import { Segue, type SegueOptions } from '../core/app/segue'
import { checkoutResourcesDir, defaultDataDir } from '../core/app/paths'
import { DataFolderError } from '../core/app/data-folder'
import { UsageError } from './args'
import { progress } from './output'

export const dataOption = { data: { type: 'string' } } as const

export async function openSegue(
  data: string | undefined,
  extra: Partial<SegueOptions> = {},
): Promise<Segue> {
  return Segue.open({
    dataDir: resolve(data ?? defaultDataDir()),
    resourcesDir: checkoutResourcesDir,
    version: process.env.npm_package_version,
    ...extra,
  }).catch((e: unknown) => {
    // A data folder that cannot be used is bad input: exit 2 with the path and what to do.
    if (e instanceof DataFolderError) throw new UsageError(e.message)
    throw e
  })
}

/** Follows a job to its end, printing progress to stderr; throws unless it finished done. */
export async function waitForJob(app: Segue, job: JobInfo): Promise<void> {
  let last = ''
  const off = app.jobs.onUpdate((j) => {
    const line = `${Math.round(j.progress * 100)}% ${j.message}`
    if (j.id === job.id && line !== last) progress((last = line))
  })
  const onSigint = () => app.jobs.cancel(job.id)
  process.once('SIGINT', onSigint)
  try {
    const done = await app.jobs.wait(job.id)
    if (done.state !== 'done') throw new Error(done.error ?? `${done.title}: ${done.state}`)
  } finally {
    off()
    process.off('SIGINT', onSigint)
  }
}
