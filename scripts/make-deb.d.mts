// Types for make-deb.mjs (used by the packaging test).
export declare const PLAYLIST_MIME_TYPES: string[]
export declare function makeDeb(options: {
  src: string
  dest: string
  compression?: 'xz' | 'gzip' | 'zstd' | 'none'
  logger?: (message: string) => void
}): Promise<string>
