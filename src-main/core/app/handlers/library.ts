// Requests about the user's music: summary, import job, playlists with match reports, fixes, export.
import { basename } from 'node:path'
import type { Handlers, TrackMatchView } from '../../../../src-shared/contract'
import { AppError } from '../../../../src-shared/dispatch'
import { isTagsOnlyReason } from '../../content/audio/decode'
import { analysisFailures } from '../../content/library/analysis-cache'
import { checkImportPaths, describePathProblems } from '../../library/import-paths'
import { fixTrackMatch, listTrackMatches, type TrackMatch } from '../../library/track-matches'
import { isKnownEncoding } from '../../playlists/decode-text'
import { setManualMatch } from '../../playlists/manual-match'
import { exportPlaylist, getPlaylist, listPlaylists } from '../../playlists/store'
import { librarySummary, toEntry, toSummary } from '../library'
import type { LibraryServices } from './services'

type LibraryHandlers = Pick<
  Handlers,
  | 'library.summary'
  | 'library.pickPaths'
  | 'library.import'
  | 'library.tracks'
  | 'library.fixTrack'
  | 'playlists.list'
  | 'playlists.get'
  | 'playlists.fixMatch'
  | 'playlists.export'
>

export function libraryHandlers(app: LibraryServices): LibraryHandlers {
  const playlistOrThrow = async (id: number) => {
    const p = await getPlaylist(app.db, id)
    if (!p) throw new AppError('not-found', `No playlist with id ${id} — it may have been removed`)
    return p
  }
  /** `audioError`: why the file's sound could not be analysed, if so. */
  const trackView = (t: TrackMatch, audioError?: string): TrackMatchView => {
    const ref = t.key ? app.songRef(t.key) : undefined
    return {
      ...t,
      song:
        ref && t.key && app.catalog.get(t.key) ? { artist: ref.artist, title: ref.title } : null,
      inModel: ref?.inModel ?? false,
      ...(ref?.placedBy ? { placedBy: ref.placedBy } : {}),
      ...(audioError
        ? { audio: { reason: audioError, needsFfmpeg: isTagsOnlyReason(audioError) } }
        : {}),
    }
  }
  return {
    'library.summary': async () => ({
      ...(await librarySummary(app.db)),
      canPickPaths: !!app.options.pickPaths,
    }),
    'library.pickPaths': async ({ kind }) => {
      if (!app.options.pickPaths)
        throw new AppError(
          'not-ready',
          'Type the paths instead: a file picker needs the desktop app',
        )
      return app.options.pickPaths(kind)
    },
    'library.import': async ({ paths: typed, encoding }) => {
      const { paths, problems } = await checkImportPaths(typed)
      if (problems.length) throw new AppError('not-found', describePathProblems(problems))
      if (!paths.length)
        throw new AppError('bad-request', 'Give at least one folder or playlist file')
      if (encoding !== undefined && !isKnownEncoding(encoding))
        throw new AppError('bad-request', `Unknown text encoding "${encoding}"`)
      return { jobId: app.startImport(paths, { encoding }).id }
    },
    'library.tracks': async () => {
      const [tracks, failures] = await Promise.all([
        listTrackMatches(app.db, app.catalogIndex),
        analysisFailures(app.db),
      ])
      return tracks.map((t) => trackView(t, failures.get(t.id)))
    },
    'library.fixTrack': async ({ trackId, key }) => {
      if (!app.catalog.get(key) || !app.catalogIndex.has(key))
        throw new AppError('not-found', `No catalogue song with key "${key}"`)
      let fixed: TrackMatch
      try {
        fixed = await fixTrackMatch(app.db, app.catalogIndex, trackId, key)
      } catch (e) {
        throw new AppError('not-found', (e as Error).message)
      }
      await app.refreshOwned()
      return trackView(fixed, (await analysisFailures(app.db)).get(fixed.id))
    },
    'playlists.list': async () => (await listPlaylists(app.db)).map(toSummary),
    'playlists.get': async ({ id }) => {
      const p = await playlistOrThrow(id)
      return { playlist: toSummary(p), entries: p.items.map(toEntry) }
    },
    'playlists.fixMatch': async ({ id, position, key }) => {
      const p = await playlistOrThrow(id)
      const item = p.items.find((i) => i.position === position)
      if (!item)
        throw new AppError('not-found', `Playlist ${id} has no entry at position ${position}`)
      if (!app.catalog.get(key))
        throw new AppError('not-found', `No catalogue song with key "${key}"`)
      await setManualMatch(app.db, item, key, app.catalogIndex)
      const updated = (await playlistOrThrow(id)).items.find((i) => i.position === position)!
      return toEntry(updated)
    },
    'playlists.export': async ({ id, format }) => {
      const p = await playlistOrThrow(id)
      const content = await exportPlaylist(app.db, id, format)
      const name =
        basename(p.name)
          .replace(/[^\p{L}\p{N} ._-]+/gu, '_')
          .trim() || `playlist-${id}`
      return { filename: `${name}.${format}`, content }
    },
  }
}
