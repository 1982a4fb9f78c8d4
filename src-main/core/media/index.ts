// The media area's public API: the library-folder guard and Range-aware file responses, shared by Electron and the server.
export { audioContentType } from './content-type'
export { MediaError, type MediaErrorCode } from './media-error'
export {
  checkLibraryPath,
  inside,
  resolveMediaPath,
  type ResolveOptions,
} from './resolve-media-path'
export { openLibraryFile, openTrackFile, type OpenedLibraryFile } from './open-library-file'
export {
  parseRange,
  serveFileRange,
  serveOpenedFile,
  type ParsedRange,
  type RangeResponse,
} from './serve-file-range'
