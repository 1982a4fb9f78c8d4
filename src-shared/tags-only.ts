// The words for songs whose sound Segue could not analyse because their format needs ffmpeg: placed by their tags only.

/** Failed tracks of one file type whose format needs ffmpeg. */
export interface NeedsFfmpeg {
  /** File type as the user knows it, from the extension ("M4A"). */
  format: string
  count: number
}

/**
 * "3 M4A files and 1 WMA file are placed by tags only — install ffmpeg to analyse them"; when
 * ffmpeg has been found since (`ffmpegFound`), says to analyse again instead. Null when none.
 */
export function needsFfmpegSummary(
  groups: readonly NeedsFfmpeg[] | undefined,
  ffmpegFound = false,
): string | null {
  const shown = (groups ?? []).filter((g) => g.count > 0)
  if (shown.length === 0) return null
  const parts = shown.map(
    (g) => `${g.count.toLocaleString('en')} ${g.format} file${g.count === 1 ? '' : 's'}`,
  )
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  const one = shown.reduce((s, g) => s + g.count, 0) === 1
  const what = one ? 'it' : 'them'
  const todo = ffmpegFound
    ? `ffmpeg is installed now: analyse your music again to analyse ${what}`
    : `install ffmpeg to analyse ${what}`
  return `${list} ${one ? 'is' : 'are'} placed by tags only — ${todo}`
}
