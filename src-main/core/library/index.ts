// The music library's public surface: folders, scanning (incremental, cancellable), watching, matching helpers.
export { addFolders, listFolders, removeFolder, type LibraryFolder } from './folders'
export {
  LibraryIndex,
  DURATION_TOLERANCE,
  type LibraryLookup,
  type LibraryQuery,
  type LibraryTrackRef,
} from './library-index'
export { readTrackTags, type TrackTags } from './read-tags'
export { relinkPlaylistItems } from './relink'
export type { ScanFailure } from './scan-failure'
export {
  rescanLibrary,
  scanFolders,
  type ScanOptions,
  type ScanProgress,
  type ScanSummary,
} from './scan'
export { watchLibrary, type LibraryWatcher, type WatchOptions } from './watch'
