// Playlists' public surface: reading every format, writing M3U8/XSPF, importing with matching, stored playlists and the user corpus.
export { detectFormat } from './detect'
export {
  importPaths,
  importPlaylistFile,
  type ImportedItem,
  type ImportedPlaylist,
  type ImportOptions,
  type ImportPathsOptions,
  type ImportPathsResult,
  type ImportProgress,
  type ImportReport,
} from './import'
export { clearManualMatch, setManualMatch } from './manual-match'
export { readPlaylistBytes, readPlaylistFile, type ReadPlaylistOptions } from './read'
export {
  deletePlaylist,
  exportPlaylist,
  getPlaylist,
  listPlaylists,
  userCorpus,
  type PlaylistDetail,
  type PlaylistItem,
  type PlaylistSummary,
} from './store'
export type { ParsedPlaylist, ParsedPlaylistFile, PlaylistEntry, PlaylistFormat } from './types'
export { writeM3u8, writeXspf } from './writers'
