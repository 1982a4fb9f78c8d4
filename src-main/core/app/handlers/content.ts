// Requests about the library's content: analysis and placement status, and the "Analyse my music" job.
import type { Handlers } from '../../../../src-shared/contract'
import { contentStatus, startContentAnalysis } from '../content'
import type { ContentServices } from './services'

export function contentHandlers(
  app: ContentServices,
): Pick<Handlers, 'content.status' | 'content.analyze'> {
  return {
    'content.status': async () => contentStatus(app),
    // A content job already running: the runner's 'conflict' error says so.
    'content.analyze': async () => ({ jobId: startContentAnalysis(app).id }),
  }
}
