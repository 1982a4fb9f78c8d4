// The Quality view's data: run the evaluation on the bundled dataset as a job, keep every report in the database.
import type { EvalReport } from '../../../src-shared/contract'
import { runEval } from '../eval/run-eval'
import { RECOMMENDER_NAMES } from '../recommend/registry'
import type { JobContext } from '../jobs/runner'
import type { Db } from '../store/db'

export async function latestReport(db: Db): Promise<EvalReport | null> {
  const row = await db.get<{ created: string; report: string }>(
    'SELECT created, report FROM eval_reports ORDER BY id DESC LIMIT 1',
  )
  return row ? { ...JSON.parse(row.report), created: row.created } : null
}

/** Runs the seed protocol on `dataset` with progress and cancel; stores and returns the report. */
export async function measureQuality(
  db: Db,
  dataset: string,
  ctx: JobContext,
  holdout?: number,
): Promise<EvalReport> {
  const report = await runEval({
    dataset,
    holdout,
    // Every recommender, so Settings can show each model kind as it would be served.
    recommenders: [...RECOMMENDER_NAMES],
    // Songs withheld from training and placed by their tags, with the tag model the app uses.
    coldStart: { tags: { kind: 'ridge' } },
    signal: ctx.signal,
    onProgress: (p) => ctx.report(p.overall, p.message),
  })
  ctx.signal.throwIfAborted()
  const created = new Date().toISOString()
  await db.transaction((tx) =>
    tx.run('INSERT INTO eval_reports (created, report) VALUES (?, ?)', [
      created,
      JSON.stringify(report),
    ]),
  )
  return { ...report, created }
}
