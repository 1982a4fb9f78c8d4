// The user's settings (which model kind learns the song vectors) and what switching kind did: a switch, or a training.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ModelKind, Settings } from '../../src-shared/contract'
import { bridge } from '../bridge'
import { MODEL_KINDS } from '../model-kinds'
import { useJobsStore } from './jobs'

/** What the last change of model kind did. */
export type SwitchOutcome =
  | {
      /** The kind chosen. */
      kind: ModelKind
      /** A model of that kind already existed and is now in use. */
      switchedTo: string
      /** When that model was trained (ISO), if known. */
      created: string | null
    }
  | {
      /** The kind chosen. */
      kind: ModelKind
      /** No model of that kind existed: the training job started for it. */
      jobId: string
    }
  | {
      /** The kind chosen; nothing had to change. */
      kind: ModelKind
    }

/** A model's date in words. */
export function modelDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** The creation time encoded in a model id ("20260301102200-ab12cd", UTC), or null. */
export function createdOfModelId(id: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-/.exec(id)
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null
}

export const useSettingsStore = defineStore('settings', () => {
  const jobs = useJobsStore()
  const settings = ref<Settings | null>(null)
  const loaded = ref(false)
  /** A change of setting is on its way. */
  const busy = ref(false)
  const outcome = ref<SwitchOutcome | null>(null)
  const error = ref<string | null>(null)

  const kind = computed<ModelKind | null>(() => settings.value?.modelKind ?? null)
  /** A training runs: the model kind cannot change meanwhile. */
  const training = computed(() => jobs.latest('train')?.state === 'running')

  /** What the last change did, in words (follows the training it started). */
  const notice = computed<string | null>(() => {
    const o = outcome.value
    if (!o) return null
    const k = MODEL_KINDS[o.kind]
    if ('switchedTo' in o)
      return `Switched to your ${k.label} model${o.created ? ` from ${modelDate(o.created)}` : ''}`
    if ('jobId' in o) {
      const job = jobs.byId[o.jobId]
      if (job?.state === 'done') return `Your new ${k.label} model is ready and in use`
      if (job?.state === 'failed')
        return `Training the ${k.label} model failed${job.error ? `: ${job.error}` : ''} — the previous model keeps serving`
      if (job?.state === 'cancelled')
        return `The ${k.label} training was cancelled — the previous model keeps serving`
      return `Training ${k.article} ${k.label} model — the current model keeps serving until it is ready`
    }
    return `${k.label} is your model`
  })

  async function load(): Promise<void> {
    try {
      settings.value = await bridge().request('settings.get', {})
      error.value = null
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }

  /** Makes `modelKind` the model kind: switches to its latest model, or trains one. */
  async function choose(modelKind: ModelKind): Promise<void> {
    busy.value = true
    error.value = null
    try {
      const answer = await bridge().request('settings.set', { modelKind })
      settings.value = answer.settings
      if (answer.jobId) {
        jobs.track({
          id: answer.jobId,
          kind: 'train',
          title: `Training ${MODEL_KINDS[modelKind].label}`,
        })
        outcome.value = { kind: modelKind, jobId: answer.jobId }
      } else if (answer.switchedTo) {
        outcome.value = {
          kind: modelKind,
          switchedTo: answer.switchedTo,
          created: await createdOf(answer.switchedTo),
        }
      } else {
        outcome.value = { kind: modelKind }
      }
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      busy.value = false
    }
  }

  /** When a model was trained: asked of the core, else read from its id. */
  async function createdOf(id: string): Promise<string | null> {
    try {
      const { model } = await bridge().request('model.status', {})
      if (model?.id === id) return model.created
    } catch {
      // The date is a courtesy: the switch itself succeeded.
    }
    return createdOfModelId(id)
  }

  return { settings, loaded, busy, outcome, error, kind, training, notice, load, choose }
})
