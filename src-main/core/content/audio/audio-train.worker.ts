// Worker thread that trains an audio model (CNN or bag-of-features MLP) and reports each epoch.
import { serveWorkerTask } from '../../jobs/worker-task'
import type { EpochReport } from '../nn/fit'
import { fitAudioModel, type AudioExample, type AudioFitOptions } from './audio-model'

void serveWorkerTask<
  { examples: AudioExample[]; options: AudioFitOptions },
  ReturnType<typeof fitAudioModel>,
  EpochReport
>(({ examples, options }, progress) => fitAudioModel(examples, { ...options, onEpoch: progress }))
