// Requests about the recommendation report card.
import type { Handlers } from '../../../../src-shared/contract'
import { latestReport, measureQuality } from '../quality'
import type { QualityServices } from './services'

export function qualityHandlers(
  app: QualityServices,
): Pick<Handlers, 'quality.report' | 'quality.run'> {
  return {
    'quality.report': async () => latestReport(app.db),
    'quality.run': async ({ holdout }) => {
      const job = app.jobs.start('eval', 'Measuring recommendation quality', async (ctx) => {
        const report = await measureQuality(app.db, app.datasetDir, ctx, holdout)
        app.emit('quality.changed', report)
      })
      return { jobId: job.id }
    },
  }
}
