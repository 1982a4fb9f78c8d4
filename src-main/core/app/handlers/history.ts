// Requests about the imported listening histories: the "Your listening" summary.
import type { Handlers } from '../../../../src-shared/contract'
import { historySummary } from '../../history/summary'
import type { HistoryServices } from './services'

export function historyHandlers(app: HistoryServices): Pick<Handlers, 'history.summary'> {
  return {
    'history.summary': async ({ period }) => historySummary(app.db, period),
  }
}
