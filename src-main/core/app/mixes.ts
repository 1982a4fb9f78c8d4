// Made For You inside the app: generation against the served model, recent ad-hoc mixes kept for saving and export.
import type { MixView, PlacedBy, SongRef } from '../../../src-shared/contract'
import { AppError } from '../../../src-shared/dispatch'
import {
  buildMixes,
  continuePlaylist,
  exportMix,
  getMix,
  mixFileName,
  journey,
  listMixes,
  mixForCluster,
  radio,
  replaceGeneratedMixes,
  saveMix,
  setFeedback,
  setMixSaved,
  type Mix,
  type MixContext,
  type Thumb,
  type TrackFile,
} from '../mixes'
import type { Catalog } from '../catalog/catalog'
import { loadListening, type Listening } from '../mixes/listening'
import type { ModelRecord } from '../models/registry'
import type { Db } from '../store/db'
import type { ModelService } from './model-service'

/** What mixes use of the app (the Segue class satisfies it). */
export interface MixApp {
  readonly db: Db
  readonly catalog: Catalog
  readonly serving: ModelService
  requireModel(): Promise<ModelRecord>
  songRef(key: string): SongRef
}

/** Ad-hoc mixes (radio, continue, journey, cluster) are kept this long in memory so they can be saved or exported. */
const RECENT = 50

export class MixService {
  private readonly recent = new Map<string, Mix>()
  private heard?: { signature: string; listening: Listening | undefined }

  constructor(private readonly app: MixApp) {}

  /**
   * The imported histories' facts: read afresh for a generation; ad-hoc mixes reuse the last read
   * while the histories are the same imports (one row to check).
   */
  private async listening(fresh: boolean): Promise<Listening | undefined> {
    const r = await this.app.db.get<{ n: number; id: number | null; at: string | null }>(
      'SELECT COUNT(*) AS n, MAX(id) AS id, MAX(imported) AS at FROM history_sources',
    )
    const signature = `${r?.n ?? 0}:${r?.id ?? ''}:${r?.at ?? ''}`
    if (fresh || this.heard?.signature !== signature)
      this.heard = { signature, listening: await loadListening(this.app.db) }
    return this.heard.listening
  }

  private async context(
    seed = Date.now() % 2 ** 31,
    playableNow = false,
    fresh = false,
  ): Promise<MixContext> {
    const listening = await this.listening(fresh)
    return {
      db: this.app.db,
      scorer: this.app.serving,
      catalog: this.app.catalog,
      seed,
      playableNow,
      ...(listening ? { listening } : {}),
    }
  }

  async list(): Promise<MixView[]> {
    return (await listMixes(this.app.db)).map((m) => this.view(m))
  }

  /**
   * Daily mixes and Discover from the user's taste (weighted by the imported listening histories,
   * which also add "On repeat" and "Forgotten favourites"); replaces unsaved generated mixes.
   */
  async generate(seed?: number, playableNow?: boolean): Promise<MixView[]> {
    await this.app.requireModel()
    const mixes = await buildMixes(await this.context(seed, playableNow, true))
    if (mixes.length === 0) {
      throw new AppError(
        'not-ready',
        'Import some of your music or playlists first: Made For You mixes are built from your taste',
      )
    }
    await replaceGeneratedMixes(this.app.db, mixes)
    return this.list()
  }

  async radio(
    keys: string[],
    n: number,
    exclude: string[],
    seed?: number,
    playableNow?: boolean,
  ): Promise<MixView> {
    await this.app.requireModel()
    const unknown = keys.filter((k) => !this.app.serving.has(k))
    if (unknown.length)
      throw new AppError(
        'bad-request',
        `keys: the model does not know ${unknown
          .slice(0, 5)
          .map((k) => `"${k}"`)
          .join(
            ', ',
          )}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} — pick songs from search`,
      )
    return this.keep(await radio(await this.context(seed ?? 1, playableNow), keys, n, { exclude }))
  }

  async continue(playlistId: number, n: number): Promise<MixView> {
    await this.app.requireModel()
    return this.keep(await continuePlaylist(await this.context(), playlistId, n))
  }

  async journey(from: string, to: string, n: number): Promise<MixView> {
    await this.app.requireModel()
    for (const [field, key] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!this.app.serving.has(key))
        throw new AppError(
          'bad-request',
          `${field}: the model does not know "${this.app.songRef(key).title}" — pick another song`,
        )
    }
    if (from === to)
      throw new AppError(
        'bad-request',
        'to: a journey goes from one song to another — pick a different song to end on',
      )
    return this.keep(await journey(await this.context(1), from, to, n))
  }

  async cluster(keys: string[], label: string, topArtists: string[], n: number): Promise<MixView> {
    return this.keep(await mixForCluster(await this.context(1), { keys, label, topArtists }, n))
  }

  async setSaved(id: string, saved: boolean, name?: string): Promise<MixView> {
    const recent = this.recent.get(id)
    if (recent && saved) return this.view(await saveMix(this.app.db, recent, name))
    if (!(await setMixSaved(this.app.db, id, saved, saved ? name : undefined)))
      throw new AppError('not-found', `No mix ${id} — generate it again`)
    return this.view((await getMix(this.app.db, id))!)
  }

  /** A thumb on a song the catalogue or the model knows ('none' clears any key, known or not). */
  async feedback(key: string, thumb: Thumb): Promise<void> {
    if (thumb !== 'none' && !this.app.catalog.get(key) && !this.app.serving.has(key))
      throw new AppError(
        'bad-request',
        `key: "${key}" is no song Segue knows — pick one from search`,
      )
    await setFeedback(this.app.db, key, thumb)
  }

  async export(
    id: string,
    format: 'm3u8' | 'xspf',
  ): Promise<{ filename: string; content: string; mix: Mix }> {
    const mix = this.recent.get(id) ?? (await getMix(this.app.db, id))
    if (!mix) throw new AppError('not-found', `No mix ${id} — generate it again`)
    const files = new Map<number, TrackFile>()
    const ids = mix.tracks.map((t) => t.trackId).filter((i): i is number => i !== undefined)
    if (ids.length) {
      const rows = await this.app.db.all<{ id: number; path: string; duration: number | null }>(
        `SELECT id, path, duration FROM tracks WHERE id IN (${ids.map(() => '?').join(',')})`,
        ids,
      )
      for (const r of rows) files.set(r.id, { path: r.path, duration: r.duration })
    }
    const content = exportMix(mix, format, (trackId) => files.get(trackId))
    const filename = mixFileName(mix.name, format)
    return { filename, content, mix }
  }

  private keep(mix: Mix): MixView {
    this.recent.set(mix.id, mix)
    while (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!)
    return this.view(mix)
  }

  /** A mix as the UI shows it, its songs placed by content marked. */
  view(mix: Mix): MixView {
    return toView(mix, (key) => this.app.serving.placedBy(key))
  }
}

export function toView(
  m: Mix,
  placedBy: (key: string) => PlacedBy | undefined = () => undefined,
): MixView {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    description: m.description,
    seed: m.seed,
    created: m.created,
    saved: m.saved,
    tracks: m.tracks.map((t) => ({
      key: t.key,
      artist: t.artist,
      title: t.title,
      owned: t.owned,
      ...(t.trackId !== undefined ? { trackId: t.trackId } : {}),
      why: t.why,
      ...(placedBy(t.key) ? { placedBy: placedBy(t.key) } : {}),
    })),
  }
}
