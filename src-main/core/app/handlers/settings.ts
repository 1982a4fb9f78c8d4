// Requests about settings: reading them, and switching the model kind (to a trained model of that kind, or by training one).
import type { Handlers } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import type { SettingsServices } from './services'

export function settingsHandlers(
  app: SettingsServices,
): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': async () => app.settings,
    'settings.set': async ({ modelKind }) => {
      const training = app.jobs.running('train')
      if (training) {
        throw new AppError(
          'conflict',
          'A training is running — wait for it to finish or cancel it, then switch the model',
        )
      }
      await app.setModelKind(modelKind)
      const settings = app.settings
      if (app.model?.kind === modelKind) return { settings, switchedTo: app.model.id, jobId: null }
      const switched = await app.useLatest(modelKind)
      if (switched) return { settings, switchedTo: switched, jobId: null }
      return { settings, switchedTo: null, jobId: app.startTraining({ kind: modelKind }).id }
    },
  }
}
